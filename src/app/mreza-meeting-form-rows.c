/* mreza-meeting-form-rows.c: the meeting form's agenda, invitees and
 * follow-up tasks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the form that grow with the meeting: one expander row per
 * agenda item and per follow-up task, a row per local team to tick, and
 * the institutions invited in their own right. Each widget writes into
 * the MrezaMeeting the form edits (self->current) as it changes, and
 * tells the form (mreza_form_changed()), which checks everything again.
 * The rows keep a pointer to their item; the form drops the rows before
 * it frees an item, and self->filling mutes them while they are built.
 */
#define G_LOG_DOMAIN "mreza-meeting-form"

#include "config.h"

#include "mreza-meeting-form-private.h"

#include "mreza-labels.h"

#include <glib/gi18n.h>

static void
update_state (MrezaMeetingForm *self)
{
  mreza_form_changed (MREZA_FORM (self));
}

/* Helpers --------------------------------------------------------------- */

static char *
dup_editable_text (GtkEditable *editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
_mreza_meeting_form_set_text (char       **field,
          GtkEditable *editable)
{
  g_free (*field);
  *field = dup_editable_text (editable);
}

/* A combo row whose first choice is "None": the id chosen, or NULL. */
const char *
_mreza_meeting_form_combo_id (AdwComboRow *row,
          GPtrArray   *choices)
{
  guint i = adw_combo_row_get_selected (row);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return mreza_meeting_choices_id (choices, i - 1);
}

void
_mreza_meeting_form_combo_select (AdwComboRow *row,
              GPtrArray   *choices,
              const char  *id)
{
  guint i = mreza_meeting_choices_index (choices, id);

  adw_combo_row_set_selected (row, i == GTK_INVALID_LIST_POSITION ? 0 : i + 1);
}

void
_mreza_meeting_form_set_editable (GtkWidget  *editable,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

/* Shows @problem in the row's title (or subtitle), where the eye
 * already is, and to screen readers as the row's description. */
void
_mreza_meeting_form_show_problem (GtkWidget  *row,
              gboolean    in_subtitle,
              const char *text,
              const char *problem)
{
  if (problem != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  if (in_subtitle)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                   problem != NULL ? problem : text);
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   problem != NULL ? problem : text);

  if (problem != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Removes the rows, and only the rows: the placeholder stays. */
static void
clear_box (GtkListBox *box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (box, 0)) != NULL)
    gtk_list_box_remove (box, GTK_WIDGET (row));
}

GtkWidget *
_mreza_meeting_form_placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static guint
find_index (GPtrArray *array,
            gpointer   data)
{
  guint index;

  if (g_ptr_array_find (array, data, &index))
    return index;
  return GTK_INVALID_LIST_POSITION;
}

/* Agenda items ------------------------------------------------------------ */

/* "10:00 · 45 min · Presenter", or "" */
static char *
item_summary (MrezaMeetingForm       *self,
              const MrezaMeetingItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *presenter = mreza_meeting_choices_name (self->choices->institutions,
                                                      item->presenter_id);

  if (item->start_time != NULL)
    g_ptr_array_add (parts, g_strdup (item->start_time));
  if (item->duration_min > 0)
    /* Translators: an agenda item's length in minutes */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d minute",
                                                       "%d minutes",
                                                       (gulong) item->duration_min),
                                             (int) item->duration_min));
  if (presenter != NULL)
    g_ptr_array_add (parts, mreza_display_text (presenter));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static MrezaMeetingItem *
row_item (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "item");
}

