/* mreza-util.h: small helpers shared by core: UUIDs, time, text folding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *mreza_uuid_new_random    (void);
char     *mreza_uuid_from_slug     (const char *slug);
gboolean  mreza_is_uuid            (const char *str);
char     *mreza_now_iso8601        (void);
char     *mreza_fold_for_search    (const char *text);
char     *mreza_search_build_query (const char *text);
gboolean  mreza_date_is_valid      (const char *iso_date);
gboolean  mreza_period_is_valid    (const char *period);

G_END_DECLS
