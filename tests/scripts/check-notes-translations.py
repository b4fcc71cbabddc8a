#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Each translated note keeps the English note's structure, so that the two
cannot drift apart: the same sequence of heading depths, the same fenced
code blocks byte for byte (language tag included), the same images, the
same link targets, and every diagram the note uses has a translated copy in
data/notes/images/<lang>/ that is valid SVG with the same size.
Usage: check-notes-translations.py SOURCE_ROOT [LANG ...]
(default languages: those in po/LINGUAS)."""
import os
import re
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
notes = os.path.join(root, "data", "notes")
languages = sys.argv[2:]
if not languages:
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]

FENCE = re.compile(r"^(```+|~~~+)")


def parse(path):
    """Headings (depth), code blocks (text), images, link targets."""
    headings, blocks, images, links = [], [], [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            fence = m.group(1)
            start = i
            i += 1
            while i < len(lines) and not lines[i].startswith(fence):
                i += 1
            blocks.append("\n".join(lines[start:i + 1]))
            i += 1
            continue
        h = re.match(r"^(#{1,6})\s", line)
        if h:
            headings.append(len(h.group(1)))
        images += re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", line)
        links += [t for t in re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)", line)]
        i += 1
    return headings, blocks, images, links


def svg_size(path):
    tree = ET.parse(path)
    svg = tree.getroot()
    return svg.get("viewBox") or (svg.get("width"), svg.get("height"))


problems = []
checked = 0
english = sorted(f for f in os.listdir(os.path.join(notes, "en")) if f.endswith(".md"))
for lang in languages:
    for name in english:
        source = os.path.join(notes, "en", name)
        target = os.path.join(notes, lang, name)
        if not os.path.exists(target):
            problems.append(f"{target}: missing (the reader falls back to English)")
            continue
        checked += 1
        eh, eb, ei, el = parse(source)
        th, tb, ti, tl = parse(target)
        if eh != th:
            problems.append(f"{target}: heading depths differ from English: {th} vs {eh}")
        if len(eb) != len(tb):
            problems.append(f"{target}: {len(tb)} code blocks, English has {len(eb)}")
        for n, (a, b) in enumerate(zip(eb, tb)):
            if a != b:
                first = a.split("\n")[0]
                problems.append(f"{target}: code block {n + 1} ({first}) differs from English")
        if ei != ti:
            problems.append(f"{target}: images {ti} differ from English {ei}")
        if el != tl:
            problems.append(f"{target}: link targets {tl} differ from English {el}")
        for image in ei:
            base = os.path.basename(image)
            translated = os.path.join(notes, "images", lang, base)
            original = os.path.join(notes, "images", base)
            if not os.path.exists(translated):
                problems.append(f"{translated}: missing translation of the diagram {base}")
                continue
            try:
                if svg_size(translated) != svg_size(original):
                    problems.append(f"{translated}: size differs from {original}")
            except ET.ParseError as e:
                problems.append(f"{translated}: not valid XML: {e}")

for p in problems:
    print(p)
print(f"checked {checked} translated notes in {len(languages)} languages: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