static void
item_changed_cb (GtkWidget        *widget,
                 GParamSpec       *pspec,
                 MrezaMeetingForm *self)
{
  MrezaMeetingItem *item = row_item (widget);
  GtkWidget *row = g_object_get_data (G_OBJECT (widget), "expander");
  const char *field = g_object_get_data (G_OBJECT (widget), "field");
  guint link;

  if (self->filling || item == NULL)
    return;
  self->touched = TRUE;

  if (g_str_equal (field, "title"))
    _mreza_meeting_form_set_text (&item->title, GTK_EDITABLE (widget));
  else if (g_str_equal (field, "start"))
    _mreza_meeting_form_set_text (&item->start_time, GTK_EDITABLE (widget));
  else if (g_str_equal (field, "minutes"))
    item->duration_min = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget));
  else if (g_str_equal (field, "presenter"))
    {
      g_free (item->presenter_id);
      item->presenter_id = g_strdup (_mreza_meeting_form_combo_id (ADW_COMBO_ROW (widget),
                                               self->choices->institutions));
    }
  else if (g_str_equal (field, "link"))
    {
      link = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
      g_clear_pointer (&item->goal_id, g_free);
      g_clear_pointer (&item->activity_id, g_free);
      if (link > 0 && link <= self->choices->links->len)
        {
          MrezaMeetingLink *l = g_ptr_array_index (self->choices->links, link - 1);

          item->goal_id = g_strdup (l->goal_id);
          item->activity_id = g_strdup (l->activity_id);
        }
    }

  if (row != NULL && g_str_equal (field, "title"))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   item->title ? item->title : _("New item"));
  update_state (self);
}

static void
entry_changed_cb (GtkEditable      *editable,
                  MrezaMeetingForm *self)
{
  item_changed_cb (GTK_WIDGET (editable), NULL, self);
}

static void
watch (GtkWidget        *widget,
       GtkWidget        *expander,
       gpointer          item,
       const char       *field,
       GCallback         callback,
       MrezaMeetingForm *self)
{
  g_object_set_data (G_OBJECT (widget), "item", item);
  g_object_set_data (G_OBJECT (widget), "expander", expander);
  g_object_set_data (G_OBJECT (widget), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (expander), field, widget);

  if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_object (widget, "notify::selected", callback, self, 0);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "notify::value", callback, self, 0);
  else
    g_signal_connect_object (widget, "changed",
                             callback == G_CALLBACK (item_changed_cb)
                               ? G_CALLBACK (entry_changed_cb) : callback,
                             self, 0);
}

static void
item_button_cb (GtkButton        *button,
                MrezaMeetingForm *self)
{
  MrezaMeetingItem *item = row_item (GTK_WIDGET (button));
  const char *what = g_object_get_data (G_OBJECT (button), "field");
  guint index = find_index (self->current->items, item);

  if (index == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (what, "up"))
    _mreza_meeting_form_move_item (self, index, -1);
  else if (g_str_equal (what, "down"))
    _mreza_meeting_form_move_item (self, index, +1);
  else
    _mreza_meeting_form_remove_item (self, index);
}

