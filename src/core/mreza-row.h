/* mreza-row.h: one item of a list: a goal, a task, an institution…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MREZA_ROW_PLAN,
  MREZA_ROW_GOAL,
  MREZA_ROW_ACTIVITY,
  MREZA_ROW_TASK,
  MREZA_ROW_INSTITUTION,
  MREZA_ROW_TEAM,
  MREZA_ROW_PROJECT,
  MREZA_ROW_JOINT_ACTION,
  MREZA_ROW_INDICATOR,
  MREZA_N_ROW_KINDS,
} MrezaRowKind;

#define MREZA_TYPE_ROW (mreza_row_get_type ())

G_DECLARE_FINAL_TYPE (MrezaRow, mreza_row, MREZA, ROW, GObject)

MrezaRow     *mreza_row_new             (MrezaRowKind  kind,
                                         const char   *id,
                                         int           number,
                                         const char   *title,
                                         const char   *subtitle,
                                         const char   *tag,
                                         guint         n_children);
MrezaRowKind  mreza_row_get_kind        (MrezaRow     *self);
const char   *mreza_row_get_id          (MrezaRow     *self);
int           mreza_row_get_number      (MrezaRow     *self);
const char   *mreza_row_get_title       (MrezaRow     *self);
const char   *mreza_row_get_subtitle    (MrezaRow     *self);
const char   *mreza_row_get_tag         (MrezaRow     *self);
guint         mreza_row_get_n_children  (MrezaRow     *self);
const char   *mreza_row_get_team_id     (MrezaRow     *self);
const char   *mreza_row_kind_to_string  (MrezaRowKind  kind);
gboolean      mreza_row_kind_from_string (const char  *str,
                                          MrezaRowKind *out);

G_END_DECLS
