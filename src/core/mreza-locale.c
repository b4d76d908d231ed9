/* mreza-locale.c: numbers, money, dates, periods, sorting and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The teams read Mreža in Serbian (Cyrillic or Latin), Croatian,
 * Bosnian, Slovenian, Macedonian, Albanian or English, and each writes
 * numbers, dates and reporting periods its own way: "102.000 RSD",
 * "15. 3. 2018.", "2. kvartal 2018.". The language is the one gettext
 * translates into (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG), so the
 * figures always match the words around them; the C library's
 * LC_NUMERIC and LC_TIME are not used, since a machine set up in
 * English often reads Serbian.
 *
 * The collation "mreza" sorts names the way the Serbian alphabets do
 * (č and ć after c, dž, đ, lj and nj as letters of their own), and
 * mreza_latin_to_cyrillic() shows a name typed in Latin in Cyrillic.
 *
 * THREAD SAFETY: everything here is safe to call from any thread; the
 * tables are constant and the collation keeps no state.
 */
#define G_LOG_DOMAIN "mreza-locale"

#include "config.h"

#include "mreza-locale.h"
#include "mreza-util.h"

#include <locale.h>
#include <string.h>

typedef struct
{
  const char *code;
  const char *thousands;
  const char *decimal;
  const char *date;              /* day, month, year; NULL: English */
  const char *year;
  const char *quarters[4];       /* each with the year as %d */
  const char *halves[2];
  gboolean    cyrillic;
} Style;

static const Style styles[] = {
  { "en", ",", ".", NULL, "%d",
    { "Q1 %d", "Q2 %d", "Q3 %d", "Q4 %d" },
    { "H1 %d", "H2 %d" }, FALSE },
  { "sr", ".", ",", "%d. %d. %d.", "%d.",
    { "1. квартал %d.", "2. квартал %d.", "3. квартал %d.", "4. квартал %d." },
    { "прва половина %d.", "друга половина %d." }, TRUE },
  { "sr@latin", ".", ",", "%d. %d. %d.", "%d.",
    { "1. kvartal %d.", "2. kvartal %d.", "3. kvartal %d.", "4. kvartal %d." },
    { "prva polovina %d.", "druga polovina %d." }, FALSE },
  { "hr", ".", ",", "%d. %d. %d.", "%d.",
    { "1. tromjesečje %d.", "2. tromjesečje %d.", "3. tromjesečje %d.",
      "4. tromjesečje %d." },
    { "prvo polugodište %d.", "drugo polugodište %d." }, FALSE },
  { "bs", ".", ",", "%d. %d. %d.", "%d.",
    { "1. kvartal %d.", "2. kvartal %d.", "3. kvartal %d.", "4. kvartal %d." },
    { "prva polovina %d.", "druga polovina %d." }, FALSE },
  { "sl", ".", ",", "%d. %d. %d", "%d",
    { "1. četrtletje %d", "2. četrtletje %d", "3. četrtletje %d",
      "4. četrtletje %d" },
    { "prvo polletje %d", "drugo polletje %d" }, FALSE },
  { "mk", ".", ",", "%d.%d.%d", "%d",
    { "1. квартал %d", "2. квартал %d", "3. квартал %d", "4. квартал %d" },
    { "прво полугодие %d", "второ полугодие %d" }, TRUE },
  { "sq", ".", ",", "%d.%d.%d", "%d",
    { "tremujori I %d", "tremujori II %d", "tremujori III %d",
      "tremujori IV %d" },
    { "gjashtëmujori I %d", "gjashtëmujori II %d" }, FALSE },
};

static const char *english_months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Writes @tmpl with each "%d" replaced by the next of @values: the
 * templates are data, so they never reach printf. */
static char *
expand (const char *tmpl,
        const int  *values,
        guint       n_values)
{
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = tmpl; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'd' && next < n_values)
        {
          g_string_append_printf (out, "%d", values[next++]);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static const Style *
find_style (const char *language)
{
  if (language == NULL)
    language = mreza_locale_get_language ();

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      if (g_str_equal (styles[i].code, language))
        return &styles[i];
    }

  return &styles[0];
}

