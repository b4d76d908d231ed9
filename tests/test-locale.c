/* test-locale.c: numbers, money, dates, periods, collation and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-locale.h"
#include "mreza-row-list.h"
#include "mreza-test-utils.h"
#include "mreza-util.h"

typedef struct
{
  const char *language;
  const char *money;
  const char *cents;
  const char *date;
  const char *quarter;
  const char *half;
  const char *year;
} Expected;

static const Expected expected[] = {
  { "en", "102,000 RSD", "4,500.50 EUR", "15 Mar 2018", "Q2 2018",
    "H1 2018", "2018" },
  { "sr", "102.000 RSD", "4.500,50 EUR", "15. 3. 2018.", "2. квартал 2018.",
    "прва половина 2018.", "2018." },
  { "sr@latin", "102.000 RSD", "4.500,50 EUR", "15. 3. 2018.",
    "2. kvartal 2018.", "prva polovina 2018.", "2018." },
  { "hr", "102.000 RSD", "4.500,50 EUR", "15. 3. 2018.",
    "2. tromjesečje 2018.", "prvo polugodište 2018.", "2018." },
  { "bs", "102.000 RSD", "4.500,50 EUR", "15. 3. 2018.", "2. kvartal 2018.",
    "prva polovina 2018.", "2018." },
  { "sl", "102.000 RSD", "4.500,50 EUR", "15. 3. 2018", "2. četrtletje 2018",
    "prvo polletje 2018", "2018" },
  { "mk", "102.000 RSD", "4.500,50 EUR", "15.3.2018", "2. квартал 2018",
    "прво полугодие 2018", "2018" },
  { "sq", "102.000 RSD", "4.500,50 EUR", "15.3.2018", "tremujori II 2018",
    "gjashtëmujori I 2018", "2018" },
};

static void
test_locale_formats (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const Expected *e = &expected[i];
      g_autofree char *money = mreza_locale_format_money (e->language, 10200000, "RSD");
      g_autofree char *cents = mreza_locale_format_money (e->language, 450050, "EUR");
      g_autofree char *date = mreza_locale_format_date (e->language, "2018-03-15");
      g_autofree char *quarter = mreza_locale_format_period (e->language, "2018-Q2");
      g_autofree char *half = mreza_locale_format_period (e->language, "2018-H1");
      g_autofree char *year = mreza_locale_format_period (e->language, "2018");

      g_test_message ("%s", e->language);
      g_assert_cmpstr (money, ==, e->money);
      g_assert_cmpstr (cents, ==, e->cents);
      g_assert_cmpstr (date, ==, e->date);
      g_assert_cmpstr (quarter, ==, e->quarter);
      g_assert_cmpstr (half, ==, e->half);
      g_assert_cmpstr (year, ==, e->year);
    }
}

static void
test_locale_edges (void)
{
  g_autofree char *negative = mreza_locale_format_money ("sr", -123456789, "RSD");
  g_autofree char *small = mreza_locale_format_money ("sr", 5, NULL);
  g_autofree char *number = mreza_locale_format_number ("en", 1234567);
  g_autofree char *zero = mreza_locale_format_number ("sr", 0);
  g_autofree char *unknown = mreza_locale_format_money ("de", 100000, "EUR");

  g_assert_cmpstr (negative, ==, "−1.234.567,89 RSD");
  g_assert_cmpstr (small, ==, "0,05");
  g_assert_cmpstr (number, ==, "1,234,567");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (unknown, ==, "1,000 EUR");
  g_assert_null (mreza_locale_format_date ("sr", "2018-02-30"));
  g_assert_null (mreza_locale_format_date ("sr", NULL));
  g_assert_null (mreza_locale_format_period ("sr", "2018-Q5"));
  g_assert_null (mreza_locale_format_period ("sr", "18"));
}

/* The language follows gettext's choice, LANGUAGE first, and English in
 * the C locale, where gettext ignores LANGUAGE. */
static void
test_locale_language (void)
{
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("No C.UTF-8 locale");
      return;
    }

  g_setenv ("LANGUAGE", "sr@latin:sr", TRUE);
  g_assert_cmpstr (mreza_locale_get_language (), ==, "sr@latin");
  g_setenv ("LANGUAGE", "sr_RS", TRUE);
  g_assert_cmpstr (mreza_locale_get_language (), ==, "sr");
  g_assert_true (mreza_locale_is_cyrillic (NULL));
  g_setenv ("LANGUAGE", "de:hr", TRUE);
  g_assert_cmpstr (mreza_locale_get_language (), ==, "hr");
  g_assert_false (mreza_locale_is_cyrillic (NULL));
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpstr (mreza_locale_get_language (), ==, "en");

  setlocale (LC_ALL, "C");
  g_setenv ("LANGUAGE", "sr", TRUE);
  g_assert_cmpstr (mreza_locale_get_language (), ==, "en");
  g_unsetenv ("LANGUAGE");
}

