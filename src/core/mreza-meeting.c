/* mreza-meeting.c: a meeting's agenda and invitation list as documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one click of issue 7: from a prepared meeting, the document that
 * goes out with the invitation. PDF (A4, cairo + pango): the meeting,
 * its agenda with times, presenters and the part of the plan each item
 * serves, then the invitation list, teams first, with a column for
 * attendance (ticked once it is known, a sign-in sheet before); after
 * the meeting also its conclusions and follow-up tasks. CSV (RFC 4180,
 * UTF-8, CRLF): the agenda items, one per line.
 */
#define G_LOG_DOMAIN "mreza-meeting"

#include "config.h"

#include "mreza-meeting.h"
#include "mreza-locale.h"
#include "mreza-report.h"
#include "mreza-store-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define A4_WIDTH      595.276
#define A4_HEIGHT     841.890
#define MARGIN_X      48.0
#define MARGIN_TOP    54.0
#define MARGIN_BOTTOM 62.0
#define CONTENT_WIDTH (A4_WIDTH - 2 * MARGIN_X)
#define PAD           4.0

typedef struct
{
  gint64  position;
  char   *start;      /* HH:MM, or NULL */
  gint64  duration;   /* minutes, or 0 */
  char   *title;
  char   *presenter;
  char   *goal;       /* "1", or NULL */
  char   *activity;   /* "1.1", or NULL */
  char   *link;       /* the linked activity's or goal's title */
} Item;

typedef struct
{
  gboolean  is_team;
  char     *name;
  char     *detail;   /* a team's members and secretary */
  gboolean  attended;
} Invitee;

typedef struct
{
  char *title;
  char *responsible;
  char *deadline;
  char *task;         /* "1.1.3", or NULL */
} FollowUp;

/* An invitee of the invitation list, with the person to write to: a
 * team's secretary (else its first contact), an institution's contact
 * in any team. */
typedef struct
{
  gboolean  is_team;
  char     *name;
  char     *contact;
  char     *role;
  char     *phone;
  char     *email;
  gboolean  attended;
} Guest;

typedef struct
{
  char      *title;
  char      *date;
  char      *place;
  char      *organiser;
  char      *conclusions;
  char      *team;
  GPtrArray *items;
  GPtrArray *invitees;
  GPtrArray *follow_ups;
  GPtrArray *guests;
} Meeting;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->start);
  g_free (item->title);
  g_free (item->presenter);
  g_free (item->goal);
  g_free (item->activity);
  g_free (item->link);
  g_free (item);
}

static void
invitee_free (gpointer data)
{
  Invitee *invitee = data;

  g_free (invitee->name);
  g_free (invitee->detail);
  g_free (invitee);
}

static void
follow_up_free (gpointer data)
{
  FollowUp *follow_up = data;

  g_free (follow_up->title);
  g_free (follow_up->responsible);
  g_free (follow_up->deadline);
  g_free (follow_up->task);
  g_free (follow_up);
}

static void
guest_free (gpointer data)
{
  Guest *guest = data;

  g_free (guest->name);
  g_free (guest->contact);
  g_free (guest->role);
  g_free (guest->phone);
  g_free (guest->email);
  g_free (guest);
}

static void
meeting_free (Meeting *m)
{
  g_free (m->title);
  g_free (m->date);
  g_free (m->place);
  g_free (m->organiser);
  g_free (m->conclusions);
  g_free (m->team);
  g_clear_pointer (&m->items, g_ptr_array_unref);
  g_clear_pointer (&m->invitees, g_ptr_array_unref);
  g_clear_pointer (&m->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&m->guests, g_ptr_array_unref);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Meeting, meeting_free)

/* Data is stored in Latin script; a Cyrillic UI reads it in Cyrillic,
 * as the report does. */
static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const char *text = _mreza_sql_text (stmt, column);

  if (text == NULL || *text == '\0')
    return NULL;
  if (mreza_locale_is_cyrillic (NULL))
    return mreza_latin_to_cyrillic (text);
  return g_strdup (text);
}

static const char meeting_sql[] =
  "SELECT m.title, m.date, m.place, o.name, m.conclusions, t.name"
  " FROM meeting m JOIN institution o ON o.id = m.organiser_institution_id"
  " LEFT JOIN team t ON t.id = m.team_id WHERE m.id = ?1";

