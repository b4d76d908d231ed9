/* mreza-bench-gen.h: generates a large replica for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean mreza_bench_generate (const char  *path,
                               gint64       rows,
                               GError     **error);

G_END_DECLS
