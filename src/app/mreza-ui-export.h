/* mreza-ui-export.h: a page's "Export…": file chooser, worker, toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Writes the page's document to @output, in a worker thread: @job is
 * what the page copied for it (never the page itself). */
typedef gboolean (*MrezaUiExportWrite)   (gpointer     job,
                                          const char  *output,
                                          GError     **error);
/* The file a person chose, for the page to start its export with. */
typedef void     (*MrezaUiExportChosen)  (GtkWidget   *owner,
                                          GFile       *file);
/* Called when a chooser opens or closes, or an export starts or ends,
 * so the page can update its actions and spinner. */
typedef void     (*MrezaUiExportChanged) (GtkWidget   *owner);

/* Embedded in the page; mreza_ui_export_clear() in its dispose. */
typedef struct
{
  GtkWidget            *owner;
  MrezaUiExportChosen   chosen;
  MrezaUiExportChanged  changed;
  GtkFileChooserNative *chooser;
  guint                 n_running;
  char                 *last_error;
} MrezaUiExport;

void           mreza_ui_export_init       (MrezaUiExport        *export,
                                           GtkWidget            *owner,
                                           MrezaUiExportChosen   chosen,
                                           MrezaUiExportChanged  changed);
GtkFileFilter *mreza_ui_export_filter_new (const char           *name,
                                           const char           *mime_type,
                                           const char           *extension);
void           mreza_ui_export_choose     (MrezaUiExport        *export,
                                           const char           *title,
                                           const char           *name,
                                           GtkFileFilter        *filter,
                                           ...) G_GNUC_NULL_TERMINATED;
void           mreza_ui_export_run        (MrezaUiExport        *export,
                                           GFile                *file,
                                           const char           *saved,
                                           MrezaUiExportWrite    write,
                                           gpointer              job,
                                           GDestroyNotify        job_free);
gboolean       mreza_ui_export_is_choosing (MrezaUiExport       *export);
gboolean       mreza_ui_export_is_running (MrezaUiExport        *export);
const char    *mreza_ui_export_get_last_error (MrezaUiExport    *export);
void           mreza_ui_export_clear      (MrezaUiExport        *export);

G_END_DECLS
