/* mreza-meeting-form.h: the form that prepares a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_MEETING_FORM (mreza_meeting_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaMeetingForm, mreza_meeting_form, MREZA, MEETING_FORM, MrezaForm)

MrezaMeetingForm *mreza_meeting_form_new         (GtkWindow         *parent,
                                                  MrezaStore        *store,
                                                  const char        *id,
                                                  GError           **error);
const char       *mreza_meeting_form_get_id      (MrezaMeetingForm  *self);
gboolean          mreza_meeting_form_has_changes (MrezaMeetingForm  *self);

G_END_DECLS
