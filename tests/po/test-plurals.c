/* test-plurals.c: each language picks the right plural form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the build's compiled catalogs (MREZA_LOCALEDIR) through gettext,
 * one count for every plural form of every language, so a wrong
 * Plural-Forms header or a missing form fails here, not in front of a
 * reader. Two messages per language: in Serbian, Croatian and Bosnian
 * "institution" has the same word for the first and third forms and
 * "participant" for the second and third, so together they tell all
 * three apart.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

typedef struct
{
  const char *language;
  guint       count;
  const char *institutions;
  const char *participants;   /* NULL when not checked */
} Case;

static const Case cases[] = {
  { "sr", 1, "%u институција", "%s · %u учесник" },
  { "sr", 2, "%u институције", "%s · %u учесника" },
  { "sr", 5, "%u институција", "%s · %u учесника" },
  { "sr", 11, "%u институција", "%s · %u учесника" },
  { "sr", 21, "%u институција", "%s · %u учесник" },
  { "sr", 24, "%u институције", "%s · %u учесника" },
  { "sr", 112, "%u институција", "%s · %u учесника" },
  { "sr@latin", 1, "%u institucija", "%s · %u učesnik" },
  { "sr@latin", 3, "%u institucije", "%s · %u učesnika" },
  { "sr@latin", 15, "%u institucija", "%s · %u učesnika" },
  { "hr", 1, "%u ustanova", "%s · %u sudionik" },
  { "hr", 4, "%u ustanove", "%s · %u sudionika" },
  { "hr", 7, "%u ustanova", "%s · %u sudionika" },
  { "hr", 31, "%u ustanova", "%s · %u sudionik" },
  { "bs", 1, "%u institucija", "%s · %u učesnik" },
  { "bs", 2, "%u institucije", "%s · %u učesnika" },
  { "bs", 12, "%u institucija", "%s · %u učesnika" },
  { "sl", 1, "%u ustanova", NULL },
  { "sl", 2, "%u ustanovi", NULL },
  { "sl", 3, "%u ustanove", NULL },
  { "sl", 4, "%u ustanove", NULL },
  { "sl", 5, "%u ustanov", NULL },
  { "sl", 101, "%u ustanova", NULL },
  { "sl", 102, "%u ustanovi", NULL },
  { "sl", 111, "%u ustanov", NULL },
  { "mk", 1, "%u институција", NULL },
  { "mk", 21, "%u институција", NULL },
  { "mk", 11, "%u институции", NULL },
  { "mk", 2, "%u институции", NULL },
  { "sq", 1, "%u institucion", NULL },
  { "sq", 2, "%u institucione", NULL },
  { "sq", 0, "%u institucione", NULL },
};

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Makes gettext drop what it looked up for the previous language:
   * setting the same locale again does not. */
  textdomain (textdomain (NULL));
}

static void
test_plural_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];

      use_language (c->language);
      g_test_message ("%s, %u", c->language, c->count);
      g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u institution",
                                    "%u institutions", c->count),
                       ==, c->institutions);
      if (c->participants != NULL)
        g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%s · %u participant",
                                      "%s · %u participants", c->count),
                         ==, c->participants);
    }
}

/* English is the source: without a catalog the forms are the msgids. */
static void
test_english (void)
{
  use_language ("en");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u institution",
                                "%u institutions", 1), ==, "%u institution");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u institution",
                                "%u institutions", 2), ==, "%u institutions");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("MREZA_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("No C.UTF-8 locale: gettext ignores LANGUAGE in C");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/po/plural-forms", test_plural_forms);
  g_test_add_func ("/po/english", test_english);

  return g_test_run ();
}