/**
 * mreza_locale_get_language:
 *
 * The language Mreža's text is shown in, as gettext chooses it: the
 * first of the person's languages that Mreža speaks. gettext ignores
 * LANGUAGE in the C locale, and so does this.
 *
 * Returns: "sr", "sr@latin", "hr", "bs", "sl", "mk", "sq" or "en"
 */
const char *
mreza_locale_get_language (void)
{
  const char *current = setlocale (LC_MESSAGES, NULL);
  const char * const *names;

  if (current == NULL || g_str_equal (current, "C") ||
      g_str_equal (current, "POSIX"))
    return "en";

  names = g_get_language_names_with_category ("LC_MESSAGES");
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        return "en";
      for (guint j = 0; j < G_N_ELEMENTS (styles); j++)
        {
          if (g_str_equal (styles[j].code, names[i]))
            return styles[j].code;
        }
    }

  return "en";
}

/* Returns: whether @language (or the current one, for %NULL) is
 * written in Cyrillic. */
gboolean
mreza_locale_is_cyrillic (const char *language)
{
  return find_style (language)->cyrillic;
}

static void
append_grouped (GString     *out,
                guint64      value,
                const Style *style)
{
  char digits[24];
  guint len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);
  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, style->thousands);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * mreza_locale_format_number:
 * @language: (nullable): a language code, or %NULL for the current one
 * @value: a whole number
 *
 * Returns: (transfer full): "102.000" (or "102,000" in English)
 */
char *
mreza_locale_format_number (const char *language,
                            gint64      value)
{
  const Style *style = find_style (language);
  GString *out = g_string_new (value < 0 ? "−" : "");

  append_grouped (out, value < 0 ? -(guint64) value : (guint64) value, style);

  return g_string_free (out, FALSE);
}

/**
 * mreza_locale_format_money:
 * @language: (nullable): a language code, or %NULL for the current one
 * @amount_minor: an amount in minor units (1/100)
 * @currency: (nullable): its ISO 4217 code
 *
 * Money as the language writes it, decimals only when there are any:
 * "102.000 RSD", "4.500,50 EUR"; in English "4,500.50 EUR".
 *
 * Returns: (transfer full): the text
 */
char *
mreza_locale_format_money (const char *language,
                           gint64      amount_minor,
                           const char *currency)
{
  const Style *style = find_style (language);
  gboolean negative = amount_minor < 0;
  guint64 abs_minor = negative ? -(guint64) amount_minor : (guint64) amount_minor;
  GString *out = g_string_new (negative ? "−" : "");

  append_grouped (out, abs_minor / 100, style);
  if (abs_minor % 100 != 0)
    g_string_append_printf (out, "%s%02u", style->decimal,
                            (guint) (abs_minor % 100));
  if (currency != NULL && *currency != '\0')
    g_string_append_printf (out, " %s", currency);

  return g_string_free (out, FALSE);
}

/**
 * mreza_locale_format_date:
 * @language: (nullable): a language code, or %NULL for the current one
 * @iso_date: (nullable): a `YYYY-MM-DD` date
 *
 * Returns: (transfer full) (nullable): "15. 3. 2018." in Serbian,
 *   "15 Mar 2018" in English, or %NULL without a valid date
 */
char *
mreza_locale_format_date (const char *language,
                          const char *iso_date)
{
  const Style *style = find_style (language);
  int dmy[3];

  if (!mreza_date_is_valid (iso_date))
    return NULL;

  dmy[0] = (int) g_ascii_strtoll (iso_date + 8, NULL, 10);
  dmy[1] = (int) g_ascii_strtoll (iso_date + 5, NULL, 10);
  dmy[2] = (int) g_ascii_strtoll (iso_date, NULL, 10);

  if (style->date == NULL)
    return g_strdup_printf ("%d %s %d", dmy[0], english_months[dmy[1] - 1],
                            dmy[2]);

  return expand (style->date, dmy, 3);
}

