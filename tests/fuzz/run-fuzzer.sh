#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzzer.sh FUZZER SEEDS: runs a libFuzzer fuzzer for FUZZ_SECONDS (60)
# on a copy of its seed corpus (the tree's copy is never written to). A
# crash, a leak or an input slower than 10 s fails, and the input is kept
# next to the fuzzer (FUZZER-crash-…) to become a regression test.
set -eu
fuzzer=$1
seeds=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$seeds"/. "$work"/
"$fuzzer" -max_total_time="${FUZZ_SECONDS:-60}" -error_exitcode=1 -timeout_exitcode=1 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$fuzzer-" "$work"
