/* server-fixture.h: the real coordinator on 127.0.0.1, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fixture makes a fresh folder with a test certificate (made by
 * openssl, never committed), starts `mreza-coordinator serve` on port
 * 0 as a subprocess, reads its URL off the first line of its output,
 * and talks to it with a SoupSession that trusts the certificate
 * through a GTlsFileDatabase (an absolute path: a relative one rejects
 * every certificate).
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

typedef struct
{
  char        *dir;
  char        *db;
  char        *cert;
  char        *key;
  GSubprocess *proc;
  char        *url;
  SoupSession *session;
} ServerFixture;

typedef struct
{
  char *id;
  char *token;
  char *team;
} TestDevice;

void        server_fixture_setup     (ServerFixture *f,
                                      gconstpointer  data);
void        server_fixture_teardown  (ServerFixture *f,
                                      gconstpointer  data);
void        server_fixture_start     (ServerFixture *f);
int         server_fixture_stop      (ServerFixture *f);
void        server_fixture_kill      (ServerFixture *f);
char       *server_cli               (ServerFixture *f,
                                      int           *status,
                                      char         **err,
                                      ...) G_GNUC_NULL_TERMINATED;
char       *server_add_team          (ServerFixture *f,
                                      const char    *name);
char       *server_new_code          (ServerFixture *f,
                                      const char    *team,
                                      const char    *role);
TestDevice *server_enroll            (ServerFixture *f,
                                      const char    *team,
                                      const char    *role);
void        test_device_free         (TestDevice    *device);
guint       server_request           (ServerFixture *f,
                                      const char    *method,
                                      const char    *path,
                                      const char    *token,
                                      const char    *body,
                                      gsize          length,
                                      char         **reply,
                                      GError       **error);
char       *test_hlc                 (const char    *device,
                                      guint          counter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDevice, test_device_free)