static const char items_sql[] =
  "SELECT a.position, a.start_time, a.duration_min, a.title, p.name,"
  "  coalesce (g.number, ag.number),"
  "  CASE WHEN x.id IS NOT NULL THEN ag.number || '.' || x.number END,"
  "  coalesce (x.title, g.title)"
  " FROM meeting_agenda_item a"
  " LEFT JOIN institution p ON p.id = a.presenter_institution_id"
  " LEFT JOIN goal g ON g.id = a.goal_id"
  " LEFT JOIN activity x ON x.id = a.activity_id"
  " LEFT JOIN goal ag ON ag.id = x.goal_id"
  " WHERE a.meeting_id = ?1 ORDER BY a.position, a.start_time, a.title";

/* Teams first, then institutions invited in their own right. */
static const char invitees_sql[] =
  "SELECT i.institution_id IS NULL, coalesce (n.name, t.name), i.attended,"
  "  (SELECT group_concat (name, ', ') FROM (SELECT s.name FROM team_member"
  "    tm JOIN institution s ON s.id = tm.institution_id"
  "    WHERE tm.team_id = t.id AND i.institution_id IS NULL"
  "    ORDER BY s.name COLLATE " MREZA_COLLATION ")),"
  "  (SELECT c.email FROM contact c WHERE c.team_id = t.id"
  "    AND c.is_secretary AND i.institution_id IS NULL)"
  " FROM meeting_invitee i LEFT JOIN team t ON t.id = i.team_id"
  " LEFT JOIN institution n ON n.id = i.institution_id"
  " WHERE i.meeting_id = ?1"
  " ORDER BY 1 DESC, 2 COLLATE " MREZA_COLLATION;

static const char follow_ups_sql[] =
  "SELECT f.title, r.name, f.deadline,"
  "  CASE WHEN k.id IS NOT NULL THEN g.number || '.' || a.number || '.'"
  "    || k.number END"
  " FROM meeting_follow_up f"
  " LEFT JOIN institution r ON r.id = f.responsible_institution_id"
  " LEFT JOIN task k ON k.id = f.task_id"
  " LEFT JOIN activity a ON a.id = k.activity_id"
  " LEFT JOIN goal g ON g.id = a.goal_id"
  " WHERE f.meeting_id = ?1 ORDER BY f.deadline IS NULL, f.deadline, f.title";

static const char guests_sql[] =
  "SELECT i.institution_id IS NULL, coalesce (n.name, t.name), i.attended,"
  "  c.name, c.role, c.phone, c.email"
  " FROM meeting_invitee i LEFT JOIN team t ON t.id = i.team_id"
  " LEFT JOIN institution n ON n.id = i.institution_id"
  " LEFT JOIN contact c ON c.id = (SELECT k.id FROM contact k"
  "   WHERE (i.institution_id IS NULL AND k.team_id = i.team_id)"
  "   OR k.institution_id = i.institution_id"
  "   ORDER BY k.is_secretary DESC, k.email IS NULL, k.rowid LIMIT 1)"
  " WHERE i.meeting_id = ?1"
  " ORDER BY 1 DESC, 2 COLLATE " MREZA_COLLATION;

static gboolean
check_done (sqlite3     *db,
            int          rc,
            GError     **error,
            const char  *what)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _mreza_sql_set_error (db, rc, error, what);
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *meeting_id,
         GError     **error)
{
  sqlite3_stmt *stmt = _mreza_sql_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
load_items (Meeting     *m,
            sqlite3     *db,
            const char  *meeting_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, items_sql, meeting_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Item *item = g_new0 (Item, 1);

      item->position = sqlite3_column_int64 (stmt, 0);
      item->start = dup_text (stmt, 1);
      item->duration = sqlite3_column_int64 (stmt, 2);
      item->title = dup_text (stmt, 3);
      item->presenter = dup_text (stmt, 4);
      item->goal = dup_text (stmt, 5);
      item->activity = dup_text (stmt, 6);
      item->link = dup_text (stmt, 7);
      g_ptr_array_add (m->items, item);
    }

  return check_done (db, rc, error, "meeting agenda");
}

static gboolean
load_invitees (Meeting     *m,
               sqlite3     *db,
               const char  *meeting_id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, invitees_sql, meeting_id,
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Invitee *invitee = g_new0 (Invitee, 1);
      g_autofree char *members = dup_text (stmt, 3);
      const char *email = _mreza_sql_text (stmt, 4);

      invitee->is_team = sqlite3_column_int (stmt, 0);
      invitee->name = dup_text (stmt, 1);
      invitee->attended = sqlite3_column_int (stmt, 2);
      if (members != NULL && email != NULL)
        /* Translators: a team's member institutions, then its
         * secretary's e-mail address */
        invitee->detail = g_strdup_printf (_("%s\nSecretary: %s"), members,
                                           email);
      else
        invitee->detail = g_steal_pointer (&members);
      g_ptr_array_add (m->invitees, invitee);
    }

  return check_done (db, rc, error, "meeting invitees");
}

