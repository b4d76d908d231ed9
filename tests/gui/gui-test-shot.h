/* gui-test-shot.h: screenshots of real widgets, for a person to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * save_png (widget, "name.png") writes build/tests/gui/name.png right
 * after the next frame; with MREZA_SCREENSHOT_DIR set, main-window.png
 * is also copied there (the README's screenshot). Needs WAIT_FOR from
 * mreza-test-loop.h.
 */
#pragma once

#include <gtk/gtk.h>

#include "mreza-test-loop.h"

typedef struct
{
  GtkWidget  *widget;
  const char *name;
  gboolean    saved;
} Shot;

/* Renders the widget right after a frame was drawn, when its layout is
 * current; between frames a resize may be pending. */
static inline void
painted_cb (GdkFrameClock *clock,
            Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("MREZA_SCREENSHOT_DIR");
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (shot->widget));
  int width = gtk_widget_get_width (shot->widget);
  int height = gtk_widget_get_height (shot->widget);

  if (shot->saved)
    return;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  path = g_test_build_filename (G_TEST_BUILT, "gui", shot->name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Wrote %s (%d x %d)", path, width, height);

  if (dir != NULL && *dir != '\0' && g_str_equal (shot->name, "main-window.png"))
    {
      g_autofree char *copy = g_build_filename (dir, shot->name, NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, copy));
      g_test_message ("Wrote %s", copy);
    }

  shot->saved = TRUE;
}

static inline void
save_png (GtkWidget  *widget,
          const char *name)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Shot shot = { widget, name, FALSE };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &shot);
  gtk_widget_queue_draw (widget);
  WAIT_FOR (shot.saved);
  g_signal_handler_disconnect (clock, id);
}
