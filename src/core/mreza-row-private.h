/* mreza-row-private.h: what only the lists that build rows may call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-row.h"

G_BEGIN_DECLS

void _mreza_row_set_team_id (MrezaRow   *self,
                             const char *team_id);

G_END_DECLS
