/* mreza-conflicts-page.c: the conflicts sync kept for a person to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per open conflict: what the record is (its kind and title),
 * which field, and both values side by side with who wrote each and
 * when (read off their HLCs). "Keep This" accepts the value every
 * replica shows; "Use the Other Value" writes the other one as a new
 * edit, which syncs. Either is one click, and the page then reads the
 * list again and emits ::resolved, so that the window can tell sync.
 *
 * Above them, a change of this computer the coordinator refused, when
 * there is one: what it changed, the coordinator's reason, and "Undo My
 * Change", which emits ::undo-refused for the window's sync client to
 * put the row back as the coordinator has it.
 */
#define G_LOG_DOMAIN "mreza-conflicts-page"

#include "config.h"

#include "mreza-conflicts-page.h"

#include "mreza-peers.h"

#include "mreza-conflicts.h"
#include "mreza-labels.h"
#include "mreza-sync.h"

#include <glib/gi18n.h>

struct _MrezaConflictsPage
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkBox     *refused_box;
  GtkWidget  *intro_label;
  GtkListBox *list;

  MrezaStore *store;
  GPtrArray  *conflicts;
  gint64      refused_seq;    /* the refused change shown, or 0 */
};

enum {
  RESOLVED,
  UNDO_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaConflictsPage, mreza_conflicts_page, GTK_TYPE_WIDGET)

static GtkWidget *
label_new (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static char *
describe_origin (MrezaConflictsPage *self,
                 const char         *hlc)
{
  g_autofree char *device = mreza_hlc_dup_device (hlc);
  g_autofree char *own = mreza_sync_dup_state (self->store, "device");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *who = NULL;
  g_autofree char *name = NULL;
  gint64 ms = mreza_hlc_get_unix_ms (hlc);

  if (own == NULL)
    own = g_strdup (mreza_store_get_device_id (self->store));

  if (device != NULL && g_strcmp0 (device, own) == 0)
    who = g_strdup (_("This computer"));
  else if (device != NULL &&
           (name = mreza_peers_dup_device_name (self->store, device)) != NULL)
    {
      g_autofree char *team = mreza_peers_dup_device_team (self->store, device);

      /* Translators: a device's name as it was enrolled, then its team */
      who = team != NULL ? g_strdup_printf (_("%s (%s)"), name, team)
                         : g_steal_pointer (&name);
    }
  else if (device != NULL)
    {
      device[8] = '\0';
      /* Translators: a device's short id, as the coordinator lists it */
      who = g_strdup_printf (_("Device %s"), device);
    }
  else
    who = g_strdup (_("Another device"));

  when = ms > 0 ? g_date_time_new_from_unix_local (ms / 1000) : NULL;
  if (when == NULL)
    return g_steal_pointer (&who);

  /* Translators: a date and time, see g_date_time_format() */
  time = g_date_time_format (when, _("%-d %B %Y, %H:%M"));
  /* Translators: who changed a value, then when */
  return g_strdup_printf (_("%s · %s"), who, time);
}

static GtkWidget *
value_card_new (MrezaConflictsPage *self,
                const char         *heading,
                const char         *value,
                const char         *hlc,
                GtkWidget          *button)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *origin = describe_origin (self, hlc);
  g_autofree char *shown = value ? mreza_display_text (value) : NULL;
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "conflict-value");
  gtk_widget_set_hexpand (card, TRUE);

  gtk_box_append (GTK_BOX (card), label_new (heading, "caption-heading"));
  label = label_new (shown ? shown : _("(empty)"), "conflict-text");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (card), label);
  gtk_box_append (GTK_BOX (card), label_new (origin, "caption"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (card), "dim-label");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_box_append (GTK_BOX (card), button);

  return card;
}

static void
resolve (MrezaConflictsPage *self,
         GtkWidget          *button,
         gboolean            use_lost)
{
  MrezaConflict *c = g_object_get_data (G_OBJECT (button), "conflict");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (MREZA_IS_CONFLICTS_PAGE (self));

  ok = use_lost ? mreza_conflicts_resolve_use_lost (self->store, c->id, &error)
                : mreza_conflicts_resolve_accept (self->store, c->id, &error);
  if (!ok)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Could Not Resolve the Conflict"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                       _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  mreza_conflicts_page_reload (self);
  g_signal_emit (self, signals[RESOLVED], 0, use_lost && ok);
}

static void
keep_clicked_cb (GtkWidget          *button,
                 MrezaConflictsPage *self)
{
  resolve (self, button, FALSE);
}

