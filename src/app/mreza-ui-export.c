/* mreza-ui-export.c: a page's "Export…": file chooser, worker, toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meeting view and the report page export documents the same way:
 * a GtkFileChooserNative (the portal's dialog in a sandbox), a name
 * without an extension taking the chosen filter's, the document written
 * by a worker on its own connection, and a toast that says where it
 * went or, until it is dismissed, why it failed.
 */
#define G_LOG_DOMAIN "mreza-ui-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mreza-ui-export.h"
#include "mreza-ui.h"

/**
 * mreza_ui_export_init:
 * @export: the page's export state, zeroed
 * @owner: the page; it outlives @export's chooser and keeps itself
 *   alive while an export runs
 * @chosen: starts the export of the file a person chose
 * @changed: (nullable): updates the page's actions
 */
void
mreza_ui_export_init (MrezaUiExport        *export,
                      GtkWidget            *owner,
                      MrezaUiExportChosen   chosen,
                      MrezaUiExportChanged  changed)
{
  g_return_if_fail (export != NULL);
  g_return_if_fail (GTK_IS_WIDGET (owner));

  export->owner = owner;
  export->chosen = chosen;
  export->changed = changed;
}

static void
export_changed (MrezaUiExport *export)
{
  if (export->changed != NULL)
    export->changed (export->owner);
}

/**
 * mreza_ui_export_filter_new:
 * @name: what a person reads in the chooser: "PDF documents"
 * @mime_type: its MIME type
 * @extension: without the dot: "pdf"
 *
 * Returns: (transfer full): a filter whose extension is given to a
 *   name typed without one
 */
GtkFileFilter *
mreza_ui_export_filter_new (const char *name,
                            const char *mime_type,
                            const char *extension)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data_full (G_OBJECT (filter), "mreza-extension",
                          g_strdup (extension), g_free);
  return filter;
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  MrezaUiExport *export = user_data;
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&export->chooser);
  GtkFileChooser *fc = GTK_FILE_CHOOSER (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (fc);
      GtkFileFilter *filter = gtk_file_chooser_get_filter (fc);
      const char *extension = filter == NULL ? NULL
        : g_object_get_data (G_OBJECT (filter), "mreza-extension");
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autofree char *base = path ? g_path_get_basename (path) : NULL;

      /* A name without an extension takes the chosen filter's. */
      if (base != NULL && extension != NULL && strrchr (base, '.') == NULL)
        {
          g_autofree char *with_ext = g_strconcat (path, ".", extension, NULL);

          g_clear_object (&file);
          file = g_file_new_for_path (with_ext);
        }
      if (file != NULL)
        export->chosen (export->owner, file);
    }
  export_changed (export);
}

/**
 * mreza_ui_export_choose:
 * @export: the page's export state
 * @title: the chooser's title
 * @name: the suggested file name
 * @filter: (transfer none) (nullable): the first filter; %NULL for
 *   none (a folder, say), else a %NULL-terminated list of filters
 *
 * Asks where to write; a person's choice goes to the page's
 * MrezaUiExportChosen. Does nothing while a chooser is open.
 */
void
mreza_ui_export_choose (MrezaUiExport *export,
                        const char    *title,
                        const char    *name,
                        GtkFileFilter *filter,
                        ...)
{
  GtkRoot *root;
  va_list args;

  g_return_if_fail (export != NULL && export->owner != NULL);

  if (export->chooser != NULL)
    return;

  root = gtk_widget_get_root (export->owner);
  export->chooser = gtk_file_chooser_native_new (title,
                                                 GTK_IS_WINDOW (root)
                                                   ? GTK_WINDOW (root) : NULL,
                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), name);

  va_start (args, filter);
  for (; filter != NULL; filter = va_arg (args, GtkFileFilter *))
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export->chooser), filter);
  va_end (args);

  g_signal_connect (export->chooser, "response",
                    G_CALLBACK (chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
  export_changed (export);
}

typedef struct
{
  MrezaUiExportWrite  write;
  gpointer            job;
  GDestroyNotify      job_free;
  char               *output;
  char               *saved;
} Run;

static void
run_free (Run *run)
{
  if (run->job_free != NULL)
    run->job_free (run->job);
  g_free (run->output);
  g_free (run->saved);
  g_free (run);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (run->write (run->job, run->output, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GtkWidget *owner = GTK_WIDGET (object);
  MrezaUiExport *export = user_data;
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (run->output);
  AdwToast *toast;

  export->n_running--;
  g_clear_pointer (&export->last_error, g_free);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *title = g_strdup_printf (run->saved, name);

      toast = adw_toast_new (title);
    }
  else
    {
      export->last_error = g_strdup (error->message);
      toast = adw_toast_new (error->message);
      /* An error is read to its end, not taken away after a while. */
      adw_toast_set_timeout (toast, 0);
    }

  mreza_ui_add_toast (owner, toast);
  export_changed (export);
}

/**
 * mreza_ui_export_run:
 * @export: the page's export state
 * @file: where to write
 * @saved: the toast on success, with one %s for the file's name
 * @write: (scope async): writes the document, in a worker
 * @job: (transfer full): its data
 * @job_free: frees @job
 *
 * Writes a document in a worker; the page stays alive until it is
 * done, and a toast says where it went or why it failed.
 */
void
mreza_ui_export_run (MrezaUiExport      *export,
                     GFile              *file,
                     const char         *saved,
                     MrezaUiExportWrite  write,
                     gpointer            job,
                     GDestroyNotify      job_free)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (export != NULL && export->owner != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (write != NULL);

  run = g_new0 (Run, 1);
  run->write = write;
  run->job = job;
  run->job_free = job_free;
  run->saved = g_strdup (saved);
  run->output = g_file_get_path (file);
  if (run->output == NULL)
    run->output = g_file_get_uri (file);

  /* The task holds the page, so @export lives until the callback. */
  task = g_task_new (export->owner, NULL, run_done_cb, export);
  g_task_set_source_tag (task, mreza_ui_export_run);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_worker);
  export->n_running++;
  export_changed (export);
}

gboolean
mreza_ui_export_is_choosing (MrezaUiExport *export)
{
  return export->chooser != NULL;
}

gboolean
mreza_ui_export_is_running (MrezaUiExport *export)
{
  return export->n_running > 0;
}

/* The message of the last export that failed, or %NULL. */
const char *
mreza_ui_export_get_last_error (MrezaUiExport *export)
{
  return export->last_error;
}

/* In the page's dispose: closes the chooser (a running export keeps
 * the page alive, so none is running then). */
void
mreza_ui_export_clear (MrezaUiExport *export)
{
  if (export->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (export->chooser, export);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (export->chooser));
    }
  g_clear_object (&export->chooser);
  g_clear_pointer (&export->last_error, g_free);
}
