/* mreza-util.c: small helpers shared by core: UUIDs, time, text folding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-util"

#include "config.h"

#include "mreza-util.h"

#include "mreza-locale.h"

#include <stdio.h>
#include <string.h>

/* The namespace of Mreža's name-based (version 5) UUIDs, so that the
 * same slug imported on two machines yields the same row id and the
 * replicas converge instead of duplicating the demo data. */
static const guint8 mreza_uuid_namespace[16] = {
  0x6d, 0x72, 0x65, 0x7a, 0x61, 0x2d, 0x4e, 0x53,
  0x8c, 0x1e, 0x2f, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e,
};

char *
mreza_uuid_new_random (void)
{
  return g_uuid_string_random ();
}

char *
mreza_uuid_from_slug (const char *slug)
{
  g_autoptr(GChecksum) sha1 = NULL;
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_val_if_fail (slug != NULL, NULL);

  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, mreza_uuid_namespace, sizeof mreza_uuid_namespace);
  g_checksum_update (sha1, (const guchar *) slug, strlen (slug));
  g_checksum_get_digest (sha1, digest, &len);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3],
                          digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

gboolean
mreza_is_uuid (const char *str)
{
  return str != NULL && g_uuid_string_is_valid (str);
}

char *
mreza_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Serbian Cyrillic has a one-to-one Latin transliteration; folding
 * both to Latin lets "cilj" find "Циљ" and the reverse. */
static const char *
cyrillic_to_latin (gunichar c)
{
  static const char *lower[] = {
    /* а..я, U+0430..U+044F */
    "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n",
    "o", "p", "r", "s", "t", "u", "f", "h", "c", "č", "š", "š", "",
    "y", "", "e", "ju", "ja",
  };

  c = g_unichar_tolower (c);
  if (c >= 0x0430 && c <= 0x044F)
    return lower[c - 0x0430];

  switch (c)
    {
    case 0x0452: return "đ";  /* ђ */
    case 0x0458: return "j";  /* ј */
    case 0x0459: return "lj"; /* љ */
    case 0x045A: return "nj"; /* њ */
    case 0x045B: return "ć";  /* ћ */
    case 0x045F: return "dž"; /* џ */
    default: return NULL;
    }
}

/* mreza_fold_for_search:
 * @text: any UTF-8 text
 *
 * Folds text the way the search index does, before FTS5's own
 * unicode61 tokenizer removes case and diacritics: Cyrillic becomes
 * Latin, and "đ", which has no Unicode decomposition, becomes "dj",
 * as Serbian is written without diacritics. The index applies the
 * same "đ" rule in SQL (see the migrations), so both sides agree.
 *
 * Returns: (transfer full): the folded text
 */
char *
mreza_fold_for_search (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *latin = cyrillic_to_latin (c);

      if (latin != NULL)
        {
          for (const char *q = latin; *q; q = g_utf8_next_char (q))
            {
              gunichar l = g_utf8_get_char (q);

              if (l == 0x0111)
                g_string_append (out, "dj");
              else
                g_string_append_unichar (out, l);
            }
        }
      else if (c == 0x0111 || c == 0x0110)
        g_string_append (out, c == 0x0110 ? "Dj" : "dj");
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Appends one word of the query: quoted, so FTS5 syntax in it has no
 * effect; a prefix when it is the last word. A row typed in Cyrillic is
 * indexed as typed, so a word is looked for in both scripts: "centar"
 * and "центар" each find "Centar" and "Центар". */
static void
append_query_word (GString    *query,
                   const char *word,
                   gboolean    last)
{
  g_autofree char *folded = mreza_fold_for_search (word);
  g_autofree char *cyrillic = mreza_latin_to_cyrillic (word);
  const char *other = NULL;
  /* A one-letter prefix would merge the postings of every word with
   * that letter: too slow on a large replica, and useless as a filter.
   * Search it as a whole word instead. */
  const char *star = last && g_utf8_strlen (word, -1) > 1 ? "*" : "";

  /* FTS5 joins phrases by a space, but groups only by AND. */
  if (query->len > 0)
    g_string_append (query, " AND ");

  if (!g_str_equal (cyrillic, word))
    other = cyrillic;           /* Latin: also in Cyrillic */
  else if (!g_str_equal (folded, word))
    other = word;               /* Cyrillic: also as typed */

  if (other == NULL)
    g_string_append_printf (query, "\"%s\"%s", folded, star);
  else
    g_string_append_printf (query, "(\"%s\"%s OR \"%s\"%s)",
                            folded, star, other, star);
}

/* mreza_search_build_query:
 * @text: what the person typed
 *
 * Turns typed text into a safe FTS5 query: every word is quoted, so
 * FTS5 syntax in the input has no effect, and the last one is a prefix,
 * so results come as you type. Words in either script find rows in
 * either script (see append_query_word()).
 *
 * Returns: (transfer full) (nullable): the query, or %NULL if @text has
 *   no word to search for
 */
char *
mreza_search_build_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  for (p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          append_query_word (query, word->str, c == 0);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

gboolean
mreza_date_is_valid (const char *iso_date)
{
  int y, m, d;
  char tail;

  if (iso_date == NULL || strlen (iso_date) != 10)
    return FALSE;
  if (sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_ascii_isdigit (iso_date[0]) || iso_date[4] != '-' ||
      iso_date[7] != '-')
    return FALSE;

  return g_date_valid_dmy (d, m, y) && y >= 1900 && y <= 2200;
}

/* A reporting period: a year "2018", a half "2018-H2" or a quarter
 * "2018-Q3". */
gboolean
mreza_period_is_valid (const char *period)
{
  gsize len;

  if (period == NULL)
    return FALSE;

  len = strlen (period);
  if (len != 4 && len != 7)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (period[i]))
      return FALSE;
  if (len == 4)
    return TRUE;
  if (period[4] != '-')
    return FALSE;
  if (period[5] == 'H')
    return period[6] == '1' || period[6] == '2';
  if (period[5] == 'Q')
    return period[6] >= '1' && period[6] <= '4';

  return FALSE;
}