/**
 * mreza_locale_format_period:
 * @language: (nullable): a language code, or %NULL for the current one
 * @period: (nullable): a reporting period: `YYYY`, `YYYY-Hn` or `YYYY-Qn`
 *
 * Returns: (transfer full) (nullable): "2. kvartal 2018.", "prva
 *   polovina 2018." or "2018." in Serbian Latin ("Q2 2018", "H1 2018",
 *   "2018" in English), or %NULL when @period is not one
 */
char *
mreza_locale_format_period (const char *language,
                            const char *period)
{
  const Style *style = find_style (language);
  int year;

  if (!mreza_period_is_valid (period))
    return NULL;

  year = (int) g_ascii_strtoll (period, NULL, 10);
  if (period[4] == '\0')
    return expand (style->year, &year, 1);
  if (period[5] == 'Q')
    return expand (style->quarters[period[6] - '1'], &year, 1);

  return expand (style->halves[period[6] - '1'], &year, 1);
}

/* Collation.
 *
 * Every letter gets a primary weight, the same for both cases: Serbian
 * Latin in its alphabet (a b c č ć d dž đ e … l lj m n nj o … s š t u v
 * z ž, with q w x y where English has them), then Cyrillic in the azbuka
 * (а б в г д ђ е ж з и ј к л љ м н њ … ћ у ф х ц ч џ ш, Macedonian ѓ ѕ ќ
 * beside their neighbours), so that each script sorts as its readers
 * expect and a mixed list keeps the scripts apart. Spaces and
 * punctuation come before digits, and digits before letters. Names
 * equal but for case (or for accents foreign to Serbian) are ordered by
 * their bytes, so the order is total and stable. */

enum {
  W_DIGIT = 200,
  W_LATIN = 300,
  W_CYRILLIC = 400,
  W_OTHER = 1000,
};

/* a..z: the position of each ASCII letter among Serbian Latin letters. */
static const guint8 latin_index[26] = {
  0, 1, 2, 5, 8, 9, 10, 11, 12, 13, 14, 15, 17,   /* a b c d e f g h i j k l m */
  18, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30, 31, 32, /* n … z */
};

#define LATIN_C_CARON 3   /* č */
#define LATIN_C_ACUTE 4   /* ć */
#define LATIN_DZ      6   /* dž */
#define LATIN_D_BAR   7   /* đ */
#define LATIN_LJ      16
#define LATIN_NJ      19
#define LATIN_S_CARON 25  /* š */
#define LATIN_Z_CARON 33  /* ž */

/* U+0430..U+045F, lower case: the position in the azbuka. */
static const guint8 cyrillic_index[48] = {
  0, 1, 2, 3, 4, 7, 8, 9, 11, 33, 13, 14, 16, 17, 19, 20,   /* а..п */
  21, 22, 23, 26, 27, 28, 29, 30, 32, 34, 35, 36, 37, 38, 39, 40, /* р..я */
  7, 7, 6, 5, 41, 10, 42, 43, 12, 15, 18, 25, 24, 11, 44, 31, /* ѐ..џ */
};

static inline gunichar
decode (const guchar *s,
        gsize         len,
        gsize        *i)
{
  guchar c = s[*i];
  gunichar u;
  guint extra;

  if (c < 0x80)
    {
      (*i)++;
      return c;
    }

  if ((c & 0xE0) == 0xC0)
    u = c & 0x1F, extra = 1;
  else if ((c & 0xF0) == 0xE0)
    u = c & 0x0F, extra = 2;
  else if ((c & 0xF8) == 0xF0)
    u = c & 0x07, extra = 3;
  else
    {
      (*i)++;
      return 0xDC00 + c;  /* a stray byte: a weight of its own */
    }

  if (*i + extra >= len)
    {
      (*i)++;
      return 0xDC00 + c;
    }
  for (guint k = 1; k <= extra; k++)
    {
      guchar cc = s[*i + k];

      if ((cc & 0xC0) != 0x80)
        {
          (*i)++;
          return 0xDC00 + c;
        }
      u = (u << 6) | (cc & 0x3F);
    }
  *i += extra + 1;

  return u;
}