static void
use_other_clicked_cb (GtkWidget          *button,
                      MrezaConflictsPage *self)
{
  resolve (self, button, TRUE);
}

static GtkWidget *
button_new (MrezaConflictsPage *self,
            MrezaConflict      *c,
            const char         *label,
            const char         *name,
            const char         *accessible,
            GCallback           callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "conflict", c);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

/* A card for one record: a row whose box (returned in @box) starts with
 * the record's kind and title, which also name the row for screen
 * readers. */
static GtkWidget *
record_row_new (const char  *table,
                const char  *row_title,
                GtkWidget  **box)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *shown = row_title ? mreza_display_text (row_title) : NULL;
  g_autofree char *title = NULL;

  title = shown
    /* Translators: the kind of record, then its title */
    ? g_strdup_printf (_("%s: %s"), mreza_conflicts_table_label (table), shown)
    : g_strdup (mreza_conflicts_table_label (table));

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (*box, 12);
  gtk_widget_set_margin_bottom (*box, 12);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);
  gtk_box_append (GTK_BOX (*box), label_new (title, "heading"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), *box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static GtkWidget *
row_new (MrezaConflictsPage *self,
         MrezaConflict      *c)
{
  GtkWidget *box;
  GtkWidget *row = record_row_new (c->table, c->row_title, &box);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *field = mreza_conflicts_column_label (c->column);
  g_autofree char *subtitle = NULL;
  g_autofree char *keep_a11y = NULL;
  g_autofree char *other_a11y = NULL;
  GtkWidget *keep, *other;

  /* Translators: the field two people changed */
  subtitle = g_strdup_printf (_("Field: %s"), field);
  /* Translators: the field of a conflict, for screen readers */
  keep_a11y = g_strdup_printf (_("Keep the kept value of %s"), field);
  other_a11y = g_strdup_printf (_("Use the other value of %s"), field);

  gtk_box_append (GTK_BOX (box), label_new (subtitle, "dim-label"));

  keep = button_new (self, c, _("_Keep This"), "keep", keep_a11y,
                     G_CALLBACK (keep_clicked_cb));
  other = button_new (self, c, _("_Use the Other Value"), "use-other",
                      other_a11y, G_CALLBACK (use_other_clicked_cb));
  gtk_widget_add_css_class (other, "suggested-action");
  gtk_box_set_homogeneous (GTK_BOX (values), TRUE);
  gtk_box_append (GTK_BOX (values),
                  value_card_new (self, _("Kept everywhere"), c->kept_value,
                                  c->kept_hlc, keep));
  gtk_box_append (GTK_BOX (values),
                  value_card_new (self, _("The other value"), c->lost_value,
                                  c->lost_hlc, other));
  gtk_box_append (GTK_BOX (box), values);

  return row;
}

static void
undo_clicked_cb (GtkButton          *button,
                 MrezaConflictsPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  g_signal_emit (self, signals[UNDO_REFUSED], 0);
}

/* The refused change, as a card like a conflict's. */
static GtkWidget *
refused_card_new (MrezaConflictsPage *self,
                  MrezaSyncRefused   *refused)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box, *row, *button;
  g_autofree char *row_title = mreza_conflicts_dup_row_title (self->store,
                                                              refused->table,
                                                              refused->row_id);
  g_autofree char *what = NULL;
  g_autofree char *waiting = NULL;

  row = record_row_new (refused->table, row_title, &box);
  what = refused->deleted
    ? g_strdup (_("This computer deleted it."))
    : g_strdup (_("This computer changed it."));
  if (refused->n_waiting <= 1)
    waiting = g_strdup (_("It waits, unsent. Undoing it puts the record back "
                          "as the coordinator has it."));
  else
    waiting = g_strdup_printf (ngettext ("It and the change made after it "
                                         "wait, unsent. Undoing it puts the "
                                         "record back as the coordinator has "
                                         "it, and the other is sent.",
                                         "It and the %u changes made after it "
                                         "wait, unsent. Undoing it puts the "
                                         "record back as the coordinator has "
                                         "it, and the others are sent.",
                                         refused->n_waiting - 1),
                               refused->n_waiting - 1);

  gtk_box_append (GTK_BOX (box), label_new (what, NULL));
  if (refused->reason != NULL)
    gtk_box_append (GTK_BOX (box), label_new (refused->reason, "dim-label"));
  gtk_box_append (GTK_BOX (box), label_new (waiting, NULL));

  button = gtk_button_new_with_mnemonic (_("_Undo My Change"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_name (button, "undo-refused");
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (undo_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refused by the coordinator"), -1);
  return list;
}

static void
show_refused (MrezaConflictsPage *self)
{
  g_autoptr(MrezaSyncRefused) refused = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_box))))
    gtk_box_remove (self->refused_box, child);

  refused = self->store ? mreza_sync_dup_refused (self->store) : NULL;
  self->refused_seq = refused ? refused->seq : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->refused_box), refused != NULL);
  if (refused == NULL)
    return;

  gtk_box_append (self->refused_box,
                  label_new (_("Refused by the Coordinator"), "heading"));
  gtk_box_append (self->refused_box, refused_card_new (self, refused));
}