static GtkWidget *
item_buttons_new (MrezaMeetingForm *self,
                  GtkWidget        *expander,
                  MrezaMeetingItem *item,
                  guint             index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *up = icon_button_new ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = icon_button_new ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = icon_button_new ("user-trash-symbolic",
                                       _("Remove Item"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Order"));
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < self->current->items->len);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data (G_OBJECT (up), "item", item);
  g_object_set_data (G_OBJECT (up), "field", (gpointer) "up");
  g_object_set_data (G_OBJECT (down), "item", item);
  g_object_set_data (G_OBJECT (down), "field", (gpointer) "down");
  g_object_set_data (G_OBJECT (remove), "item", item);
  g_object_set_data (G_OBJECT (remove), "field", (gpointer) "remove");
  g_object_set_data (G_OBJECT (expander), "remove", remove);
  g_signal_connect_object (up, "clicked", G_CALLBACK (item_button_cb), self, 0);
  g_signal_connect_object (down, "clicked", G_CALLBACK (item_button_cb), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (item_button_cb),
                           self, 0);
  return row;
}

static GtkWidget *
minutes_row_new (GtkWidget **spin)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = gtk_spin_button_new_with_range (0, MREZA_MEETING_MAX_MINUTES, 5);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("Minutes (0: not given)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *spin);
  return row;
}

static GtkWidget *
item_row_new (MrezaMeetingForm *self,
              MrezaMeetingItem *item,
              guint             index)
{
  MrezaMeetingChoices *c = self->choices;
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *start = adw_entry_row_new ();
  GtkWidget *spin = NULL;
  GtkWidget *minutes = minutes_row_new (&spin);
  AdwComboRow *presenter = mreza_meeting_combo_row_new (_("Presented by"),
                                                        c->institution_names);
  AdwComboRow *link = mreza_meeting_combo_row_new (_("Part of the plan"),
                                                   c->link_names);
  guint link_index = mreza_meeting_choices_link_index (c, item->goal_id,
                                                       item->activity_id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 item->title ? item->title : _("New item"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (start),
                                 _("Start (hours:minutes)"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (start),
                                   GTK_INPUT_PURPOSE_DIGITS);

  _mreza_meeting_form_set_editable (title, item->title);
  _mreza_meeting_form_set_editable (start, item->start_time);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), item->duration_min);
  _mreza_meeting_form_combo_select (presenter, c->institutions, item->presenter_id);
  adw_combo_row_set_selected (link, link_index == GTK_INVALID_LIST_POSITION
                                      ? 0 : link_index + 1);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), start);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), minutes);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (presenter));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (link));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            item_buttons_new (self, expander, item, index));

  watch (title, expander, item, "title", G_CALLBACK (item_changed_cb), self);
  watch (start, expander, item, "start", G_CALLBACK (item_changed_cb), self);
  watch (spin, expander, item, "minutes", G_CALLBACK (item_changed_cb), self);
  watch (GTK_WIDGET (presenter), expander, item, "presenter",
         G_CALLBACK (item_changed_cb), self);
  watch (GTK_WIDGET (link), expander, item, "link",
         G_CALLBACK (item_changed_cb), self);
  return expander;
}

void
_mreza_meeting_form_rebuild_items (MrezaMeetingForm *self,
               gpointer          expand)
{
  self->filling = TRUE;
  clear_box (self->items_box);
  g_ptr_array_set_size (self->item_rows, 0);
  for (guint i = 0; i < self->current->items->len; i++)
    {
      MrezaMeetingItem *item = self->current->items->pdata[i];
      GtkWidget *row = item_row_new (self, item, i);

      if (item == expand)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->items_box, row);
      g_ptr_array_add (self->item_rows, row);
    }
  self->filling = FALSE;
}

GtkWidget *
_mreza_meeting_form_add_item (MrezaMeetingForm *self)
{
  MrezaMeetingItem *item;

  g_return_val_if_fail (MREZA_IS_MEETING_FORM (self), NULL);

  item = mreza_meeting_add_item (self->current);
  self->touched = TRUE;
  _mreza_meeting_form_rebuild_items (self, item);
  update_state (self);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (g_ptr_array_index (self->item_rows,
                                                                         self->item_rows->len - 1)),
                                            "title"));
  return g_ptr_array_index (self->item_rows, self->item_rows->len - 1);
}

void
_mreza_meeting_form_move_item (MrezaMeetingForm *self,
                               guint             index,
                               int               delta)
{
  GPtrArray *items = self->current->items;
  gpointer item;
  guint to;

  g_return_if_fail (MREZA_IS_MEETING_FORM (self));
  g_return_if_fail (index < items->len);

  to = index + delta;
  if ((delta < 0 && index == 0) || to >= items->len)
    return;

  item = items->pdata[index];
  items->pdata[index] = items->pdata[to];
  items->pdata[to] = item;
  _mreza_meeting_form_rebuild_items (self, item);
  update_state (self);
}