static gboolean
load_follow_ups (Meeting     *m,
                 sqlite3     *db,
                 const char  *meeting_id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, follow_ups_sql, meeting_id,
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FollowUp *follow_up = g_new0 (FollowUp, 1);

      follow_up->title = dup_text (stmt, 0);
      follow_up->responsible = dup_text (stmt, 1);
      follow_up->deadline =
        mreza_locale_format_date (NULL, _mreza_sql_text (stmt, 2));
      follow_up->task = dup_text (stmt, 3);
      g_ptr_array_add (m->follow_ups, follow_up);
    }

  return check_done (db, rc, error, "meeting follow-ups");
}

static gboolean
load_guests (Meeting     *m,
             sqlite3     *db,
             const char  *meeting_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, guests_sql, meeting_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Guest *guest = g_new0 (Guest, 1);

      guest->is_team = sqlite3_column_int (stmt, 0);
      guest->name = dup_text (stmt, 1);
      guest->attended = sqlite3_column_int (stmt, 2);
      guest->contact = dup_text (stmt, 3);
      guest->role = dup_text (stmt, 4);
      /* Numbers and addresses are never transliterated. */
      guest->phone = g_strdup (_mreza_sql_text (stmt, 5));
      guest->email = g_strdup (_mreza_sql_text (stmt, 6));
      g_ptr_array_add (m->guests, guest);
    }

  return check_done (db, rc, error, "meeting guests");
}

static Meeting *
load_meeting (sqlite3     *db,
              const char  *meeting_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, meeting_sql, meeting_id, error);
  g_autoptr(Meeting) m = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT,
                   _("There is no meeting with id “%s” in this replica. "
                     "Sync, or choose another meeting."), meeting_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (db, rc, error, "meeting");
      return NULL;
    }

  m = g_new0 (Meeting, 1);
  m->title = dup_text (stmt, 0);
  m->date = g_strdup (_mreza_sql_text (stmt, 1));
  m->place = dup_text (stmt, 2);
  m->organiser = dup_text (stmt, 3);
  m->conclusions = dup_text (stmt, 4);
  m->team = dup_text (stmt, 5);
  m->items = g_ptr_array_new_with_free_func (item_free);
  m->invitees = g_ptr_array_new_with_free_func (invitee_free);
  m->follow_ups = g_ptr_array_new_with_free_func (follow_up_free);
  m->guests = g_ptr_array_new_with_free_func (guest_free);

  if (!load_items (m, db, meeting_id, error) ||
      !load_invitees (m, db, meeting_id, error) ||
      !load_follow_ups (m, db, meeting_id, error) ||
      !load_guests (m, db, meeting_id, error))
    return NULL;

  return g_steal_pointer (&m);
}

/* "10:00–10:45", "10:00", or NULL. */
static char *
item_time (const Item *item,
           gboolean     with_start)
{
  int h, min, end;

  if (item->start == NULL)
    return NULL;
  if (item->duration <= 0)
    return with_start ? g_strdup (item->start) : NULL;

  h = (int) g_ascii_strtoll (item->start, NULL, 10);
  min = (int) g_ascii_strtoll (item->start + 3, NULL, 10);
  end = (int) ((h * 60 + min + item->duration) % (24 * 60));

  if (!with_start)
    return g_strdup_printf ("%02d:%02d", end / 60, end % 60);
  return g_strdup_printf ("%s–%02d:%02d", item->start, end / 60, end % 60);
}

