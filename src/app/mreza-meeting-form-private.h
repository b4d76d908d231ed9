/* mreza-meeting-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-meeting-choices.h"
#include "mreza-meeting-form.h"
#include "mreza-meeting.h"

G_BEGIN_DECLS

struct _MrezaMeetingForm
{
  MrezaForm            parent_instance;

  AdwPreferencesGroup *meeting_group;
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *place_row;
  GtkListBox          *items_box;
  GtkListBox          *teams_box;
  GtkListBox          *institutions_box;
  GtkTextView         *conclusions_view;
  GtkListBox          *follow_ups_box;
  AdwComboRow         *organiser_row;
  AdwComboRow         *team_row;

  /* One row per agenda item and per follow-up, in their order. */
  GPtrArray           *item_rows;       /* AdwExpanderRow */
  GPtrArray           *follow_up_rows;  /* AdwExpanderRow */

  MrezaStore          *store;
  MrezaMeetingChoices *choices;
  MrezaMeeting        *original;        /* as loaded, or the defaults */
  MrezaMeeting        *current;         /* what the widgets say */
  gboolean             filling;
  gboolean             touched;
};

GtkWidget *_mreza_meeting_form_add_item      (MrezaMeetingForm *self);
void       _mreza_meeting_form_move_item     (MrezaMeetingForm *self,
                                              guint             index,
                                              int               delta);
void       _mreza_meeting_form_remove_item   (MrezaMeetingForm *self,
                                              guint             index);
GtkWidget *_mreza_meeting_form_add_follow_up (MrezaMeetingForm *self);
void       _mreza_meeting_form_invite_team   (MrezaMeetingForm *self,
                                              guint             team,
                                              gboolean          invited);
void       _mreza_meeting_form_set_team_invited (MrezaMeetingForm *self,
                                                 guint             team,
                                                 gboolean          invited);

/* mreza-meeting-form-rows.c */
void       _mreza_meeting_form_rebuild_items      (MrezaMeetingForm *self,
                                                   gpointer          expand);
void       _mreza_meeting_form_rebuild_follow_ups (MrezaMeetingForm *self,
                                                   gpointer          expand);
void       _mreza_meeting_form_build_teams        (MrezaMeetingForm *self);
void       _mreza_meeting_form_rebuild_institutions (MrezaMeetingForm *self);
void       _mreza_meeting_form_update_children_state (MrezaMeetingForm *self);

/* Helpers shared by the two files. */
void        _mreza_meeting_form_set_text        (char        **field,
                                                 GtkEditable  *editable);
const char *_mreza_meeting_form_combo_id        (AdwComboRow  *row,
                                                 GPtrArray    *choices);
void        _mreza_meeting_form_combo_select    (AdwComboRow  *row,
                                                 GPtrArray    *choices,
                                                 const char   *id);
void        _mreza_meeting_form_set_editable    (GtkWidget    *editable,
                                                 const char   *text);
void        _mreza_meeting_form_show_problem    (GtkWidget    *row,
                                                 gboolean      in_subtitle,
                                                 const char   *text,
                                                 const char   *problem);
GtkWidget  *_mreza_meeting_form_placeholder_new (const char   *text);

G_END_DECLS