void
_mreza_meeting_form_remove_item (MrezaMeetingForm *self,
                                 guint             index)
{
  g_return_if_fail (MREZA_IS_MEETING_FORM (self));
  g_return_if_fail (index < self->current->items->len);

  /* The rows that point at the item go before the item does. */
  self->filling = TRUE;
  clear_box (self->items_box);
  self->filling = FALSE;
  g_ptr_array_remove_index (self->current->items, index);
  _mreza_meeting_form_rebuild_items (self, NULL);
  update_state (self);
}

/* Invited teams and institutions ------------------------------------------ */

static MrezaMeetingInvitee *
find_invitee (MrezaMeeting *m,
              const char   *team_id,
              const char   *institution_id)
{
  for (guint i = 0; i < m->invitees->len; i++)
    {
      MrezaMeetingInvitee *invitee = m->invitees->pdata[i];

      if ((team_id != NULL && g_strcmp0 (invitee->team_id, team_id) == 0) ||
          (institution_id != NULL &&
           g_strcmp0 (invitee->institution_id, institution_id) == 0))
        return invitee;
    }
  return NULL;
}

/* A team or institution invited again keeps the row it had, so that
 * unticking and ticking again changes nothing. */
static MrezaMeetingInvitee *
invite (MrezaMeetingForm *self,
        const char       *team_id,
        const char       *institution_id)
{
  MrezaMeetingInvitee *invitee = find_invitee (self->current, team_id,
                                               institution_id);
  MrezaMeetingInvitee *before;

  if (invitee != NULL)
    return invitee;

  invitee = mreza_meeting_add_invitee (self->current, team_id, institution_id);
  before = find_invitee (self->original, team_id, institution_id);
  if (before != NULL)
    {
      invitee->id = g_strdup (before->id);
      invitee->attended = before->attended;
    }
  return invitee;
}

static void
uninvite (MrezaMeetingForm *self,
          const char       *team_id,
          const char       *institution_id)
{
  MrezaMeetingInvitee *invitee = find_invitee (self->current, team_id,
                                               institution_id);

  if (invitee != NULL)
    g_ptr_array_remove (self->current->invitees, invitee);
}

static void
team_toggled_cb (GtkCheckButton   *check,
                 GParamSpec       *pspec,
                 MrezaMeetingForm *self)
{
  guint team = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "team"));
  GtkWidget *came = g_object_get_data (G_OBJECT (check), "came");
  const char *what = g_object_get_data (G_OBJECT (check), "field");
  const char *team_id = mreza_meeting_choices_id (self->choices->teams, team);
  MrezaMeetingInvitee *invitee;

  if (self->filling)
    return;
  self->touched = TRUE;

  if (g_str_equal (what, "invited"))
    {
      _mreza_meeting_form_invite_team (self, team,
                                       gtk_check_button_get_active (check));
      invitee = find_invitee (self->current, team_id, NULL);
      self->filling = TRUE;
      gtk_widget_set_sensitive (came, invitee != NULL);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (came),
                                   invitee != NULL && invitee->attended);
      self->filling = FALSE;
    }
  else if ((invitee = find_invitee (self->current, team_id, NULL)) != NULL)
    invitee->attended = gtk_check_button_get_active (check);

  update_state (self);
}

void
_mreza_meeting_form_invite_team (MrezaMeetingForm *self,
                                 guint             team,
                                 gboolean          invited)
{
  const char *team_id;

  g_return_if_fail (MREZA_IS_MEETING_FORM (self));

  team_id = mreza_meeting_choices_id (self->choices->teams, team);
  g_return_if_fail (team_id != NULL);

  if (invited)
    invite (self, team_id, NULL);
  else
    uninvite (self, team_id, NULL);
}

/* As if the person ticked or unticked the team's box. */
void
_mreza_meeting_form_set_team_invited (MrezaMeetingForm *self,
                                      guint             team,
                                      gboolean          invited)
{
  g_return_if_fail (MREZA_IS_MEETING_FORM (self));

  self->touched = TRUE;
  _mreza_meeting_form_invite_team (self, team, invited);
  _mreza_meeting_form_build_teams (self);
  update_state (self);
}