static guint32
char_weight (gunichar c)
{
  gunichar decomposed[4];

  if (c < 0x80)
    {
      if (c >= 'A' && c <= 'Z')
        return W_LATIN + latin_index[c - 'A'];
      if (c >= 'a' && c <= 'z')
        return W_LATIN + latin_index[c - 'a'];
      if (c >= '0' && c <= '9')
        return W_DIGIT + (c - '0');
      return 1 + c;
    }

  switch (c)
    {
    case 0x010C: case 0x010D: return W_LATIN + LATIN_C_CARON;
    case 0x0106: case 0x0107: return W_LATIN + LATIN_C_ACUTE;
    case 0x0110: case 0x0111: return W_LATIN + LATIN_D_BAR;
    case 0x0160: case 0x0161: return W_LATIN + LATIN_S_CARON;
    case 0x017D: case 0x017E: return W_LATIN + LATIN_Z_CARON;
    default: break;
    }

  if (c >= 0x0400 && c <= 0x045F)
    {
      if (c < 0x0410)
        c += 0x50;
      else if (c < 0x0430)
        c += 0x20;
      return W_CYRILLIC + cyrillic_index[c - 0x0430];
    }

  /* é, ü, ö…: the letter they are built on. */
  if (c < 0x0250 &&
      g_unichar_fully_decompose (c, FALSE, decomposed, 4) > 1 &&
      decomposed[0] < 0x80 && g_ascii_isalpha (decomposed[0]))
    return char_weight (decomposed[0]);

  return W_OTHER + g_unichar_tolower (c);
}

/* The weight of the letter at *i, which may be two characters long. */
static inline guint32
next_weight (const guchar *s,
             gsize         len,
             gsize        *i)
{
  guint32 w = char_weight (decode (s, len, i));
  gsize j = *i;
  gunichar next;

  if (*i >= len ||
      (w != W_LATIN + 5 && w != W_LATIN + 15 && w != W_LATIN + 18))
    return w;

  next = decode (s, len, &j);
  if (w == W_LATIN + 5 && (next == 0x017E || next == 0x017D))
    w = W_LATIN + LATIN_DZ;
  else if (w != W_LATIN + 5 && (next == 'j' || next == 'J'))
    w = w == W_LATIN + 15 ? W_LATIN + LATIN_LJ : W_LATIN + LATIN_NJ;
  else
    return w;

  *i = j;
  return w;
}

/* Names equal letter for letter: lower case first, then the accents
 * foreign to Serbian ("e" before "é"), then the bytes. */
static int
tie_break (const guchar *sa,
           gsize         la,
           const guchar *sb,
           gsize         lb)
{
  gsize i = 0, j = 0;
  int cmp;

  while (i < la && j < lb)
    {
      gunichar ca = decode (sa, la, &i);
      gunichar cb = decode (sb, lb, &j);

      if (ca == cb)
        continue;
      if (g_unichar_isupper (ca) != g_unichar_isupper (cb))
        return g_unichar_isupper (ca) ? 1 : -1;
      return ca < cb ? -1 : 1;
    }

  cmp = memcmp (sa, sb, MIN (la, lb));
  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  return la == lb ? 0 : (la < lb ? -1 : 1);
}

/**
 * mreza_collate:
 * @a: UTF-8 text
 * @a_len: its length in bytes, or -1 if nul-terminated
 * @b: UTF-8 text
 * @b_len: its length in bytes, or -1 if nul-terminated
 *
 * Compares names in the order of the Serbian alphabets, ignoring case
 * first (see the comment above).
 *
 * Returns: < 0, 0 or > 0 as @a sorts before, with or after @b
 */
