/* bench-utils.h: timing and percentiles for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

static inline double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @p-quantile (0…1) of @ms, by the nearest rank; sorts @ms. */
static inline double
percentile (GArray *ms,
            double  p)
{
  guint i;

  g_array_sort (ms, compare_double);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, MIN (i, ms->len - 1));
}
