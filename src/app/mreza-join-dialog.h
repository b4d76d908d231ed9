/* mreza-join-dialog.h: joining a team's coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-sync-client.h"

G_BEGIN_DECLS

#define MREZA_TYPE_JOIN_DIALOG (mreza_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MrezaJoinDialog, mreza_join_dialog, MREZA, JOIN_DIALOG,
                      AdwWindow)

MrezaJoinDialog *mreza_join_dialog_new        (GtkWindow        *parent,
                                               MrezaSyncClient  *client);
gboolean         mreza_join_dialog_validate   (const char       *url,
                                               const char       *code,
                                               GError          **error);
void             mreza_join_dialog_set_fields (MrezaJoinDialog  *self,
                                               const char       *url,
                                               const char       *code);
void             mreza_join_dialog_submit     (MrezaJoinDialog  *self);
void             mreza_join_dialog_confirm    (MrezaJoinDialog  *self);
const char      *mreza_join_dialog_get_error  (MrezaJoinDialog  *self);
const char      *mreza_join_dialog_get_fingerprint (MrezaJoinDialog *self);
gboolean         mreza_join_dialog_is_busy    (MrezaJoinDialog  *self);

G_END_DECLS
