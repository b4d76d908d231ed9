#!/usr/bin/env bash
# run-fuzz.sh: build the push-body fuzzer with clang and run it for a
# bounded time.
#
#   tests/fuzz/run-fuzz.sh [SOURCE_ROOT [BUILD_DIR [SECONDS]]]
#
# BUILD_DIR is a configured meson build (for config.h); SECONDS
# defaults to 60. New inputs go to a temporary corpus; the seed corpus
# in tests/fuzz/corpus is only read. A crash leaves its input in the
# current folder (crash-*) and fails the run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${1:-$(cd "$here/../.." && pwd)}
build=${2:-$src/_build}
seconds=${3:-60}
cc=${CLANG:-clang}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK \
  -I"$build" -I"$src/src/core" \
  $(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0 sqlite3) \
  "$here/fuzz-push.c" \
  "$src/src/core/mreza-protocol.c" \
  "$src/src/core/mreza-json.c" \
  "$src/src/core/mreza-schema.c" \
  $(pkg-config --libs glib-2.0 gio-2.0 json-glib-1.0) -lm \
  -o "$work/fuzz-push"

mkdir "$work/corpus"
# json-glib and GLib keep caches that LeakSanitizer would report at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
"$work/fuzz-push" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1 "$work/corpus" "$here/corpus" || status=$?
# 77 would read as "skipped" to meson: any failure is a failure.
[ "$status" -eq 0 ] || exit 1
