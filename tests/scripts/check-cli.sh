#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line: --version and --help answer without a display.
set -eu
bin="$1"
version="$2"
out=$("$bin" --version)
[ "$out" = "virt-workbench $version" ] || { echo "--version printed: $out"; exit 1; }
help=$("$bin" --help)
for option in --connect --topic --domain --console --version; do
  echo "$help" | grep -q -- "$option" || { echo "--help lacks $option"; exit 1; }
done
echo "ok: --version and --help"