/* "Activity 1.1: Unapređenje …", "Goal 1: …", or NULL. */
static char *
item_link (const Item *item)
{
  if (item->activity != NULL)
    /* Translators: an activity's number (1.2) and its title */
    return g_strdup_printf (_("Activity %s: %s"), item->activity,
                            item->link ? item->link : "");
  if (item->goal != NULL)
    /* Translators: a goal's number and its title */
    return g_strdup_printf (_("Goal %s: %s"), item->goal,
                            item->link ? item->link : "");
  return NULL;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE,
               _("Cannot write “%s”: %s. Choose a folder you can write to."),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* CSV */

static void
put_field (GString    *line,
           guint       column,
           const char *text)
{
  if (text == NULL)
    text = "";
  if (column > 0)
    g_string_append_c (line, ',');
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static char *
build_csv (Meeting *m)
{
  const char *header[] = {
    _("Position"), _("Start"), _("End"), _("Minutes"), _("Item"),
    _("Presenter"), _("Goal"), _("Activity"), _("Linked to"),
  };
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    put_field (out, c, header[c]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < m->items->len; i++)
    {
      const Item *item = m->items->pdata[i];
      g_autofree char *position = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   item->position);
      g_autofree char *end = item_time (item, FALSE);
      g_autofree char *minutes = item->duration > 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, item->duration) : NULL;
      const char *fields[] = {
        position, item->start, end, minutes, item->title, item->presenter,
        item->goal, item->activity, item->link,
      };

      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        put_field (out, c, fields[c]);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

static char *
build_guests_csv (Meeting *m)
{
  const char *header[] = {
    _("Invited"), _("Name"), _("Contact person"), _("Role"), _("Phone"),
    _("E-mail"), _("Attended"),
  };
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    put_field (out, c, header[c]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < m->guests->len; i++)
    {
      const Guest *g = m->guests->pdata[i];
      const char *fields[] = {
        g->is_team ? _("Local team") : _("Institution"), g->name,
        g->contact, g->role, g->phone, g->email,
        g->attended ? _("yes") : _("no"),
      };

      for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
        put_field (out, c, fields[c]);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

static gboolean
write_csv (Meeting     *m,
           const char  *path,
           gboolean     guests,
           GError     **error)
{
  g_autofree char *csv = guests ? build_guests_csv (m) : build_csv (m);
  size_t len = strlen (csv);
  int saved_errno = 0;
  FILE *file;

  if ((file = fopen (path, "wb")) == NULL)
    return set_write_error (error, path, errno);

  if (fwrite (csv, 1, len, file) != len)
    saved_errno = errno != 0 ? errno : EIO;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_unlink (path);
      return set_write_error (error, path, saved_errno);
    }

  return TRUE;
}

/* PDF */

typedef enum
{
  FONT_BODY,
  FONT_BOLD,
  FONT_SMALL,
  FONT_HEADER,
  FONT_H1,
  FONT_TITLE,
  FONT_LABEL,
  N_FONTS,
} Font;

static const char * const font_names[N_FONTS] = {
  "DejaVu Sans 9",
  "DejaVu Sans Bold 9",
  "DejaVu Sans 7.5",
  "DejaVu Sans Bold 7.5",
  "DejaVu Sans Bold 12.5",
  "DejaVu Sans Bold 19",
  "DejaVu Sans Bold 8",
};

/* The report's palette: dark text, a muted grey, a blue accent. */
#define TEXT_RGB   0.13, 0.14, 0.16
#define MUTED_RGB  0.42, 0.44, 0.48
#define ACCENT_RGB 0.16, 0.36, 0.62
#define HEADER_BG  0.90, 0.93, 0.97
#define ZEBRA_BG   0.965, 0.97, 0.98
#define RULE_RGB   0.78, 0.81, 0.86

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *fonts[N_FONTS];
  const char           *footer;
  double                y;
  int                   page;
} Doc;

typedef struct
{
  const char *title;
  double      width;
  Font        font;
} Column;

static void
doc_set_text (Doc        *doc,
              Font        font,
              double      width,
              const char *text)
{
  pango_layout_set_font_description (doc->layout, doc->fonts[font]);
  pango_layout_set_width (doc->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (doc->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (doc->layout, text ? text : "", -1);
}

static double
doc_measure (Doc        *doc,
             Font        font,
             double      width,
             const char *text)
{
  int h;

  doc_set_text (doc, font, width, text);
  pango_layout_get_size (doc->layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static double
doc_draw (Doc        *doc,
          Font        font,
          double      x,
          double      y,
          double      width,
          const char *text)
{
  double h = doc_measure (doc, font, width, text);

  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, doc->layout);
  return h;
}

static void
doc_end_page (Doc *doc)
{
  g_autofree char *page = g_strdup_printf (_("Page %d"), doc->page);
  double y = A4_HEIGHT - MARGIN_BOTTOM + 22;

  cairo_set_source_rgb (doc->cr, RULE_RGB);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN_X, y - 6);
  cairo_line_to (doc->cr, A4_WIDTH - MARGIN_X, y - 6);
  cairo_stroke (doc->cr);

  cairo_set_source_rgb (doc->cr, MUTED_RGB);
  doc_draw (doc, FONT_SMALL, MARGIN_X, y, CONTENT_WIDTH - 80, doc->footer);
  pango_layout_set_alignment (doc->layout, PANGO_ALIGN_RIGHT);
  doc_draw (doc, FONT_SMALL, A4_WIDTH - MARGIN_X - 80, y, 80, page);
  pango_layout_set_alignment (doc->layout, PANGO_ALIGN_LEFT);
  cairo_show_page (doc->cr);
}

/* Starts a new page unless @height still fits on this one. */
static gboolean
doc_need (Doc    *doc,
          double  height)
{
  if (doc->y + height <= A4_HEIGHT - MARGIN_BOTTOM)
    return FALSE;

  doc_end_page (doc);
  doc->page++;
  doc->y = MARGIN_TOP;
  return TRUE;
}

static void
doc_heading (Doc        *doc,
             const char *text)
{
  double h = doc_measure (doc, FONT_H1, CONTENT_WIDTH, text);

  /* A heading keeps at least two rows of what follows with it. */
  doc_need (doc, 18 + h + 60);
  doc->y += 18;
  cairo_set_source_rgb (doc->cr, ACCENT_RGB);
  doc->y += doc_draw (doc, FONT_H1, MARGIN_X, doc->y, CONTENT_WIDTH, text);
  doc->y += 6;
}

static void
doc_subheading (Doc        *doc,
                const char *text)
{
  doc_need (doc, 50);
  doc->y += 6;
  cairo_set_source_rgb (doc->cr, TEXT_RGB);
  doc->y += doc_draw (doc, FONT_BOLD, MARGIN_X, doc->y, CONTENT_WIDTH, text);
  doc->y += 4;
}

static void
doc_table_header (Doc          *doc,
                  const Column *cols,
                  guint         n_cols)
{
  double h = 0, x = MARGIN_X;

  for (guint c = 0; c < n_cols; c++)
    h = MAX (h, doc_measure (doc, FONT_HEADER, cols[c].width - 2 * PAD,
                             cols[c].title));
  h += 2 * PAD;

  cairo_set_source_rgb (doc->cr, HEADER_BG);
  cairo_rectangle (doc->cr, MARGIN_X, doc->y, CONTENT_WIDTH, h);
  cairo_fill (doc->cr);
  cairo_set_source_rgb (doc->cr, ACCENT_RGB);
  for (guint c = 0; c < n_cols; c++)
    {
      doc_draw (doc, FONT_HEADER, x + PAD, doc->y + PAD,
                cols[c].width - 2 * PAD, cols[c].title);
      x += cols[c].width;
    }
  doc->y += h;
}

static void
doc_table_row (Doc          *doc,
               const Column *cols,
               guint         n_cols,
               const char  **cells,
               guint         row)
{
  double h = 0, x = MARGIN_X;

  for (guint c = 0; c < n_cols; c++)
    h = MAX (h, doc_measure (doc, cols[c].font, cols[c].width - 2 * PAD,
                             cells[c]));
  h += 2 * PAD;

  if (doc_need (doc, h))
    doc_table_header (doc, cols, n_cols);

  if (row % 2 == 1)
    {
      cairo_set_source_rgb (doc->cr, ZEBRA_BG);
      cairo_rectangle (doc->cr, MARGIN_X, doc->y, CONTENT_WIDTH, h);
      cairo_fill (doc->cr);
    }
  for (guint c = 0; c < n_cols; c++)
    {
      if (cols[c].font == FONT_SMALL)
        cairo_set_source_rgb (doc->cr, MUTED_RGB);
      else
        cairo_set_source_rgb (doc->cr, TEXT_RGB);
      doc_draw (doc, cols[c].font, x + PAD, doc->y + PAD,
                cols[c].width - 2 * PAD, cells[c]);
      x += cols[c].width;
    }
  doc->y += h;

  cairo_set_source_rgb (doc->cr, RULE_RGB);
  cairo_set_line_width (doc->cr, 0.4);
  cairo_move_to (doc->cr, MARGIN_X, doc->y);
  cairo_line_to (doc->cr, MARGIN_X + CONTENT_WIDTH, doc->y);
  cairo_stroke (doc->cr);
}

static void
draw_fact (Doc        *doc,
           const char *label,
           const char *value)
{
  double h;

  if (value == NULL)
    return;

  cairo_set_source_rgb (doc->cr, MUTED_RGB);
  doc_draw (doc, FONT_LABEL, MARGIN_X, doc->y + 1, 90, label);
  cairo_set_source_rgb (doc->cr, TEXT_RGB);
  h = doc_draw (doc, FONT_BODY, MARGIN_X + 95, doc->y, CONTENT_WIDTH - 95,
                value);
  doc->y += h + 4;
}

static void
draw_title (Doc        *doc,
            Meeting    *m,
            const char *overline)
{
  g_autofree char *date = mreza_locale_format_date (NULL, m->date);

  cairo_set_source_rgb (doc->cr, ACCENT_RGB);
  cairo_rectangle (doc->cr, MARGIN_X, doc->y, 40, 3);
  cairo_fill (doc->cr);
  doc->y += 10;
  doc->y += doc_draw (doc, FONT_LABEL, MARGIN_X, doc->y, CONTENT_WIDTH,
                      overline);
  doc->y += 6;
  cairo_set_source_rgb (doc->cr, TEXT_RGB);
  doc->y += doc_draw (doc, FONT_TITLE, MARGIN_X, doc->y, CONTENT_WIDTH,
                      m->title);
  doc->y += 14;

  draw_fact (doc, _("Date"), date ? date : m->date);
  draw_fact (doc, _("Place"), m->place);
  draw_fact (doc, _("Organiser"), m->organiser);
  draw_fact (doc, _("Meeting of"), m->team ? m->team
                                           : _("The network of local teams"));
}

static void
draw_agenda (Doc     *doc,
             Meeting *m)
{
  const Column cols[] = {
    { "#", 20, FONT_BODY },
    { _("Time"), 80, FONT_BODY },
    { _("Item"), 165, FONT_BOLD },
    { _("Presenter"), 105, FONT_BODY },
    { _("Action Plan"), CONTENT_WIDTH - 370, FONT_SMALL },
  };

  doc_heading (doc, _("Agenda"));
  if (m->items->len == 0)
    {
      cairo_set_source_rgb (doc->cr, MUTED_RGB);
      doc->y += doc_draw (doc, FONT_BODY, MARGIN_X, doc->y, CONTENT_WIDTH,
                          _("The agenda has no items yet."));
      return;
    }

  doc_table_header (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < m->items->len; i++)
    {
      const Item *item = m->items->pdata[i];
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 item->position);
      g_autofree char *time = item_time (item, TRUE);
      g_autofree char *link = item_link (item);
      const char *cells[] = { number, time, item->title, item->presenter,
                              link };

      doc_table_row (doc, cols, G_N_ELEMENTS (cols), cells, i);
    }
}

static void
draw_invitee_group (Doc      *doc,
                    Meeting  *m,
                    gboolean  teams)
{
  const Column team_cols[] = {
    { "#", 20, FONT_BODY },
    { _("Team"), 150, FONT_BOLD },
    { _("Members and secretary"), CONTENT_WIDTH - 240, FONT_SMALL },
    { _("Attended"), 70, FONT_BODY },
  };
  const Column institution_cols[] = {
    { "#", 20, FONT_BODY },
    { _("Institution"), CONTENT_WIDTH - 90, FONT_BOLD },
    { _("Attended"), 70, FONT_BODY },
  };
  const Column *cols = teams ? team_cols : institution_cols;
  guint n_cols = teams ? G_N_ELEMENTS (team_cols)
                       : G_N_ELEMENTS (institution_cols);
  g_autofree char *heading = NULL;
  guint n = 0;

  for (guint i = 0; i < m->invitees->len; i++)
    n += ((Invitee *) m->invitees->pdata[i])->is_team == teams;
  if (n == 0)
    return;

  heading = g_strdup_printf (teams ? _("Local teams (%u)")
                                   : _("Institutions (%u)"), n);
  doc_subheading (doc, heading);
  doc_table_header (doc, cols, n_cols);

  n = 0;
  for (guint i = 0; i < m->invitees->len; i++)
    {
      const Invitee *invitee = m->invitees->pdata[i];
      const char *tick = invitee->attended ? "✓" : "";
      g_autofree char *number = NULL;
      const char *cells[4];

      if (invitee->is_team != teams)
        continue;
      number = g_strdup_printf ("%u", ++n);
      cells[0] = number;
      cells[1] = invitee->name;
      cells[2] = teams ? invitee->detail : tick;
      cells[3] = tick;
      doc_table_row (doc, cols, n_cols, cells, n - 1);
    }
}

static void
draw_invitees (Doc     *doc,
               Meeting *m)
{
  guint attended = 0;

  doc_heading (doc, _("Invitation list"));
  if (m->invitees->len == 0)
    {
      cairo_set_source_rgb (doc->cr, MUTED_RGB);
      doc->y += doc_draw (doc, FONT_BODY, MARGIN_X, doc->y, CONTENT_WIDTH,
                          _("Nobody is invited yet."));
      return;
    }

  draw_invitee_group (doc, m, TRUE);
  draw_invitee_group (doc, m, FALSE);

  for (guint i = 0; i < m->invitees->len; i++)
    attended += ((Invitee *) m->invitees->pdata[i])->attended;
  if (attended > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Attended: %u of %u "
                                                 "invited"),
                                               attended, m->invitees->len);

      doc_need (doc, 20);
      doc->y += 6;
      cairo_set_source_rgb (doc->cr, MUTED_RGB);
      doc->y += doc_draw (doc, FONT_SMALL, MARGIN_X, doc->y, CONTENT_WIDTH,
                          line);
    }
}

static void
draw_outcome (Doc     *doc,
              Meeting *m)
{
  const Column cols[] = {
    { "#", 20, FONT_BODY },
    { _("Follow-up task"), 200, FONT_BOLD },
    { _("Responsible"), 130, FONT_BODY },
    { _("Deadline"), 70, FONT_BODY },
    { _("Plan task"), CONTENT_WIDTH - 420, FONT_BODY },
  };

  if (m->conclusions != NULL)
    {
      double h = doc_measure (doc, FONT_BODY, CONTENT_WIDTH, m->conclusions);

      doc_heading (doc, _("Conclusions"));
      doc_need (doc, h);
      cairo_set_source_rgb (doc->cr, TEXT_RGB);
      doc->y += doc_draw (doc, FONT_BODY, MARGIN_X, doc->y, CONTENT_WIDTH,
                          m->conclusions);
    }

  if (m->follow_ups->len == 0)
    return;

  doc_heading (doc, _("Follow-up tasks"));
  doc_table_header (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < m->follow_ups->len; i++)
    {
      const FollowUp *f = m->follow_ups->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *cells[] = { number, f->title, f->responsible, f->deadline,
                              f->task };

      doc_table_row (doc, cols, G_N_ELEMENTS (cols), cells, i);
    }
}

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  FILE *file = closure;

  return fwrite (data, 1, length, file) == length
           ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Points are PDF units: 72 dpi, and no metric hinting, so that what
 * is measured is what is drawn, as in the report. */
static void
set_up_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
}

