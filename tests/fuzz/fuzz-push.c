/* fuzz-push.c: libFuzzer harness for the push body parser and validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by run-fuzz.sh with clang -fsanitize=fuzzer,address; any
 * crash, leak, sanitizer report or GLib critical (fatal here) is a bug.
 */
#include "config.h"

#include <stdint.h>

#include "mreza-protocol.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialized;
  g_autoptr(MrezaPushRequest) request = NULL;
  g_autoptr(MrezaPullReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!initialized)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }

  request = mreza_push_request_parse ((const char *) data, size, &error);
  if (request != NULL)
    {
      /* What was accepted encodes and parses again. */
      g_autoptr(GBytes) again = NULL;
      g_autoptr(MrezaPushRequest) reparsed = NULL;

      again = mreza_protocol_encode_push (request->device,
                                          (MrezaWireChange **) request->changes->pdata,
                                          request->changes->len);
      reparsed = mreza_push_request_parse (g_bytes_get_data (again, NULL),
                                           g_bytes_get_size (again), NULL);
      /* Not g_assert: under a TAP-less harness it may exit instead of
       * crashing, and libFuzzer only keeps inputs that crash. */
      if (reparsed == NULL || reparsed->changes->len != request->changes->len)
        __builtin_trap ();
    }
  g_clear_error (&error);

  /* The client's parser takes the same bytes from the server. */
  reply = mreza_pull_reply_parse ((const char *) data, size, NULL);

  return 0;
}
