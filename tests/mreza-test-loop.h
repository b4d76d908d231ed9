/* mreza-test-loop.h: waiting on the main loop in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#ifndef WAIT_SECONDS
#define WAIT_SECONDS 30
#endif

static gboolean test_timed_out;

static inline gboolean
test_timeout_cb (gpointer user_data)
{
  test_timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds, failing after WAIT_SECONDS. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    guint _id; \
    test_timed_out = FALSE; \
    _id = g_timeout_add_seconds (WAIT_SECONDS, test_timeout_cb, NULL); \
    while (!(cond) && !test_timed_out) \
      g_main_context_iteration (NULL, TRUE); \
    if (!test_timed_out) \
      g_source_remove (_id); \
    g_assert_true (cond); \
  } G_STMT_END

static inline gboolean
test_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the loop run for @ms: a window lays out and draws what changed. */
static inline void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, test_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