int
mreza_collate (const char *a,
               gssize      a_len,
               const char *b,
               gssize      b_len)
{
  const guchar *sa = (const guchar *) a;
  const guchar *sb = (const guchar *) b;
  gsize la = a_len < 0 ? strlen (a) : (gsize) a_len;
  gsize lb = b_len < 0 ? strlen (b) : (gsize) b_len;
  gsize i = 0, j = 0;

  while (i < la && j < lb)
    {
      guint32 wa, wb;

      /* Most names share a plain ASCII prefix: skip it cheaply. */
      if (sa[i] == sb[j] && sa[i] < 0x80 &&
          !(sa[i] == 'l' || sa[i] == 'L' || sa[i] == 'n' || sa[i] == 'N' ||
            sa[i] == 'd' || sa[i] == 'D'))
        {
          i++, j++;
          continue;
        }

      wa = next_weight (sa, la, &i);
      wb = next_weight (sb, lb, &j);
      if (wa != wb)
        return wa < wb ? -1 : 1;
    }

  if (i < la || j < lb)
    return i < la ? 1 : -1;

  return tie_break (sa, la, sb, lb);
}

static int
collate_cb (void       *user_data,
            int         a_len,
            const void *a,
            int         b_len,
            const void *b)
{
  return mreza_collate (a, a_len, b, b_len);
}

/**
 * mreza_locale_register_collation:
 * @db: a connection
 *
 * Registers the collation "mreza" (see mreza_collate()) on @db, for
 * `ORDER BY name COLLATE mreza`. Only queries use it: an index or a view
 * with it would make the replica unreadable to the sqlite3 shell.
 *
 * Returns: whether SQLite took it
 */
gboolean
mreza_locale_register_collation (sqlite3 *db)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return sqlite3_create_collation_v2 (db, MREZA_COLLATION, SQLITE_UTF8, NULL,
                                      collate_cb, NULL) == SQLITE_OK;
}

/* Latin to Cyrillic.
 *
 * Serbian Latin maps onto Cyrillic letter for letter, but for the
 * digraphs lj, nj and dž, which are one letter each (љ, њ, џ) except in
 * a few words built across them (nadživeti, injekcija). What is not
 * Serbian stays as typed: a word with q, w, x or y or a letter foreign
 * to Serbian (Wien, Müller), the names of international organisations
 * and of currencies (IOM, UNODC, EU, RSD), Roman numerals, words mixing
 * case (EaSI), and e-mail and web addresses. Serbian acronyms are
 * transliterated as Serbian Cyrillic writes them: NVO, NSZ, CSR become
 * НВО, НСЗ, ЦСР. */

static const char *keep_latin_words[] = {
  "BAM", "BMZ", "CHF", "EU", "EUR", "GIZ", "ICMPD", "IOM", "IPSOS", "MKD",
  "OSCE", "RSD", "TAIEX", "UN", "UNDP", "UNHCR", "UNICEF", "UNODC", "USAID",
  "USD",
};

/* Words whose letters look like a digraph but are two: the prefix up
 * to the first letter of the pair, and where that letter is. */
static const struct {
  const char *prefix;
  guint       at;
} split_digraphs[] = {
  { "nadž", 2 }, { "podž", 2 }, { "injek", 1 }, { "konjug", 2 },
  { "konjunk", 2 },
};

static gunichar
latin_letter_to_cyrillic (gunichar lower)
{
  static const gunichar ascii[26] = {
    0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, /* a-h */
    0x0438, 0x0458, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, /* i-p */
    0, 0x0440, 0x0441, 0x0442, 0x0443, 0x0432, 0, 0, 0, 0x0437,     /* q-z */
  };

  if (lower >= 'a' && lower <= 'z')
    return ascii[lower - 'a'];

  switch (lower)
    {
    case 0x010D: return 0x0447; /* č */
    case 0x0107: return 0x045B; /* ć */
    case 0x0111: return 0x0452; /* đ */
    case 0x0161: return 0x0448; /* š */
    case 0x017E: return 0x0436; /* ž */
    default: return 0;
    }
}

