#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS translates every user-visible string: the
sources are extracted afresh (as `ninja virt-workbench-pot` does), merged
into each .po file, and msgfmt must count no untranslated and no fuzzy
message. Usage: check-translations.py SOURCE_ROOT"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, "po")

with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
    sources = [l.strip() for l in f if l.strip() and not l.startswith("#")]

keywords = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3"]
failed = False
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "all.pot")
    cmd = ["xgettext", "--from-code=UTF-8", "--add-comments", "-o", pot, "--directory", root]
    cmd += [f"--keyword={k}" for k in keywords]
    # po/its/ tells xgettext how to read the exercise files, as meson's
    # pot target does.
    env = dict(os.environ, GETTEXTDATADIRS=po_dir)
    subprocess.run(cmd + sources, check=True, env=env)

    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    for lang in languages:
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(po_dir, lang + ".po"), pot], check=True)
        stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                               capture_output=True, text=True)
        report = (stats.stdout + stats.stderr).strip()
        print(f"{lang}: {report}")
        if stats.returncode != 0 or re.search(r"untranslated|fuzzy", report):
            print(f"{lang}.po is not complete: run `ninja -C build virt-workbench-update-po` "
                  f"and translate what is missing")
            failed = True

sys.exit(1 if failed else 0)
