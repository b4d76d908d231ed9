/* mreza-bench-hooks.c: what the benchmarks ask of a running app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/bench launches the real `mreza` and reads one line it prints:
 *
 *  - MREZA_BENCH_FIRST_FRAME=1: "first-frame rss-kb=N" once the main
 *    window drew its first frame, then the app quits;
 *  - MREZA_BENCH_SCROLL=N: half a second after the window is up, the
 *    joint actions view is asked for (as a click in the sidebar); once
 *    its list has drawn its rows it is scrolled down one screenful per
 *    frame (MREZA_BENCH_SCROLL_STEP=0.25: a quarter) for N frames; then "scroll rss-kb=N open-ms=T work-ms=A,B,…
 *    interval-ms=A,B,…" (T from the click to the first frame with the
 *    list's rows; each frame's figure, in milliseconds) and the app
 *    quits. A frame's work
 *    is the time from the scroll step (in the frame clock's update
 *    phase) to the end of its paint: what the app costs per frame, the
 *    part that must stay under the 16 ms of a 60 Hz display. The
 *    interval between painted frames is printed too; under Xvfb it is
 *    paced by GDK's 60 Hz timer.
 *
 * Nothing here runs unless one of the variables is set.
 */
#define G_LOG_DOMAIN "mreza-bench"

#include "config.h"

#include "mreza-bench-hooks.h"

#include "mreza-window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gint64
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static void
quit (GApplication *app)
{
  fflush (stdout);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, app);
  g_print ("first-frame rss-kb=%" G_GINT64_FORMAT "\n", read_rss_kb ());
  quit (app);
}

static void
first_frame_mapped_cb (GtkWidget    *window,
                       GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_cb), app, 0);
}

typedef struct
{
  GApplication  *app;
  GtkWindow     *window;
  GtkListView   *list;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  guint          frames;      /* to measure */
  guint          tick_id;
  guint          poll_id;
  gint64         step_at;     /* when this frame's scroll step ran, µs */
  gint64         painted_at;  /* when the previous frame ended, µs */
  gint64         shown_at;    /* when the view was asked for, µs */
  double         open_ms;     /* until the list's first frame with rows */
  GArray        *work_ms;
  GArray        *interval_ms;
} Scroll;

static void
print_values (const char *name,
              GArray     *values)
{
  g_print (" %s=", name);
  for (guint i = 0; i < values->len; i++)
    g_print ("%s%.2f", i ? "," : "", g_array_index (values, double, i));
}

static void
scroll_finish (Scroll *scroll)
{
  g_signal_handlers_disconnect_by_data (scroll->clock, scroll);
  gtk_widget_remove_tick_callback (GTK_WIDGET (scroll->list), scroll->tick_id);

  g_print ("scroll rss-kb=%" G_GINT64_FORMAT " open-ms=%.1f", read_rss_kb (),
           scroll->open_ms);
  print_values ("work-ms", scroll->work_ms);
  print_values ("interval-ms", scroll->interval_ms);
  g_print ("\n");
  quit (scroll->app);
}

static void
scroll_painted_cb (GdkFrameClock *clock,
                   Scroll        *scroll)
{
  gint64 now = g_get_monotonic_time ();

  if (scroll->open_ms < 0)
    scroll->open_ms = (now - scroll->shown_at) / 1000.0;
  if (scroll->step_at != 0)
    {
      double work = (now - scroll->step_at) / 1000.0;

      g_array_append_val (scroll->work_ms, work);
      if (scroll->painted_at != 0)
        {
          double interval = (now - scroll->painted_at) / 1000.0;

          g_array_append_val (scroll->interval_ms, interval);
        }
      scroll->painted_at = now;
      scroll->step_at = 0;
    }

  if (scroll->work_ms->len >= scroll->frames)
    scroll_finish (scroll);
}

/* How far one frame scrolls, in screenfuls: MREZA_BENCH_SCROLL_STEP,
 * one by default (a fling). */