static GtkWidget *
check_new (const char *label,
           const char *field,
           guint       team)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (check), "team", GUINT_TO_POINTER (team));
  return check;
}

void
_mreza_meeting_form_build_teams (MrezaMeetingForm *self)
{
  GPtrArray *teams = self->choices->teams;

  self->filling = TRUE;
  clear_box (self->teams_box);
  for (guint i = 0; i < teams->len; i++)
    {
      MrezaChoice *team = g_ptr_array_index (teams, i);
      MrezaMeetingInvitee *invitee = find_invitee (self->current, team->id, NULL);
      g_autofree char *name = mreza_display_text (team->label);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *invited = check_new (NULL, "invited", i);
      /* Translators: a check box: the invited team came to the meeting */
      GtkWidget *came = check_new (_("Came"), "came", i);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (invited),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (invited), "came", came);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (invited), invitee != NULL);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (came),
                                   invitee != NULL && invitee->attended);
      gtk_widget_set_sensitive (came, invitee != NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), invited);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), came);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), invited);
      g_signal_connect_object (invited, "notify::active",
                               G_CALLBACK (team_toggled_cb), self, 0);
      g_signal_connect_object (came, "notify::active",
                               G_CALLBACK (team_toggled_cb), self, 0);
      gtk_list_box_append (self->teams_box, row);
    }
  self->filling = FALSE;
}

static void
institution_came_cb (GtkCheckButton   *check,
                     GParamSpec       *pspec,
                     MrezaMeetingForm *self)
{
  MrezaMeetingInvitee *invitee = g_object_get_data (G_OBJECT (check), "invitee");

  if (self->filling || find_index (self->current->invitees, invitee) ==
                       GTK_INVALID_LIST_POSITION)
    return;
  self->touched = TRUE;
  invitee->attended = gtk_check_button_get_active (check);
  update_state (self);
}

static gboolean
rebuild_institutions_idle_cb (gpointer user_data)
{
  MrezaMeetingForm *self = user_data;

  _mreza_meeting_form_rebuild_institutions (self);
  update_state (self);
  return G_SOURCE_REMOVE;
}

static void
institution_remove_cb (GtkButton        *button,
                       MrezaMeetingForm *self)
{
  MrezaMeetingInvitee *invitee = g_object_get_data (G_OBJECT (button), "invitee");

  if (find_index (self->current->invitees, invitee) == GTK_INVALID_LIST_POSITION)
    return;
  self->touched = TRUE;
  g_ptr_array_remove (self->current->invitees, invitee);
  /* Not from inside the clicked button's own handler. */
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_institutions_idle_cb,
                   g_object_ref (self), g_object_unref);
}

static void
institution_added_cb (AdwComboRow      *combo,
                      GParamSpec       *pspec,
                      MrezaMeetingForm *self)
{
  const char *id = _mreza_meeting_form_combo_id (combo, self->choices->institutions);

  if (self->filling || id == NULL)
    return;
  self->touched = TRUE;
  invite (self, NULL, id);
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_institutions_idle_cb,
                   g_object_ref (self), g_object_unref);
}

