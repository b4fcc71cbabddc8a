#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The practice exam's question bank (data/exam/LANG/OBJECTIVE.xml) is sound.

- English: every objective has at least four times its exam weight of
  questions; ids are unique and start with the objective; each question has
  a known type, a text, an explanation and a section that is a level-2
  heading of the objective's English notes; single: 4-5 options, one
  correct; multiple: 5-6 options, 2 or 3 correct, and the text says how many
  to choose; fill: at least one accepted answer, and a virsh or qemu-img
  answer names a real subcommand (and real options) of that tool.
- French and Brazilian Portuguese: the same questions, structurally equal
  (ids, types, sections, options, which are correct, accepted answers), with
  every text translated.

Usage: check-exam.py SOURCE_ROOT [OBJECTIVE...]"""
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

root = sys.argv[1]
only = sys.argv[2:]
problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def objectives():
    result = {}
    current = None
    with open(os.path.join(root, "data", "objectives.ini"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\[(?:objective )?([0-9]{3}\.[0-9])\]", line.strip())
            if m:
                current = m.group(1)
            m = re.match(r"^[Ww]eight\s*=\s*([0-9]+)", line.strip())
            if m and current:
                result[current] = int(m.group(1))
    return result


def anchor_for(title):
    title = unicodedata.normalize("NFC", title).lower().strip()
    out = []
    for c in title:
        if c.isalnum() or unicodedata.category(c).startswith("M"):
            out.append(c)
        elif c in " -":
            out.append("-")
    return "".join(out)


def sections(objective):
    path = os.path.join(root, "data", "notes", "en", objective + ".md")
    found = set()
    fence = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                fence = not fence
            if fence:
                continue
            m = re.match(r"^## (.+?)\s*#*\s*$", line)
            if m:
                text = re.sub(r"[`*_]", "", m.group(1))
                found.add(anchor_for(text))
    return found


help_cache = {}


def tool_help(tool, sub):
    key = (tool, sub)
    if key not in help_cache:
        cmd = [tool, "help", sub] if tool == "virsh" else [tool, "--help"]
        run = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
        help_cache[key] = (run.returncode == 0, run.stdout + run.stderr)
    return help_cache[key]


def check_fill_answer(where, answer):
    words = answer.split()
    if not words:
        return
    if words[0] == "virsh":
        words = words[1:]
        if not words:
            return
        tool = "virsh"
    elif words[0] == "qemu-img":
        tool = "qemu-img"
        words = words[1:]
    else:
        return
    if tool == "virsh":
        ok, text = tool_help("virsh", words[0])
        if not ok:
            problem(where, f"“{words[0]}” is not a virsh command")
            return
    else:
        ok, text = tool_help("qemu-img", "")
        if words and not re.search(r"^\s+" + re.escape(words[0]) + r"\b", text, re.M):
            problem(where, f"“{words[0]}” is not a qemu-img command")
            return
    for w in words[1:]:
        if w.startswith("--") and w.split("=")[0] not in text:
            problem(where, f"{tool} {words[0]} has no option {w}")


def text_of(element):
    return "".join(element.itertext()).strip() if element is not None else ""


def read(lang, objective):
    path = os.path.join(root, "data", "exam", lang, objective + ".xml")
    if not os.path.exists(path):
        return path, None
    try:
        tree = ET.parse(path)
    except ET.ParseError as e:
        problem(path, f"not well-formed XML: {e}")
        return path, None
    return path, tree.getroot()


def structure(question):
    options = question.findall("option")
    return (question.get("id"), question.get("type"), question.get("section"),
            tuple(o.get("correct") == "yes" for o in options),
            tuple(text_of(a) for a in question.findall("answer")))


weights = objectives()
wanted = [o for o in sorted(weights) if not only or o in only]
total = 0
english = {}
for objective in wanted:
    path, doc = read("en", objective)
    if doc is None:
        problem(path, "missing")
        continue
    if doc.tag != "questions" or doc.get("objective") != objective:
        problem(path, f'the root must be <questions objective="{objective}">')
        continue
    anchors = sections(objective)
    ids = set()
    questions = doc.findall("question")
    english[objective] = [structure(q) for q in questions]
    total += len(questions)
    if len(questions) < 4 * weights[objective]:
        problem(path, f"{len(questions)} questions, fewer than 4 × weight {weights[objective]}")
    for q in questions:
        qid = q.get("id") or ""
        where = f"{path}: {qid}"
        if not qid.startswith(objective + "-"):
            problem(where, f"the id must start with {objective}-")
        if qid in ids:
            problem(where, "the id is used twice")
        ids.add(qid)
        kind = q.get("type")
        if q.get("section") not in anchors:
            problem(where, f"section “{q.get('section')}” is not a level-2 heading of the notes "
                           f"({', '.join(sorted(anchors))})")
        if not text_of(q.find("text")) or not text_of(q.find("explanation")):
            problem(where, "a <text> and an <explanation> are needed")
        options = q.findall("option")
        correct = [o for o in options if o.get("correct") == "yes"]
        if len({text_of(o) for o in options}) != len(options):
            problem(where, "two options say the same")
        if kind == "single":
            if not 4 <= len(options) <= 5 or len(correct) != 1:
                problem(where, "single: 4 or 5 options, exactly one correct")
        elif kind == "multiple":
            if not 5 <= len(options) <= 6 or len(correct) not in (2, 3):
                problem(where, "multiple: 5 or 6 options, two or three correct")
            choose = {2: "two", 3: "three"}.get(len(correct))
            if choose and f"(Choose {choose}.)" not in text_of(q.find("text")):
                problem(where, f"the text must end with “(Choose {choose}.)”")
        elif kind == "fill":
            answers = [text_of(a) for a in q.findall("answer")]
            if options or not answers or not all(answers):
                problem(where, "fill: no options, at least one non-empty <answer>")
            for a in answers:
                check_fill_answer(where, a)
        else:
            problem(where, f"unknown type “{kind}” (single, multiple or fill)")

for lang in ("fr", "pt_BR"):
    for objective in wanted:
        if objective not in english:
            continue
        path, doc = read(lang, objective)
        if doc is None:
            problem(path, "missing")
            continue
        questions = doc.findall("question")
        theirs = [structure(q) for q in questions]
        if theirs != english[objective]:
            mine = {s[0]: s for s in english[objective]}
            for s in theirs:
                if s != mine.get(s[0]):
                    problem(f"{path}: {s[0]}", "not the same structure as in English")
            if len(theirs) != len(english[objective]):
                problem(path, f"{len(theirs)} questions, {len(english[objective])} in English")
        for q in questions:
            if not text_of(q.find("text")) or not text_of(q.find("explanation")) \
                    or any(not text_of(o) for o in q.findall("option")):
                problem(f"{path}: {q.get('id')}", "a text is empty")

for p in problems:
    print(p)
print(f"{total} questions in English over {len(english)} objectives, {len(problems)} problems")
sys.exit(1 if problems else 0)