static double
scroll_step (void)
{
  const char *step = g_getenv ("MREZA_BENCH_SCROLL_STEP");
  double value = step != NULL ? g_ascii_strtod (step, NULL) : 1.0;

  return value > 0 && value <= 4 ? value : 1.0;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double page = gtk_adjustment_get_page_size (scroll->adjustment);
  double upper = gtk_adjustment_get_upper (scroll->adjustment);

  scroll->step_at = g_get_monotonic_time ();
  /* A list view's upper bound is an estimate that grows as it goes;
   * at the end, start again from the top. */
  if (value + page >= upper - 1)
    gtk_adjustment_set_value (scroll->adjustment, 0);
  else
    gtk_adjustment_set_value (scroll->adjustment, value + page * scroll_step ());

  return G_SOURCE_CONTINUE;
}

static GtkListView *
find_mapped_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    return GTK_LIST_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_mapped_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waits until the joint actions list is on screen with its rows. */
static gboolean
scroll_poll_cb (gpointer user_data)
{
  Scroll *scroll = user_data;
  GtkListView *list = find_mapped_list (GTK_WIDGET (scroll->window));
  GtkSelectionModel *model;
  GtkWidget *parent;

  if (list == NULL)
    return G_SOURCE_CONTINUE;
  model = gtk_list_view_get_model (list);
  if (model == NULL || g_list_model_get_n_items (G_LIST_MODEL (model)) < 100)
    return G_SOURCE_CONTINUE;
  parent = gtk_widget_get_ancestor (GTK_WIDGET (list),
                                    GTK_TYPE_SCROLLED_WINDOW);
  if (parent == NULL)
    return G_SOURCE_CONTINUE;

  scroll->poll_id = 0;
  scroll->list = list;
  scroll->adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (parent));
  scroll->clock = gtk_widget_get_frame_clock (GTK_WIDGET (list));
  g_signal_connect (scroll->clock, "after-paint",
                    G_CALLBACK (scroll_painted_cb), scroll);
  scroll->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (list),
                                                  scroll_tick_cb, scroll,
                                                  NULL);
  return G_SOURCE_REMOVE;
}

/* Once the window is up (on its last view, as the person left it), the
 * joint actions are asked for, as a click in the sidebar would. */
static gboolean
scroll_show_view_cb (gpointer user_data)
{
  Scroll *scroll = user_data;

  scroll->shown_at = g_get_monotonic_time ();
  mreza_window_set_view (MREZA_WINDOW (scroll->window), "actions");
  scroll->poll_id = g_timeout_add (2, scroll_poll_cb, scroll);
  return G_SOURCE_REMOVE;
}

static void
scroll_window_mapped_cb (GtkWidget *window,
                         Scroll    *scroll)
{
  g_timeout_add (500, scroll_show_view_cb, scroll);
}

static void
scroll_start (GApplication *app,
              GtkWindow    *window,
              guint         frames)
{
  Scroll *scroll = g_new0 (Scroll, 1);

  /* Lives until the app quits; a benchmark run is one process. */
  scroll->app = app;
  scroll->window = window;
  scroll->frames = frames;
  scroll->work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  scroll->interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  scroll->open_ms = -1;
  g_signal_connect (window, "map", G_CALLBACK (scroll_window_mapped_cb),
                    scroll);
}

/**
 * mreza_bench_hooks_attach:
 * @app: the application
 * @window: the window it just made
 *
 * Arms what the benchmark's environment variables ask for; nothing
 * when none is set.
 */
void
mreza_bench_hooks_attach (GApplication *app,
                          GtkWindow    *window)
{
  const char *scroll = g_getenv ("MREZA_BENCH_SCROLL");

  if (g_getenv ("MREZA_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect_object (window, "map", G_CALLBACK (first_frame_mapped_cb),
                             app, 0);
  else if (scroll != NULL)
    scroll_start (app, window, MAX (10, atoi (scroll)));
}