/**
 * mreza_conflicts_page_refresh_refused:
 * @self: a #MrezaConflictsPage
 *
 * After a sync: shows the change the coordinator refused, or no longer,
 * when that changed.
 */
void
mreza_conflicts_page_refresh_refused (MrezaConflictsPage *self)
{
  g_autoptr(MrezaSyncRefused) refused = NULL;

  g_return_if_fail (MREZA_IS_CONFLICTS_PAGE (self));

  if (self->store != NULL)
    refused = mreza_sync_dup_refused (self->store);
  if ((refused ? refused->seq : 0) != self->refused_seq)
    mreza_conflicts_page_reload (self);
}

/* Whether the page shows a change the coordinator refused. */
gboolean
mreza_conflicts_page_has_refused (MrezaConflictsPage *self)
{
  g_return_val_if_fail (MREZA_IS_CONFLICTS_PAGE (self), FALSE);

  return self->refused_seq != 0;
}

/**
 * mreza_conflicts_page_reload:
 * @self: a #MrezaConflictsPage
 *
 * Reads the open conflicts again; there are few, so on this thread.
 */
void
mreza_conflicts_page_reload (MrezaConflictsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (MREZA_IS_CONFLICTS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  if (self->store != NULL)
    self->conflicts = mreza_conflicts_list_open (self->store, &error);
  if (error != NULL)
    g_warning ("Cannot read the conflicts: %s", error->message);

  for (guint i = 0; self->conflicts != NULL && i < self->conflicts->len; i++)
    gtk_list_box_append (self->list, row_new (self, self->conflicts->pdata[i]));

  show_refused (self);
  gtk_widget_set_visible (self->intro_label,
                          mreza_conflicts_page_get_n_open (self) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list),
                          mreza_conflicts_page_get_n_open (self) > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    mreza_conflicts_page_get_n_open (self) > 0 ||
                                    self->refused_seq != 0
                                    ? "list" : "empty");
}

void
mreza_conflicts_page_set_store (MrezaConflictsPage *self,
                                MrezaStore         *store)
{
  g_return_if_fail (MREZA_IS_CONFLICTS_PAGE (self));
  g_return_if_fail (store == NULL || MREZA_IS_STORE (store));

  g_set_object (&self->store, store);
  mreza_conflicts_page_reload (self);
}

guint
mreza_conflicts_page_get_n_open (MrezaConflictsPage *self)
{
  g_return_val_if_fail (MREZA_IS_CONFLICTS_PAGE (self), 0);

  return self->conflicts ? self->conflicts->len : 0;
}

/**
 * mreza_conflicts_page_get_list:
 * @self: a #MrezaConflictsPage
 *
 * Returns: (transfer none): the list of rows
 */
GtkListBox *
mreza_conflicts_page_get_list (MrezaConflictsPage *self)
{
  g_return_val_if_fail (MREZA_IS_CONFLICTS_PAGE (self), NULL);

  return self->list;
}

static void
mreza_conflicts_page_dispose (GObject *object)
{
  MrezaConflictsPage *self = MREZA_CONFLICTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_CONFLICTS_PAGE);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_conflicts_page_parent_class)->dispose (object);
}

static void
mreza_conflicts_page_class_init (MrezaConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_conflicts_page_dispose;

  /**
   * MrezaConflictsPage::resolved:
   * @edited: whether the replica was edited (the other value used)
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * MrezaConflictsPage::undo-refused:
   *
   * A person asked to undo the change the coordinator refused.
   */
  signals[UNDO_REFUSED] = g_signal_new ("undo-refused",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaConflictsPage, list);
  gtk_widget_class_bind_template_child (widget_class, MrezaConflictsPage, refused_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaConflictsPage, intro_label);
}

static void
mreza_conflicts_page_init (MrezaConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
