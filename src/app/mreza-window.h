/* mreza-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_WINDOW (mreza_window_get_type ())

G_DECLARE_FINAL_TYPE (MrezaWindow, mreza_window, MREZA, WINDOW, AdwApplicationWindow)

MrezaWindow *mreza_window_new           (GtkApplication *application,
                                         MrezaStore     *store);
void         mreza_window_open_replica  (MrezaWindow    *self,
                                         const char     *path);
void         mreza_window_set_store     (MrezaWindow    *self,
                                         MrezaStore     *store);
MrezaStore  *mreza_window_get_store     (MrezaWindow    *self);
const char  *mreza_window_get_view      (MrezaWindow    *self);
void         mreza_window_set_view      (MrezaWindow    *self,
                                         const char     *view);

G_END_DECLS
