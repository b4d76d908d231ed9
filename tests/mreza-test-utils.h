/* mreza-test-utils.h: fixtures shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "mreza-import.h"
#include "mreza-store.h"

/* A fresh folder per test. The folders a run made are removed when it
 * exits normally; a failed run (an abort) leaves them to look at, as
 * does MREZA_TEST_KEEP=1. */
static GPtrArray *test_dirs_made;

static inline void
test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline void
test_remove_dirs (void)
{
  if (test_dirs_made == NULL)
    return;
  if (g_getenv ("MREZA_TEST_KEEP") == NULL)
    for (guint i = 0; i < test_dirs_made->len; i++)
      test_remove_tree (test_dirs_made->pdata[i]);
  g_ptr_array_free (test_dirs_made, TRUE);
  test_dirs_made = NULL;
}

static inline char *
test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mreza-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (test_dirs_made == NULL)
    {
      test_dirs_made = g_ptr_array_new_with_free_func (g_free);
      atexit (test_remove_dirs);
    }
  g_ptr_array_add (test_dirs_made, g_strdup (dir));
  return dir;
}

static inline char *
test_demo_dir (void)
{
  const char *env = g_getenv ("MREZA_DEMO_DIR");

  if (env != NULL)
    return g_strdup (env);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", NULL);
}

static inline MrezaStore *
test_open_store (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  MrezaStore *store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static inline MrezaStore *
test_open_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = test_demo_dir ();
  MrezaStore *store = test_open_store (dir, "demo.db");

  mreza_import_path (store, demo, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static inline gint64
test_count (MrezaStore *store,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = mreza_store_count (store, table, &error);

  g_assert_no_error (error);
  return n;
}

static inline gint64
test_query_int (MrezaStore *store,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Returns: (transfer full) (nullable): the first column of the first
 *   row, or %NULL when there is none */
static inline char *
test_query_text (MrezaStore *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static inline void
test_write_file (const char *path,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static inline char *
test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) contents, len);
}