static GtkWidget *
institution_row_new (MrezaMeetingForm    *self,
                     MrezaMeetingInvitee *invitee)
{
  const char *name = mreza_meeting_choices_name (self->choices->institutions,
                                                 invitee->institution_id);
  g_autofree char *shown = mreza_display_text (name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *came = gtk_check_button_new_with_label (_("Came"));
  GtkWidget *remove = icon_button_new ("user-trash-symbolic",
                                       _("Remove from the Invited"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown ? shown : "");
  gtk_widget_set_valign (came, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (came), invitee->attended);
  g_object_set_data (G_OBJECT (came), "invitee", invitee);
  g_object_set_data (G_OBJECT (remove), "invitee", invitee);
  g_signal_connect_object (came, "notify::active",
                           G_CALLBACK (institution_came_cb), self, 0);
  g_signal_connect_object (remove, "clicked",
                           G_CALLBACK (institution_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), came);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

void
_mreza_meeting_form_rebuild_institutions (MrezaMeetingForm *self)
{
  AdwComboRow *add;

  self->filling = TRUE;
  clear_box (self->institutions_box);
  for (guint i = 0; i < self->current->invitees->len; i++)
    {
      MrezaMeetingInvitee *invitee = self->current->invitees->pdata[i];

      if (invitee->institution_id != NULL)
        gtk_list_box_append (self->institutions_box,
                             institution_row_new (self, invitee));
    }

  add = mreza_meeting_combo_row_new (_("Invite an Institution"),
                                     self->choices->invite_names);
  adw_combo_row_set_use_subtitle (add, FALSE);
  adw_combo_row_set_selected (add, 0);
  g_signal_connect_object (add, "notify::selected",
                           G_CALLBACK (institution_added_cb), self, 0);
  gtk_list_box_append (self->institutions_box, GTK_WIDGET (add));
  self->filling = FALSE;
}

/* Follow-up tasks --------------------------------------------------------- */

static void
follow_up_changed_cb (GtkWidget        *widget,
                      GParamSpec       *pspec,
                      MrezaMeetingForm *self)
{
  MrezaMeetingFollowUp *f = g_object_get_data (G_OBJECT (widget), "item");
  GtkWidget *row = g_object_get_data (G_OBJECT (widget), "expander");
  const char *field = g_object_get_data (G_OBJECT (widget), "field");

  if (self->filling || f == NULL)
    return;
  self->touched = TRUE;

  if (g_str_equal (field, "title"))
    {
      _mreza_meeting_form_set_text (&f->title, GTK_EDITABLE (widget));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     f->title ? f->title : _("New task"));
    }
  else if (g_str_equal (field, "deadline"))
    _mreza_meeting_form_set_text (&f->deadline, GTK_EDITABLE (widget));
  else if (g_str_equal (field, "responsible"))
    {
      g_free (f->responsible_id);
      f->responsible_id = g_strdup (_mreza_meeting_form_combo_id (ADW_COMBO_ROW (widget),
                                              self->choices->institutions));
    }
  else if (g_str_equal (field, "task"))
    {
      g_free (f->task_id);
      f->task_id = g_strdup (_mreza_meeting_form_combo_id (ADW_COMBO_ROW (widget),
                                       self->choices->tasks));
    }
  update_state (self);
}

static void
follow_up_entry_changed_cb (GtkEditable      *editable,
                            MrezaMeetingForm *self)
{
  follow_up_changed_cb (GTK_WIDGET (editable), NULL, self);
}

static void
watch_follow_up (GtkWidget            *widget,
                 GtkWidget            *expander,
                 MrezaMeetingFollowUp *f,
                 const char           *field,
                 MrezaMeetingForm     *self)
{
  g_object_set_data (G_OBJECT (widget), "item", f);
  g_object_set_data (G_OBJECT (widget), "expander", expander);
  g_object_set_data (G_OBJECT (widget), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (expander), field, widget);
  if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_object (widget, "notify::selected",
                             G_CALLBACK (follow_up_changed_cb), self, 0);
  else
    g_signal_connect_object (widget, "changed",
                             G_CALLBACK (follow_up_entry_changed_cb), self, 0);
}

static gboolean
rebuild_follow_ups_idle_cb (gpointer user_data)
{
  MrezaMeetingForm *self = user_data;

  _mreza_meeting_form_rebuild_follow_ups (self, NULL);
  update_state (self);
  return G_SOURCE_REMOVE;
}

static void
follow_up_remove_cb (GtkButton        *button,
                     MrezaMeetingForm *self)
{
  MrezaMeetingFollowUp *f = g_object_get_data (G_OBJECT (button), "item");
  guint index = find_index (self->current->follow_ups, f);

  if (index == GTK_INVALID_LIST_POSITION)
    return;
  self->touched = TRUE;
  self->filling = TRUE;
  clear_box (self->follow_ups_box);
  g_ptr_array_set_size (self->follow_up_rows, 0);
  self->filling = FALSE;
  g_ptr_array_remove_index (self->current->follow_ups, index);
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_follow_ups_idle_cb,
                   g_object_ref (self), g_object_unref);
}

static GtkWidget *
follow_up_row_new (MrezaMeetingForm     *self,
                   MrezaMeetingFollowUp *f)
{
  MrezaMeetingChoices *c = self->choices;
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *deadline = adw_entry_row_new ();
  AdwComboRow *responsible = mreza_meeting_combo_row_new (_("Responsible"),
                                                          c->institution_names);
  AdwComboRow *task = mreza_meeting_combo_row_new (_("Feeds the plan’s task"),
                                                   c->task_names);
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove = icon_button_new ("user-trash-symbolic", _("Remove Task"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 f->title ? f->title : _("New task"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title),
                                 _("What is to be done"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (deadline),
                                 _("Deadline (year-month-day)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row),
                                 _("Remove this task"));
  _mreza_meeting_form_set_editable (title, f->title);
  _mreza_meeting_form_set_editable (deadline, f->deadline);
  _mreza_meeting_form_combo_select (responsible, c->institutions, f->responsible_id);
  _mreza_meeting_form_combo_select (task, c->tasks, f->task_id);
  g_object_set_data (G_OBJECT (remove), "item", f);
  g_signal_connect_object (remove, "clicked",
                           G_CALLBACK (follow_up_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (responsible));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), deadline);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (task));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);

  watch_follow_up (title, expander, f, "title", self);
  watch_follow_up (deadline, expander, f, "deadline", self);
  watch_follow_up (GTK_WIDGET (responsible), expander, f, "responsible", self);
  watch_follow_up (GTK_WIDGET (task), expander, f, "task", self);
  return expander;
}

void
_mreza_meeting_form_rebuild_follow_ups (MrezaMeetingForm *self,
                    gpointer          expand)
{
  self->filling = TRUE;
  clear_box (self->follow_ups_box);
  g_ptr_array_set_size (self->follow_up_rows, 0);
  for (guint i = 0; i < self->current->follow_ups->len; i++)
    {
      MrezaMeetingFollowUp *f = self->current->follow_ups->pdata[i];
      GtkWidget *row = follow_up_row_new (self, f);

      if (f == expand)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->follow_ups_box, row);
      g_ptr_array_add (self->follow_up_rows, row);
    }
  self->filling = FALSE;
}

