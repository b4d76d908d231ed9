/* mreza-meeting.h: a meeting's agenda and invitation list as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean mreza_meeting_agenda_write (sqlite3     *db,
                                     const char  *meeting_id,
                                     const char  *path,
                                     const char  *format,
                                     GError     **error);

G_END_DECLS