static int
sign (int value)
{
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

static void
test_collate_pairs (void)
{
  static const char *ordered[][2] = {
    { "Cvetković", "Čačak" },          /* c < č */
    { "Čačak", "Ćuprija" },            /* č < ć */
    { "Ćuprija", "Dimitrovgrad" },     /* ć < d */
    { "Dušan", "Džep" },               /* d < dž */
    { "Džep", "Đorđević" },            /* dž < đ */
    { "Đorđević", "Ema" },             /* đ < e */
    { "Lukić", "Ljubljana" },          /* l < lj */
    { "Ljubljana", "Marija" },         /* lj < m */
    { "Novi Sad", "Njegoš" },          /* n < nj */
    { "Sremska Mitrovica", "Šabac" },  /* s < š */
    { "Zrenjanin", "Žabalj" },         /* z < ž */
    { "centar", "Centar" },            /* case only: a stable order */
    { "Centar", "Centar za socijalni rad" },
    { "123", "Atina" },                /* digits before letters */
    { "Zaječar", "Ада" },              /* Latin before Cyrillic */
    { "Ужице", "Ћуприја" },            /* у > ћ in the azbuka: ћ first */
  };

  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    {
      const char *a = ordered[i][0];
      const char *b = ordered[i][1];

      if (i == 15)
        {
          a = ordered[i][1];
          b = ordered[i][0];
        }
      g_test_message ("%s < %s", a, b);
      g_assert_cmpint (mreza_collate (a, -1, b, -1), <, 0);
      g_assert_cmpint (mreza_collate (b, -1, a, -1), >, 0);
      g_assert_cmpint (mreza_collate (a, -1, a, -1), ==, 0);
    }

  /* Case-insensitive first: "b" between "A" and "C". */
  g_assert_cmpint (sign (mreza_collate ("A", -1, "b", -1)), ==, -1);
  g_assert_cmpint (sign (mreza_collate ("b", -1, "C", -1)), ==, -1);
  /* The azbuka: а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш. */
  {
    static const char *azbuka[] = {
      "а", "б", "в", "г", "д", "ђ", "е", "ж", "з", "и", "ј", "к", "л", "љ",
      "м", "н", "њ", "о", "п", "р", "с", "т", "ћ", "у", "ф", "х", "ц", "ч",
      "џ", "ш",
    };

    for (guint i = 0; i + 1 < G_N_ELEMENTS (azbuka); i++)
      g_assert_cmpint (mreza_collate (azbuka[i], -1, azbuka[i + 1], -1), <, 0);
  }
  /* Invalid UTF-8 still orders totally. */
  g_assert_cmpint (sign (mreza_collate ("a\xff", -1, "a\xfe", -1)), !=, 0);
  g_assert_cmpint (mreza_collate ("a\xc4", -1, "a\xc4", -1), ==, 0);
}

/* The lists sort institutions and teams through the collation, on the
 * worker's connection too. */
static void
test_collate_in_lists (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "collate.db");
  g_autoptr(MrezaRowList) list = NULL;
  static const char *names[] = {
    "Žabalj", "Čačak", "Ćuprija", "Njegoš", "Novi Sad", "Ljig", "Lučani",
    "Đakovica", "Džep", "Dunav", "Centar", "Šabac", "Sombor", "zrenjanin",
  };
  static const char *sorted[] = {
    "Centar", "Čačak", "Ćuprija", "Dunav", "Džep", "Đakovica", "Lučani",
    "Ljig", "Novi Sad", "Njegoš", "Sombor", "Šabac", "zrenjanin", "Žabalj",
  };
  sqlite3 *db = mreza_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = mreza_uuid_new_random ();
      g_autofree char *now = mreza_now_iso8601 ();
      g_autofree char *sql = NULL;

      sql = sqlite3_mprintf ("INSERT INTO institution (id, created_at,"
                             " modified_at, modified_by, name, sector)"
                             " VALUES (%Q, %Q, %Q, %Q, %Q, 'other')",
                             id, now, now, mreza_store_get_device_id (store),
                             names[i]);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (g_steal_pointer (&sql));
    }

  list = mreza_row_list_new (store, MREZA_ROW_INSTITUTION, NULL);
  while (!mreza_row_list_get_loaded (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mreza_row_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (mreza_row_get_title (row), ==, sorted[i]);
    }
}

static void
test_latin_to_cyrillic (void)
{
  static const char *cases[][2] = {
    { "Centar za socijalni rad Niš", "Центар за социјални рад Ниш" },
    { "Ljiljana Đorđević, Džeferson LJUBIĆ", "Љиљана Ђорђевић, Џеферсон ЉУБИЋ" },
    { "Njegoševa 12, Kragujevac", "Његошева 12, Крагујевац" },
    { "NVO Atina", "НВО Атина" },
    { "NSZ i CSR", "НСЗ и ЦСР" },
    { "IOM, UNODC i EU", "IOM, UNODC и EU" },
    { "102.000 RSD", "102.000 RSD" },
    { "Washington, Wien", "Washington, Wien" },
    { "projekat EaSI", "пројекат EaSI" },
    { "Akcioni plan 2017–2018, Cilj II", "Акциони план 2017–2018, Циљ II" },
    { "jelena@atina.org.rs www.atina.org.rs", "jelena@atina.org.rs www.atina.org.rs" },
    { "nadživeti injekcija konjugacija", "надживети инјекција конјугација" },
    { "Већ ћирилица", "Већ ћирилица" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cyrillic = mreza_latin_to_cyrillic (cases[i][0]);

      g_assert_cmpstr (cyrillic, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale/formats", test_locale_formats);
  g_test_add_func ("/locale/edges", test_locale_edges);
  g_test_add_func ("/locale/language", test_locale_language);
  g_test_add_func ("/locale/collate-pairs", test_collate_pairs);
  g_test_add_func ("/locale/collate-in-lists", test_collate_in_lists);
  g_test_add_func ("/locale/latin-to-cyrillic", test_latin_to_cyrillic);

  return g_test_run ();
}
