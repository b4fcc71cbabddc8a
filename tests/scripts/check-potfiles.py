#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source with translatable strings is listed in po/POTFILES.in, and
every listed file exists. Usage: check-potfiles.py SOURCE_ROOT [--write]
(--write rewrites po/POTFILES.in from the sources)."""
import os
import re
import sys

root = sys.argv[1]
listed = set()
with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

patterns = {
    ".c": re.compile(r'\b(_|N_|C_|NC_|g_dngettext|ngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r'.'),
    ".xml": re.compile(r'<summary>|<description>|<exercise '),
}

wanted = set()
for top in ("app", "ui", "data"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            ext = os.path.splitext(name)[1]
            if ext not in patterns or path.startswith("data/lab") or path.startswith("data/notes"):
                continue
            if ext == ".in" and not (name.endswith(".desktop.in") or name.endswith(".metainfo.xml.in")):
                continue
            if ext == ".xml" and not (name.endswith(".gschema.xml") or name.endswith(".exercise.xml")):
                continue
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if patterns[ext].search(f.read()):
                    wanted.add(path)

if "--write" in sys.argv:
    with open(os.path.join(root, "po", "POTFILES.in"), "w", encoding="utf-8") as f:
        f.write("# Files with translatable strings; tests/scripts/check-potfiles.py keeps this complete\n")
        f.write("# (run it with --write after adding one).\n")
        for path in sorted(wanted):
            f.write(path + "\n")
    listed = wanted

missing = sorted(wanted - listed)
stale = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
for p in missing:
    print(f"po/POTFILES.in lacks {p}, which has translatable strings")
for p in stale:
    print(f"po/POTFILES.in lists {p}, which does not exist")
print(f"{len(listed)} files listed, {len(wanted)} with translatable strings")
sys.exit(1 if missing or stale else 0)
