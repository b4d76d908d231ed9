/* mreza-labels.c: the words people read for the codes the replica stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The replica stores stable codes (sector, status, kind); nobody should
 * ever read one. Every code maps to a translated label here, and a code
 * this build does not know yet (written by a newer Mreža) reads as
 * "Other" rather than as itself.
 */
#define G_LOG_DOMAIN "mreza-labels"

#include "config.h"

#include "mreza-labels.h"

#include "mreza-locale.h"

#include <glib/gi18n.h>

typedef struct
{
  const char *code;
  const char *label;
} Label;

/* In the order a team's members are listed: the institutions that act
 * first come first. */
static const Label sectors[] = {
  { "national_coordination", N_("National coordination") },
  { "police", N_("Police") },
  { "prosecution", N_("Prosecution") },
  { "justice", N_("Courts") },
  { "social_protection", N_("Centres for social work") },
  { "health", N_("Health care") },
  { "education", N_("Education") },
  { "employment", N_("Employment service") },
  { "local_government", N_("Local government") },
  { "youth_office", N_("Youth office") },
  { "red_cross", N_("Red Cross") },
  { "civil_society", N_("Civil society") },
  { "government_office", N_("Government offices") },
  { "foreign_affairs", N_("Foreign affairs") },
  { "finance", N_("Finance") },
  { "media", N_("Media") },
  { "international", N_("International organisations") },
  { "research", N_("Research") },
  { "other", N_("Other") },
};

static const Label task_statuses[] = {
  { "not_started", N_("Not started") },
  { "in_progress", N_("In progress") },
  { "done", N_("Done") },
  { "dropped", N_("Dropped") },
};

static const Label project_statuses[] = {
  { "planned", N_("Planned") },
  { "ongoing", N_("Ongoing") },
  { "finished", N_("Finished") },
};

static const Label action_kinds[] = {
  { "training", N_("Training") },
  { "campaign", N_("Campaign") },
  { "meeting", N_("Meeting") },
  { "joint_preventive_action", N_("Joint preventive action") },
  { "other", N_("Other") },
};

static const Label budget_sources[] = {
  { "budget", N_("Budget") },
  { "donor", N_("Donor") },
  { "taiex", N_("TAIEX") },
  { "project", N_("Project") },
  { "no_cost", N_("No cost") },
  { "unknown", N_("Source not known") },
};

static const Label partner_roles[] = {
  { "lead", N_("Lead") },
  { "partner", N_("Partners") },
  { "donor", N_("Donors") },
};

static const Label indicator_kinds[] = {
  { "count", N_("Count") },
  { "percentage", N_("Percentage") },
  { "yes_no", N_("Yes or no") },
  { "text", N_("Description") },
};

static int
find_label (const Label *labels,
            gsize        n_labels,
            const char  *code)
{
  g_assert (labels != NULL);

  if (code == NULL)
    return -1;

  for (gsize i = 0; i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return (int) i;
    }

  return -1;
}

static const char *
lookup (const Label *labels,
        gsize        n_labels,
        const char  *code)
{
  int i = find_label (labels, n_labels, code);

  if (i < 0)
    return _("Other");

  return _(labels[i].label);
}

const char *
mreza_sector_label (const char *sector)
{
  return lookup (sectors, G_N_ELEMENTS (sectors), sector);
}

/* Returns: where @sector comes in a list of members; unknown ones last. */
int
mreza_sector_order (const char *sector)
{
  int i = find_label (sectors, G_N_ELEMENTS (sectors), sector);

  return i < 0 ? (int) G_N_ELEMENTS (sectors) : i;
}

const char *
mreza_task_status_label (const char *status)
{
  return lookup (task_statuses, G_N_ELEMENTS (task_statuses), status);
}

const char *
mreza_project_status_label (const char *status)
{
  return lookup (project_statuses, G_N_ELEMENTS (project_statuses), status);
}

const char *
mreza_action_kind_label (const char *kind)
{
  return lookup (action_kinds, G_N_ELEMENTS (action_kinds), kind);
}

const char *
mreza_budget_source_label (const char *source)
{
  return lookup (budget_sources, G_N_ELEMENTS (budget_sources), source);
}

const char *
mreza_partner_role_label (const char *role)
{
  return lookup (partner_roles, G_N_ELEMENTS (partner_roles), role);
}

const char *
mreza_indicator_kind_label (const char *kind)
{
  return lookup (indicator_kinds, G_N_ELEMENTS (indicator_kinds), kind);
}

