/* mreza-locale.h: numbers, money, dates, periods, sorting and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name of the SQLite collation core registers on every connection. */
#define MREZA_COLLATION "mreza"

const char *mreza_locale_get_language      (void);
gboolean    mreza_locale_is_cyrillic       (const char  *language);
char       *mreza_locale_format_number     (const char  *language,
                                            gint64       value);
char       *mreza_locale_format_money      (const char  *language,
                                            gint64       amount_minor,
                                            const char  *currency);
char       *mreza_locale_format_date       (const char  *language,
                                            const char  *iso_date);
char       *mreza_locale_format_period     (const char  *language,
                                            const char  *period);
int         mreza_collate                  (const char  *a,
                                            gssize       a_len,
                                            const char  *b,
                                            gssize       b_len);
gboolean    mreza_locale_register_collation (sqlite3    *db);
char       *mreza_latin_to_cyrillic        (const char  *text);

G_END_DECLS
