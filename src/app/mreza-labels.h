/* mreza-labels.h: the words people read for the codes the replica stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *mreza_sector_label         (const char *sector);
int         mreza_sector_order         (const char *sector);
const char *mreza_task_status_label    (const char *status);
const char *mreza_project_status_label (const char *status);
const char *mreza_action_kind_label    (const char *kind);
const char *mreza_budget_source_label  (const char *source);
const char *mreza_partner_role_label   (const char *role);
const char *mreza_indicator_kind_label (const char *kind);
char       *mreza_format_date          (const char *iso_date);
char       *mreza_format_period        (const char *start_date,
                                        const char *end_date);
char       *mreza_format_target        (const char *kind,
                                        const char *target);
char       *mreza_format_dates_in      (const char *text);

void        mreza_labels_set_show_cyrillic (gboolean    show);
gboolean    mreza_labels_get_show_cyrillic (void);
char       *mreza_display_text         (const char *text);

G_END_DECLS