/**
 * mreza_format_date:
 * @iso_date: (nullable): a `YYYY-MM-DD` date
 *
 * Returns: (transfer full) (nullable): the date as people write it in
 *   the language of the interface ("15. 3. 2018."), or %NULL without a
 *   valid date
 */
char *
mreza_format_date (const char *iso_date)
{
  return mreza_locale_format_date (NULL, iso_date);
}

/**
 * mreza_format_period:
 * @start_date: (nullable): the first day
 * @end_date: (nullable): the last day
 *
 * Returns: (transfer full) (nullable): "1 May 2009 – 31 Oct 2010", or
 *   whichever half is known, or %NULL
 */
char *
mreza_format_period (const char *start_date,
                     const char *end_date)
{
  g_autofree char *start = mreza_format_date (start_date);
  g_autofree char *end = mreza_format_date (end_date);

  if (start != NULL && end != NULL)
    /* Translators: a period of time, from the first date to the second */
    return g_strdup_printf (_("%s – %s"), start, end);
  if (start != NULL)
    /* Translators: a period that has no end date yet */
    return g_strdup_printf (_("From %s"), start);
  if (end != NULL)
    /* Translators: a period known only by its end date */
    return g_strdup_printf (_("Until %s"), end);

  return NULL;
}

/**
 * mreza_format_target:
 * @kind: an indicator kind: count, percentage, yes_no or text
 * @target: (nullable): the target as the replica stores it
 *
 * Returns: (transfer full) (nullable): the target to show, or %NULL
 */
char *
mreza_format_target (const char *kind,
                     const char *target)
{
  if (target == NULL || *target == '\0')
    return NULL;

  if (g_strcmp0 (kind, "yes_no") == 0)
    {
      gboolean yes = g_str_equal (target, "1") ||
                     g_ascii_strcasecmp (target, "true") == 0 ||
                     g_ascii_strcasecmp (target, "yes") == 0;

      return g_strdup (yes ? _("Yes") : _("No"));
    }

  if (g_strcmp0 (kind, "percentage") == 0)
    /* Translators: a percentage; write "%s %%" if your language puts a
     * space before the sign */
    return g_strdup_printf (_("%s%%"), target);

  return g_strdup (target);
}

static gboolean
replace_date_cb (const GMatchInfo *match,
                 GString          *result,
                 gpointer          user_data)
{
  g_autofree char *iso = g_match_info_fetch (match, 0);
  g_autofree char *date = mreza_format_date (iso);

  g_string_append (result, date != NULL ? date : iso);

  return FALSE;
}

/**
 * mreza_format_dates_in:
 * @text: (nullable): a line that may hold ISO dates
 *
 * Core's lists write dates as `YYYY-MM-DD` in their second lines
 * ("2018-03-15 · Niš"); people read them as they write dates.
 *
 * Returns: (transfer full) (nullable): @text with its dates formatted
 */
char *
mreza_format_dates_in (const char *text)
{
  static GRegex *regex;

  if (text == NULL)
    return NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("\\b\\d{4}-\\d{2}-\\d{2}\\b",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  return g_regex_replace_eval (regex, text, -1, 0, 0, replace_date_cb, NULL,
                               NULL);
}

static gboolean show_cyrillic = TRUE;

/**
 * mreza_labels_set_show_cyrillic:
 * @show: whether names typed in Latin are shown in Cyrillic when the
 *   interface is in Serbian Cyrillic (the "show-cyrillic" setting)
 */
void
mreza_labels_set_show_cyrillic (gboolean show)
{
  show_cyrillic = !!show;
}

/* Returns: whether mreza_display_text() writes Latin in Cyrillic. */
gboolean
mreza_labels_get_show_cyrillic (void)
{
  return show_cyrillic && g_str_equal (mreza_locale_get_language (), "sr");
}

/**
 * mreza_display_text:
 * @text: (nullable): text to show: a name, a title, a line built of them
 *
 * The replica keeps names as they were typed, mostly in Latin. With the
 * interface in Serbian Cyrillic and the "show-cyrillic" setting on, they
 * are shown in Cyrillic, like the words around them; what is not
 * Serbian (IOM, e-mail addresses, RSD) stays as typed. Translated text
 * passes unchanged, so whole lines can go through here.
 *
 * Returns: (transfer full) (nullable): the text to show
 */
char *
mreza_display_text (const char *text)
{
  if (text == NULL)
    return NULL;

  if (!mreza_labels_get_show_cyrillic ())
    return g_strdup (text);

  return mreza_latin_to_cyrillic (text);
}
