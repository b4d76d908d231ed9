/* mreza-server.h: the coordinator's HTTPS endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-server-db.h"

G_BEGIN_DECLS

#define MREZA_TYPE_SERVER (mreza_server_get_type ())

G_DECLARE_FINAL_TYPE (MrezaServer, mreza_server, MREZA, SERVER, GObject)

MrezaServer *mreza_server_new     (MrezaServerDb    *db,
                                   GTlsCertificate  *certificate);
gboolean     mreza_server_listen  (MrezaServer      *self,
                                   GSocketAddress   *address,
                                   GError          **error);
char        *mreza_server_dup_uri (MrezaServer      *self);

G_END_DECLS
