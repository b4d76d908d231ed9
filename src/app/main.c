/* main.c: starts Mreža
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza"

#include "config.h"

#include "mreza-application.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MrezaApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* MREZA_LOCALEDIR: the build's catalogs, for a run from the build
   * tree (tools/mreza-dev run sets it). */
  localedir = g_getenv ("MREZA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mreza_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
