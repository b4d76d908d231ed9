/* mreza-application.h: the Mreža application: options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MREZA_TYPE_APPLICATION (mreza_application_get_type ())

G_DECLARE_FINAL_TYPE (MrezaApplication, mreza_application, MREZA, APPLICATION, AdwApplication)

MrezaApplication *mreza_application_new           (void);
char             *mreza_application_find_demo_dir (void);

G_END_DECLS