GtkWidget *
_mreza_meeting_form_add_follow_up (MrezaMeetingForm *self)
{
  MrezaMeetingFollowUp *f;

  g_return_val_if_fail (MREZA_IS_MEETING_FORM (self), NULL);

  f = mreza_meeting_add_follow_up (self->current);
  self->touched = TRUE;
  _mreza_meeting_form_rebuild_follow_ups (self, f);
  update_state (self);
  return g_ptr_array_index (self->follow_up_rows, self->follow_up_rows->len - 1);
}

void
_mreza_meeting_form_update_children_state (MrezaMeetingForm *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    {
      g_autofree char *problem = mreza_meeting_check_item (self->current, i);
      g_autofree char *summary = item_summary (self, self->current->items->pdata[i]);

      _mreza_meeting_form_show_problem (g_ptr_array_index (self->item_rows, i), TRUE, summary,
                    problem);
    }
  for (guint i = 0; i < self->follow_up_rows->len; i++)
    {
      MrezaMeetingFollowUp *f = self->current->follow_ups->pdata[i];
      g_autofree char *problem = mreza_meeting_check_follow_up (self->current, i);
      g_autofree char *deadline = mreza_format_date (f->deadline);

      _mreza_meeting_form_show_problem (g_ptr_array_index (self->follow_up_rows, i), TRUE,
                    deadline ? deadline : "", problem);
    }
}
