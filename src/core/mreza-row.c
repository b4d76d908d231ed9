/* mreza-row.c: one item of a list: a goal, a task, an institution…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row is immutable once built: lists build rows lazily and may hand
 * out a new one for the same index; compare rows by id.
 */
#define G_LOG_DOMAIN "mreza-row"

#include "config.h"

#include "mreza-row.h"
#include "mreza-row-private.h"

struct _MrezaRow
{
  GObject       parent_instance;

  MrezaRowKind  kind;
  int           number;
  guint         n_children;
  char         *id;
  char         *title;
  char         *subtitle;
  char         *tag;
  char         *team_id;
};

G_DEFINE_FINAL_TYPE (MrezaRow, mreza_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TAG,
  PROP_N_CHILDREN,
  PROP_TEAM_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  "plan", "goal", "activity", "task", "institution", "team", "project",
  "joint_action", "indicator",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == MREZA_N_ROW_KINDS);

const char *
mreza_row_kind_to_string (MrezaRowKind kind)
{
  g_return_val_if_fail (kind < MREZA_N_ROW_KINDS, NULL);

  return kind_names[kind];
}

gboolean
mreza_row_kind_from_string (const char   *str,
                            MrezaRowKind *out)
{
  for (guint i = 0; i < MREZA_N_ROW_KINDS; i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }

  return FALSE;
}

static void
mreza_row_finalize (GObject *object)
{
  MrezaRow *self = (MrezaRow *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->tag);
  g_free (self->team_id);

  G_OBJECT_CLASS (mreza_row_parent_class)->finalize (object);
}

static void
mreza_row_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MrezaRow *self = MREZA_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;
    case PROP_N_CHILDREN:
      g_value_set_uint (value, self->n_children);
      break;
    case PROP_TEAM_ID:
      g_value_set_string (value, self->team_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mreza_row_class_init (MrezaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mreza_row_finalize;
  object_class->get_property = mreza_row_get_property;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, MREZA_N_ROW_KINDS - 1, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL, flags);
  properties[PROP_N_CHILDREN] =
    g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TEAM_ID] =
    g_param_spec_string ("team-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mreza_row_init (MrezaRow *self)
{
}

/**
 * mreza_row_new:
 * @kind: what the row is
 * @id: its UUID
 * @number: its number in the plan, or 0
 * @title: what a list shows first
 * @subtitle: (nullable): a second line
 * @tag: (nullable): a code the UI translates (a sector, a status, a kind)
 * @n_children: how many rows it holds (activities of a goal, …)
 *
 * Returns: (transfer full): a new row
 */
MrezaRow *
mreza_row_new (MrezaRowKind  kind,
               const char   *id,
               int           number,
               const char   *title,
               const char   *subtitle,
               const char   *tag,
               guint         n_children)
{
  MrezaRow *self;

  g_return_val_if_fail (kind < MREZA_N_ROW_KINDS, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MREZA_TYPE_ROW, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->number = number;
  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle);
  self->tag = g_strdup (tag);
  self->n_children = n_children;

  return self;
}

MrezaRowKind
mreza_row_get_kind (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), 0);
  return self->kind;
}

const char *
mreza_row_get_id (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), NULL);
  return self->id;
}

int
mreza_row_get_number (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), 0);
  return self->number;
}

const char *
mreza_row_get_title (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), NULL);
  return self->title;
}

const char *
mreza_row_get_subtitle (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), NULL);
  return self->subtitle;
}

const char *
mreza_row_get_tag (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), NULL);
  return self->tag;
}

guint
mreza_row_get_n_children (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), 0);
  return self->n_children;
}

/**
 * mreza_row_get_team_id:
 * @self: a #MrezaRow
 *
 * The team a row of a team-scoped table belongs to, for the lists that
 * read it (joint actions), so that a view can tell another team's rows
 * from its own without a query per row.
 *
 * Returns: (nullable): the team's id, or %NULL when the list did not
 *   read it
 */
const char *
mreza_row_get_team_id (MrezaRow *self)
{
  g_return_val_if_fail (MREZA_IS_ROW (self), NULL);
  return self->team_id;
}

/* Only while the row is being built: a row is immutable once handed
 * out. */
void
_mreza_row_set_team_id (MrezaRow   *self,
                        const char *team_id)
{
  g_assert (MREZA_IS_ROW (self));
  g_assert (self->team_id == NULL);

  self->team_id = g_strdup (team_id);
}
