/* mreza-meeting-view.h: one meeting, read, and its documents exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-access.h"
#include "mreza-store.h"

G_BEGIN_DECLS

typedef enum
{
  MREZA_MEETING_DOCUMENT_AGENDA,
  MREZA_MEETING_DOCUMENT_INVITATIONS,
} MrezaMeetingDocument;

#define MREZA_TYPE_MEETING_VIEW (mreza_meeting_view_get_type ())

G_DECLARE_FINAL_TYPE (MrezaMeetingView, mreza_meeting_view, MREZA, MEETING_VIEW, GtkWidget)

gboolean    mreza_meeting_view_show           (MrezaMeetingView     *self,
                                               MrezaStore           *store,
                                               const char           *id,
                                               const char           *read_only_why,
                                               GError              **error);
const char *mreza_meeting_view_get_id         (MrezaMeetingView     *self);
void        mreza_meeting_view_export         (MrezaMeetingView     *self,
                                               MrezaMeetingDocument  document,
                                               GFile                *file);
gboolean    mreza_meeting_view_is_exporting   (MrezaMeetingView     *self);
const char *mreza_meeting_view_get_last_error (MrezaMeetingView     *self);

G_END_DECLS