/* The invitation list alone: whom to write to, and a column to tick on
 * the day; teams first, then the institutions invited in their own
 * right, as in the agenda's list. */
static void
draw_guest_group (Doc      *doc,
                  Meeting  *m,
                  gboolean  teams)
{
  const Column cols[] = {
    { "#", 20, FONT_BODY },
    { teams ? _("Team") : _("Institution"), 130, FONT_BOLD },
    { _("Contact person"), 140, FONT_BODY },
    { _("Phone and e-mail"), CONTENT_WIDTH - 345, FONT_SMALL },
    { _("Attended"), 55, FONT_BODY },
  };
  g_autofree char *heading = NULL;
  guint n = 0;

  for (guint i = 0; i < m->guests->len; i++)
    n += ((Guest *) m->guests->pdata[i])->is_team == teams;
  if (n == 0)
    return;

  heading = g_strdup_printf (teams ? _("Local teams (%u)")
                                   : _("Institutions (%u)"), n);
  doc_subheading (doc, heading);
  doc_table_header (doc, cols, G_N_ELEMENTS (cols));

  n = 0;
  for (guint i = 0; i < m->guests->len; i++)
    {
      const Guest *g = m->guests->pdata[i];
      g_autofree char *number = NULL;
      g_autofree char *contact = NULL;
      g_autofree char *reach = NULL;
      const char *cells[5];

      if (g->is_team != teams)
        continue;
      number = g_strdup_printf ("%u", ++n);
      if (g->contact != NULL && g->role != NULL)
        contact = g_strdup_printf ("%s\n%s", g->contact, g->role);
      else
        contact = g_strdup (g->contact ? g->contact : g->role);
      if (g->phone != NULL && g->email != NULL)
        reach = g_strdup_printf ("%s\n%s", g->phone, g->email);
      else
        reach = g_strdup (g->phone ? g->phone : g->email);

      cells[0] = number;
      cells[1] = g->name;
      cells[2] = contact ? contact : _("No contact in the directory");
      cells[3] = reach;
      cells[4] = g->attended ? "✓" : "";
      doc_table_row (doc, cols, G_N_ELEMENTS (cols), cells, n - 1);
    }
}

