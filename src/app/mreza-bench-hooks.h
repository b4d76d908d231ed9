/* mreza-bench-hooks.h: what the benchmarks ask of a running app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mreza_bench_hooks_attach (GApplication *app,
                               GtkWindow    *window);

G_END_DECLS
