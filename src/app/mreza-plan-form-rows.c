/* mreza-plan-form-rows.c: rows the forms of the plan's structure share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The task, goal, activity and budget line forms number their record,
 * word a deadline the same way, and are locked the same way on a
 * member's device: the plan is the coordinator's.
 */
#define G_LOG_DOMAIN "mreza-plan-form-rows"

#include "config.h"

#include "mreza-plan-form-rows.h"

#include <glib/gi18n.h>

/**
 * mreza_plan_form_row_new:
 * @form: the form the row's changes update
 * @title: the row's title, which turns into what is wrong with it
 * @label: its accessible label, which stays what the field is
 * @digits: whether the field takes digits (a number, a date)
 *
 * Returns: (transfer floating): an entry row
 */
GtkWidget *
mreza_plan_form_row_new (MrezaForm  *form,
                         const char *title,
                         const char *label,
                         gboolean    digits)
{
  GtkWidget *row = mreza_form_entry_row_new (form, title);

  if (digits)
    g_object_set (row, "input-purpose", GTK_INPUT_PURPOSE_DIGITS, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

/* A number that is not a whole number above 0 reads as 0, which the
 * record's check turns into what to write instead. */
int
mreza_plan_form_read_number (GtkWidget *row)
{
  g_autofree char *text = mreza_form_dup_text (row);
  gint64 number = 0;

  if (text == NULL ||
      !g_ascii_string_to_signed (g_strstrip (text), 10, 1, G_MAXINT, &number,
                                 NULL))
    return 0;
  return (int) number;
}

void
mreza_plan_form_set_number (GtkWidget *row,
                            int        number)
{
  g_autofree char *text = number > 0 ? g_strdup_printf ("%d", number) : NULL;

  mreza_form_set_text (row, text);
}

/**
 * mreza_plan_form_add_deadline:
 * @form: a form
 * @description: what the deadline means for the record
 * @text_row: (out): the deadline as the plan words it
 * @from_row: (out): its first day
 * @to_row: (out): its last day
 *
 * Adds the Deadline group to @form.
 */
void
mreza_plan_form_add_deadline (MrezaForm   *form,
                              const char  *description,
                              GtkWidget  **text_row,
                              GtkWidget  **from_row,
                              GtkWidget  **to_row)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Deadline"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         description);
  *text_row = mreza_plan_form_row_new (form, _("Deadline as written"),
                                       _("Deadline as written"), FALSE);
  *from_row = mreza_plan_form_row_new (form, _("From (year-month-day)"),
                                       _("First day of the deadline"), TRUE);
  *to_row = mreza_plan_form_row_new (form, _("By (year-month-day)"),
                                     _("Last day of the deadline"), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *text_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *from_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *to_row);
  mreza_form_add_group (form, group);
}

/**
 * mreza_plan_form_apply_access:
 * @form: a form of the plan's structure
 * @access: (nullable): what this device may write; %NULL for anything
 * @table: the record's table
 * @delete_label: (nullable): the Delete button's label, or %NULL for a
 *   new record, which has none
 * @why_not_delete: (nullable): why the record may not be deleted even
 *   where the plan may be changed
 * @rows: (array length=n_rows): the form's rows
 * @n_rows: how many
 *
 * The plan is the coordinator's: a member's device sees the form
 * locked, with the reason, its rows off and Delete off.
 */
void
mreza_plan_form_apply_access (MrezaForm          *form,
                              const MrezaAccess  *access,
                              const char         *table,
                              const char         *delete_label,
                              const char         *why_not_delete,
                              GtkWidget         **rows,
                              guint               n_rows)
{
  const char *why = access != NULL ? mreza_access_why_not (access, table, NULL)
                                   : NULL;

  g_return_if_fail (MREZA_IS_FORM (form));

  mreza_form_set_locked (form, why);
  if (delete_label != NULL)
    mreza_form_set_deletable (form, delete_label,
                              why != NULL ? why : why_not_delete);
  for (guint i = 0; i < n_rows; i++)
    gtk_widget_set_sensitive (rows[i], why == NULL);
}