static void
draw_guests (Doc     *doc,
             Meeting *m)
{
  doc_heading (doc, _("Invitation list"));
  if (m->guests->len == 0)
    {
      cairo_set_source_rgb (doc->cr, MUTED_RGB);
      doc->y += doc_draw (doc, FONT_BODY, MARGIN_X, doc->y, CONTENT_WIDTH,
                          _("Nobody is invited yet."));
      return;
    }

  draw_guest_group (doc, m, TRUE);
  draw_guest_group (doc, m, FALSE);
}

static cairo_status_t
render_pdf (Meeting  *m,
            gboolean  guests,
            FILE     *file)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { .footer = m->title, .y = MARGIN_TOP, .page = 1 };

  surface = cairo_pdf_surface_create_for_stream (write_to_file, file,
                                                 A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  m->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Mreža " PACKAGE_VERSION);
  doc.cr = cairo_create (surface);
  doc.layout = pango_cairo_create_layout (doc.cr);
  set_up_context (pango_layout_get_context (doc.layout));
  pango_layout_context_changed (doc.layout);
  for (guint f = 0; f < N_FONTS; f++)
    doc.fonts[f] = pango_font_description_from_string (font_names[f]);

  if (guests)
    {
      draw_title (&doc, m, _("INVITATION LIST"));
      draw_guests (&doc, m);
    }
  else
    {
      draw_title (&doc, m, _("AGENDA AND INVITATION"));
      draw_agenda (&doc, m);
      draw_invitees (&doc, m);
      draw_outcome (&doc, m);
    }
  doc_end_page (&doc);

  for (guint f = 0; f < N_FONTS; f++)
    pango_font_description_free (doc.fonts[f]);
  g_object_unref (doc.layout);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

static gboolean
write_pdf (Meeting     *m,
           const char  *path,
           gboolean     guests,
           GError     **error)
{
  cairo_status_t status;
  int saved_errno = 0;
  FILE *file;

  if ((file = fopen (path, "wb")) == NULL)
    return set_write_error (error, path, errno);

  status = render_pdf (m, guests, file);
  if (ferror (file))
    saved_errno = errno != 0 ? errno : EIO;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && status != CAIRO_STATUS_SUCCESS)
    saved_errno = EIO;
  if (saved_errno != 0)
    {
      g_unlink (path);
      return set_write_error (error, path, saved_errno);
    }

  return TRUE;
}