static gboolean
word_stays_latin (const char *word,
                  gsize       len)
{
  g_autofree char *copy = g_strndup (word, len);
  gboolean roman = len >= 2;
  gboolean seen_lower = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keep_latin_words); i++)
    {
      if (g_str_equal (copy, keep_latin_words[i]))
        return TRUE;
    }

  for (const char *p = copy; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (latin_letter_to_cyrillic (g_unichar_tolower (c)) == 0)
        return TRUE;
      if (g_unichar_isupper (c) && seen_lower)
        return TRUE;
      seen_lower |= g_unichar_islower (c);
      if (c >= 0x80 || strchr ("IVXLCDM", (int) c) == NULL)
        roman = FALSE;
    }

  return roman;
}

static gboolean
is_split_digraph (const char *lower_word,
                  guint       at)
{
  for (guint i = 0; i < G_N_ELEMENTS (split_digraphs); i++)
    {
      if (split_digraphs[i].at == at &&
          g_str_has_prefix (lower_word, split_digraphs[i].prefix))
        return TRUE;
    }

  return FALSE;
}

static void
append_cyrillic_word (GString    *out,
                      const char *word,
                      gsize       len)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (word, len, NULL);
  g_autofree char *lower = g_utf8_strdown (word, len);
  glong n = g_utf8_strlen (word, len);

  for (glong i = 0; i < n; i++)
    {
      gunichar c = chars[i];
      gunichar l = g_unichar_tolower (c);
      gunichar n1 = i + 1 < n ? g_unichar_tolower (chars[i + 1]) : 0;
      gunichar cyr;

      if (((l == 'l' || l == 'n') && n1 == 'j') || (l == 'd' && n1 == 0x017E))
        {
          if (!is_split_digraph (lower, (guint) i))
            {
              cyr = l == 'l' ? 0x0459 : l == 'n' ? 0x045A : 0x045F;
              g_string_append_unichar (out, g_unichar_isupper (c) ?
                                       g_unichar_toupper (cyr) : cyr);
              i++;
              continue;
            }
        }

      cyr = latin_letter_to_cyrillic (l);
      g_string_append_unichar (out, g_unichar_isupper (c) ?
                               g_unichar_toupper (cyr) : cyr);
    }
}

static gboolean
is_address (const char *chunk,
            gsize       len)
{
  g_autofree char *copy = g_strndup (chunk, len);

  return strchr (copy, '@') != NULL || strstr (copy, "://") != NULL ||
         g_str_has_prefix (copy, "www.");
}

static void
append_chunk (GString    *out,
              const char *chunk,
              gsize       len)
{
  const char *end = chunk + len;
  const char *p = chunk;

  if (is_address (chunk, len))
    {
      g_string_append_len (out, chunk, len);
      return;
    }

  while (p < end)
    {
      const char *start = p;

      while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          if (word_stays_latin (start, p - start))
            g_string_append_len (out, start, p - start);
          else
            append_cyrillic_word (out, start, p - start);
          continue;
        }

      p = g_utf8_next_char (p);
      g_string_append_len (out, start, p - start);
    }
}

/**
 * mreza_latin_to_cyrillic:
 * @text: UTF-8 text in Serbian Latin, or any text
 *
 * Writes Serbian Latin in Cyrillic ("Centar za socijalni rad Niš" →
 * "Центар за социјални рад Ниш", "NVO Atina" → "НВО Атина"), leaving
 * what is not Serbian as typed (see the comment above); Cyrillic stays
 * Cyrillic.
 *
 * Returns: (transfer full): the text in Cyrillic
 */
char *
mreza_latin_to_cyrillic (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) * 2);
  p = text;
  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      append_chunk (out, start, p - start);
      while (*p != '\0' && g_ascii_isspace (*p))
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}
