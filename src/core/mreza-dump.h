/* mreza-dump.h: a replica's content as canonical text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "mreza-store.h"

G_BEGIN_DECLS

gboolean mreza_store_dump (MrezaStore  *store,
                           FILE        *out,
                           GError     **error);

G_END_DECLS