static gboolean
write_document (sqlite3     *db,
                const char  *meeting_id,
                const char  *path,
                const char  *format,
                gboolean     guests,
                GError     **error)
{
  g_autoptr(Meeting) m = NULL;

  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "csv"))
    {
      g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT,
                   _("“%s” is not a format Mreža writes this in: choose pdf "
                     "or csv."), format);
      return FALSE;
    }

  m = load_meeting (db, meeting_id, error);
  if (m == NULL)
    return FALSE;

  if (g_str_equal (format, "csv"))
    return write_csv (m, path, guests, error);
  return write_pdf (m, path, guests, error);
}

/**
 * mreza_meeting_agenda_write:
 * @db: a replica's database
 * @meeting_id: the meeting's id
 * @path: the file to write (replaced if it exists)
 * @format: `"pdf"` (the agenda and the invitation list, A4) or `"csv"`
 *   (the agenda items)
 * @error: return location for a #GError
 *
 * Writes a meeting's agenda as a document. An unknown meeting or
 * format is %MREZA_REPORT_ERROR_INPUT, a file that cannot be written
 * %MREZA_REPORT_ERROR_WRITE; either way @path is not left half written.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_meeting_agenda_write (sqlite3     *db,
                            const char  *meeting_id,
                            const char  *path,
                            const char  *format,
                            GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_document (db, meeting_id, path, format, FALSE, error);
}

/**
 * mreza_meeting_invitations_write:
 * @db: a replica's database
 * @meeting_id: the meeting's id
 * @path: the file to write (replaced if it exists)
 * @format: `"pdf"` (A4, with a column to tick attendance) or `"csv"`
 *   (one invitee per line: kind, name, contact person, role, phone,
 *   e-mail, attended)
 * @error: return location for a #GError
 *
 * Writes the invitation list: the teams invited, then the institutions,
 * each with the person to write to, as the directory knows them (a
 * team's secretary first). Errors as mreza_meeting_agenda_write().
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_meeting_invitations_write (sqlite3     *db,
                                 const char  *meeting_id,
                                 const char  *path,
                                 const char  *format,
                                 GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_document (db, meeting_id, path, format, TRUE, error);
}
