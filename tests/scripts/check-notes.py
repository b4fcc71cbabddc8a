#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Accuracy checker for the English study notes, data/notes/en/*.md.

Usage: check-notes.py SOURCE_ROOT

Prints one "FILE:LINE: problem" line per problem (FILE relative to
SOURCE_ROOT), then a summary, and exits 1 if there was any problem, else 0.
Python 3 standard library only. data/notes/FORMAT.md describes the rules;
this script checks the ones a program can check:

1. Structure. Exactly one level-1 heading (outside code blocks), which is the
   first heading and starts with the objective id (the file name); a
   "## Common mistakes" section and a "## Exam focus" section that is the last
   heading of the file; no heading deeper than level 4 and no setext
   (underlined) headings; every fenced block closed, and named with one of the
   languages FORMAT.md lists; every image `![..](images/X.svg)` exists in
   data/notes/images/ and parses as XML; every link is https://, a same-file
   `#anchor`, or `NNN.N.md` / `NNN.N.md#anchor` naming an existing note and,
   with an anchor, an existing heading in it (see slugify() for how a heading
   becomes an anchor).
2. Every object the objective cites (data/objectives.ini, `Cited=` in group
   [NNN.N], separated by semicolons) occurs in the file, case-insensitively
   and not as part of a longer word.
   For an entry with a parenthesis, such as "hardware virtual machine (HVM)",
   the whole entry or the part before the parenthesis is enough.
3. Size: prose words (outside fenced blocks) >= 300 x the objective's Weight.
   A word is a whitespace-separated token with at least one letter or digit,
   after dropping image references, link targets and HTML comments.
4. Commands in ```console blocks. A line starting with "$ " or "# " is a
   command, every other line is output; no command line is skipped (a bare
   "$" or "#" prompt is ignored). A command ending in a backslash continues on
   the next line (a leading "> " prompt on that line is dropped). The line is
   split with shlex into simple commands at |, ||, &&, ;, & (redirections are
   dropped); in each, `sudo` (with its options) and leading VAR=value
   assignments are skipped. Then, when the tool is installed (shutil.which):
   - virsh: global options (before the subcommand) must be in `virsh --help`;
     `virsh help SUBCOMMAND` must succeed and describe a command (not a
     group); every --option used must be one of that help's exact long
     options (virsh's prefix matching and aliases are not accepted), a
     boolean option takes no value, and there must not be more positional
     arguments than the command has options taking a value (virsh fills
     those, in the order its help lists them, from positional arguments).
   - qemu-img: the subcommand must be in `qemu-img --help`; every option used
     must appear in that subcommand's "Command syntax" line or its
     "Parameters to SUB subcommand" section.
   - qemu-system-x86_64: every -option (or --option) must start a line of
     `qemu-system-x86_64 -help`.
   - ip: global options must be in `ip help`; `ip OBJECT help` must know the
     object (abbreviations such as `ip a` are resolved by ip itself); the
     command word after the object must be one the help lists (ip's prefix
     abbreviations accepted); and where the help gives a keyword a fixed list
     of lowercase values (`mode { tun | tap }`, `type TYPE` with
     `TYPE := { ... }`), the value used must be in that list.
   - unshare, nsenter, lsns, capsh, setcap, getcap: every option must appear
     in `TOOL --help` (for getcap and setcap, also `-h`: their usage line
     `[-r]` counts); whether an option takes a value is read from the help.
     What follows capsh's `--` belongs to a shell and is not checked.
   The program run by `unshare`, `nsenter` and `ip netns exec NAME` is
   checked in turn.
5. Read-only virsh commands (READ_ONLY_VIRSH below) are run for real against
   the sandbox lab: URI from $VW_SANDBOX_URI, else
   test:///SOURCE_ROOT/data/lab/sandbox.xml. A command with an explicit
   -c/--connect URI that is not test:// targets another host and is not run;
   so is one that follows `export LIBVIRT_DEFAULT_URI=...` (non-test) in the
   same block, or is prefixed with such an assignment. Commands that change
   state are never run. A read-only command that fails is a problem; one
   that the test driver cannot do (net-dhcp-leases, nwfilter-*) belongs with
   an explicit `-c qemu:///system` in the notes.
   Commands of tools without a check, or whose tool is not installed, are
   counted in the summary.

Exit status: 0 when there is no problem, 1 otherwise, 2 on bad usage.
"""
import collections
import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

# ---------------------------------------------------------------------------
# Settings

LANGUAGES = {"console", "xml", "ini", "yaml", "hcl", "dockerfile", "ruby", "json", "text"}
WORDS_PER_WEIGHT = 300
CHECKED_TOOLS = ("virsh", "qemu-img", "qemu-system-x86_64", "ip", "unshare", "nsenter",
                 "lsns", "capsh", "setcap", "getcap")
SHELL_BUILTINS = {"cd", "export", "unset", "exit", "source", ".", "set", "alias", "read",
                  "wait", "eval", "exec", "ulimit", "umask", "type", "history", "jobs", "fg",
                  "bg"}

# virsh commands that only read. snapshot-current with a snapshot name and
# dommemstat with --period change state and are excluded in virsh_changes().
READ_ONLY_VIRSH = {
    "capabilities", "domblkerror", "domblkinfo", "domblklist", "domblkstat",
    "domcapabilities", "domdisplay", "domfsinfo", "domhostname", "domid", "domifaddr",
    "domiflist", "domifstat", "dominfo", "domjobinfo", "domname", "dommemstat", "domstate",
    "domstats", "domuuid", "dumpxml", "freecell", "hostname", "iface-dumpxml", "iface-list",
    "list", "net-dhcp-leases", "net-dumpxml", "net-info", "net-list", "net-port-list",
    "nodecpustats", "nodedev-dumpxml", "nodedev-list", "nodeinfo", "nodememstats",
    "nwfilter-binding-list", "nwfilter-dumpxml", "nwfilter-list", "pool-capabilities",
    "pool-dumpxml", "pool-info", "pool-list", "secret-list", "snapshot-current",
    "snapshot-dumpxml", "snapshot-info", "snapshot-list", "snapshot-parent", "sysinfo", "uri",
    "vcpucount", "vcpuinfo", "version", "vncdisplay", "vol-dumpxml", "vol-info", "vol-key",
    "vol-list", "vol-name", "vol-path", "vol-pool",
}

# What checks 1-2 looked at, for the summary.
STATS = collections.Counter()

ENV = dict(os.environ, LC_ALL="C", LANG="C")
ENV.pop("LIBVIRT_DEFAULT_URI", None)


# ---------------------------------------------------------------------------
# Reporting

class Report:
    def __init__(self):
        self.problems = []

    def add(self, path, line, message):
        self.problems.append(f"{path}:{line}: {message}")


def run(argv, timeout=30):
    """Runs argv; returns (exit code, stdout + stderr)."""
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=ENV, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, str(e)
    return p.returncode, p.stdout.decode("utf-8", "replace")


_run_cache = {}


def run_cached(*argv):
    if argv not in _run_cache:
        _run_cache[argv] = run(list(argv))
    return _run_cache[argv]


# ---------------------------------------------------------------------------
# Markdown

def slugify(text):
    """The anchor of a heading: the heading text without inline markup
    (backticks, emphasis stars, link targets), lower-cased; letters, digits,
    spaces and hyphens are kept and everything else (punctuation, including
    underscores) is dropped; then each space becomes a hyphen.
    "Backing chains: commit and rebase" -> "backing-chains-commit-and-rebase"."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").replace("*", "").strip().lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch in " -")
    return kept.replace(" ", "-")


def strip_code_spans(line):
    """Replaces inline code spans with spaces (CommonMark backtick runs)."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "`":
            j = i
            while j < len(line) and line[j] == "`":
                j += 1
            run_ = line[i:j]
            k = line.find(run_, j)
            while k != -1 and (k + len(run_) < len(line) and line[k + len(run_)] == "`"):
                k = line.find(run_, k + len(run_) + 1)
            if k == -1:
                out.append(run_)
                i = j
                continue
            out.append(" " * (k + len(run_) - i))
            i = k + len(run_)
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


class Block:
    def __init__(self, line, lang, fence):
        self.line = line          # line number of the opening fence
        self.lang = lang
        self.fence = fence
        self.lines = []           # (line number, text)
        self.closed = False


class Note:
    """One Markdown file split into fenced blocks, headings and prose."""

    ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
    SEVEN = re.compile(r"^ {0,3}#{7,}(\s|$)")

    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.raw = f.read()
        self.blocks = []
        self.headings = []        # (line, level, text)
        self.prose = []           # (line, text) outside fenced blocks
        self.setext = []          # line numbers of setext headings
        self.too_deep = []        # lines of "#######" headings
        block = None
        previous = ""
        for n, line in enumerate(self.raw.split("\n"), 1):
            stripped = line.strip()
            if block is not None:
                m = re.match(r"^(`{3,}|~{3,})\s*$", stripped)
                if m and m.group(1)[0] == block.fence[0] and len(m.group(1)) >= len(block.fence):
                    block.closed = True
                    block = None
                else:
                    block.lines.append((n, line))
                continue
            m = re.match(r"^(`{3,}|~{3,})\s*([^`\s]*)", stripped)
            if m and not (m.group(1)[0] == "`" and "`" in stripped[len(m.group(1)):]):
                block = Block(n, m.group(2), m.group(1))
                self.blocks.append(block)
                previous = ""
                continue
            self.prose.append((n, line))
            h = self.ATX.match(line)
            if h:
                self.headings.append((n, len(h.group(1)), (h.group(2) or "").strip()))
            elif self.SEVEN.match(line):
                self.too_deep.append(n)
            elif (re.match(r"^ {0,3}(=+|-+)\s*$", line) and previous.strip()
                  and not self.ATX.match(previous) and not previous.lstrip().startswith(("|", "-", "*", ">"))
                  and not re.match(r"^\s*\d+\.\s", previous)):
                self.setext.append(n)
            previous = line

    def slugs(self):
        return {slugify(text) for _, _, text in self.headings}


# ---------------------------------------------------------------------------
# Objectives

def load_objectives(root):
    cp = configparser.ConfigParser(interpolation=None, delimiters=("=",), strict=False)
    cp.optionxform = str
    cp.read(os.path.join(root, "data", "objectives.ini"), encoding="utf-8")
    objectives = {}
    for section in cp.sections():
        if re.fullmatch(r"\d{3}\.\d", section):
            s = cp[section]
            cited = [c.strip() for c in s.get("Cited", "").split(";") if c.strip()]
            objectives[section] = {"weight": int(s.get("Weight", "0")), "cited": cited}
    return objectives


# ---------------------------------------------------------------------------
# Checks 1-3: structure, cited objects, size

def check_structure(note, rel, note_id, notes_dir, images_dir, report, all_slugs):
    h1 = [h for h in note.headings if h[1] == 1]
    if not note.headings:
        report.add(rel, 1, "no heading at all")
    else:
        first = note.headings[0]
        if first[1] != 1:
            report.add(rel, first[0], "the first heading must be the level-1 heading")
        if len(h1) != 1:
            for h in h1[1:] if h1 else []:
                report.add(rel, h[0], f"more than one level-1 heading ({len(h1)} in all)")
            if not h1:
                report.add(rel, 1, "no level-1 heading")
        if h1 and not (h1[0][2] == note_id or h1[0][2].startswith(note_id + " ")):
            report.add(rel, h1[0][0], f"the level-1 heading must start with the objective id {note_id}")
        for n, level, text in note.headings:
            if level > 4:
                report.add(rel, n, f"level-{level} heading '{text}': no deeper than level 4")
        mistakes = [h for h in note.headings if h[1] == 2 and h[2] == "Common mistakes"]
        focus = [h for h in note.headings if h[1] == 2 and h[2] == "Exam focus"]
        if not mistakes:
            report.add(rel, note.headings[-1][0], "no '## Common mistakes' section")
        if not focus:
            report.add(rel, note.headings[-1][0], "no '## Exam focus' section")
        elif note.headings[-1] != focus[-1]:
            report.add(rel, note.headings[-1][0], "'## Exam focus' must be the last section")
        if mistakes and focus and mistakes[0][0] > focus[-1][0]:
            report.add(rel, mistakes[0][0], "'## Common mistakes' must come before '## Exam focus'")
    for n in note.too_deep:
        report.add(rel, n, "heading deeper than level 6 (and so deeper than 4)")
    for n in note.setext:
        report.add(rel, n, "setext (underlined) heading or stray '---'/'===' after text; "
                           "use '#' headings or a blank line")

    for b in note.blocks:
        if not b.closed:
            report.add(rel, b.line, f"fenced block opened with {b.fence} is never closed")
        if b.lang not in LANGUAGES:
            what = f"'{b.lang}'" if b.lang else "no language"
            report.add(rel, b.line, f"fenced block with {what}; use one of {', '.join(sorted(LANGUAGES))}")

    own_slugs = note.slugs()
    for n, line in note.prose:
        if re.match(r"^\s*<!--", line):
            continue
        text = strip_code_spans(line)
        for m in re.finditer(r"!\[([^\]]*)\]\(\s*([^)\s]*)(?:\s+\"[^\"]*\")?\s*\)", text):
            target = m.group(2)
            STATS["images"] += 1
            if not re.fullmatch(r"images/[A-Za-z0-9._-]+\.svg", target):
                report.add(rel, n, f"image '{target}': images are referenced as images/NAME.svg")
                continue
            path = os.path.join(images_dir, target[len("images/"):])
            if not os.path.isfile(path):
                report.add(rel, n, f"image '{target}' does not exist in data/notes/images/")
                continue
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as e:
                report.add(rel, n, f"image '{target}' is not well-formed XML: {e}")
                continue
            if root.tag.rsplit("}", 1)[-1] != "svg":
                report.add(rel, n, f"image '{target}' is not an SVG document")
            if m.group(1).strip() == "":
                report.add(rel, n, f"image '{target}' has no alternative text")
        for m in re.finditer(r"(?<!!)\[([^\]]*)\]\(\s*([^)\s]*)(?:\s+\"[^\"]*\")?\s*\)", text):
            target = m.group(2)
            STATS["links"] += 1
            if target.startswith("https://") or target.startswith("mailto:"):
                continue
            if target.startswith("http://"):
                report.add(rel, n, f"external link '{target}' must use https://")
                continue
            lm = re.fullmatch(r"(\d{3}\.\d\.md)?(?:#(.*))?", target)
            if not lm or not (lm.group(1) or lm.group(2) is not None):
                report.add(rel, n, f"link '{target}': link notes as NNN.N.md or NNN.N.md#anchor, "
                                   "other sites with https://")
                continue
            file_, anchor = lm.group(1), lm.group(2)
            if file_:
                if not os.path.isfile(os.path.join(notes_dir, file_)):
                    report.add(rel, n, f"link '{target}': {file_} does not exist")
                    continue
                slugs = all_slugs.get(file_)
            else:
                slugs = own_slugs
            if anchor is not None and slugs is not None and anchor not in slugs:
                where = file_ or "this file"
                report.add(rel, n, f"link '{target}': no heading in {where} has the anchor '{anchor}'")


def check_cited(note, rel, cited, report):
    """Case-insensitive match, not inside a longer word (so that "ip" is not
    found in "script")."""
    text = note.raw
    for entry in cited:
        STATS["cited"] += 1
        options = [entry]
        if "(" in entry:
            options.append(entry.split("(", 1)[0].strip())
        if not any(re.search(r"(?<!\w)" + re.escape(o) + r"(?!\w)", text, re.IGNORECASE)
                   for o in options if o):
            report.add(rel, 1, f"cited object '{entry}' does not appear in the notes")


def prose_words(note):
    count = 0
    for _, line in note.prose:
        line = re.sub(r"<!--.*?-->", " ", line)
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        count += sum(1 for w in line.split() if re.search(r"\w", w) and not re.fullmatch(r"[_\W]+", w))
    return count


# ---------------------------------------------------------------------------
# Command lines

SEPARATORS = {"|", "||", "&&", ";", "&", "|&", ";;"}
REDIRECTS = {">", ">>", "<", "<<", "<<<", ">&", "<&", "&>", "&>>", ">|"}


def command_lines(block):
    """Yields (line number, command text) for the commands of a console block."""
    lines = block.lines
    i = 0
    while i < len(lines):
        n, text = lines[i]
        i += 1
        if not (text.startswith("$ ") or text.startswith("# ")):
            continue
        cmd = text[2:].rstrip()
        while cmd.endswith("\\") and i < len(lines):
            nxt = lines[i][1]
            i += 1
            if nxt.startswith("> "):
                nxt = nxt[2:]
            cmd = cmd[:-1].rstrip() + " " + nxt.strip()
        if cmd.strip():
            yield n, cmd


def split_simple_commands(cmd):
    """Splits a command line into simple commands (lists of words)."""
    lexer = shlex.shlex(cmd, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    tokens = list(lexer)
    commands, current = [], []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in SEPARATORS:
            if current:
                commands.append(current)
            current = []
        elif tok in REDIRECTS:
            if current and re.fullmatch(r"\d", current[-1]) and i > 0 and tokens[i - 1] == current[-1]:
                current.pop()       # the 2 of 2>file
            i += 1                  # and the file name
        elif tok in ("(", ")"):
            if current:
                commands.append(current)
            current = []
        else:
            current.append(tok)
        i += 1
    if current:
        commands.append(current)
    return commands


def strip_prefix(words, assignments):
    """Drops sudo (and its options) and VAR=value assignments; the
    assignments are stored in the dict."""
    i = 0
    while i < len(words):
        w = words[i]
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", w):
            name, _, value = w.partition("=")
            assignments[name] = value
            i += 1
        elif w == "sudo":
            i += 1
            while i < len(words) and words[i].startswith("-"):
                if words[i] in ("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"):
                    i += 1
                i += 1
        else:
            break
    return words[i:]


class Context:
    """What the command checks need: where to report, and counters."""

    def __init__(self, report, sandbox_uri):
        self.report = report
        self.sandbox_uri = sandbox_uri
        self.counts = collections.Counter()          # category -> count
        self.tools = collections.defaultdict(collections.Counter)  # category -> tool -> count
        self.sandbox_runs = 0
        self.not_run_remote = 0


# ----- virsh ---------------------------------------------------------------

def virsh_globals():
    _, out = run_cached("virsh", "--help")
    opts = {}
    for line in out.splitlines():
        m = re.match(r"^\s+(-\w)?\s*\|?\s*(--[\w-]+)?(\[?=|\s<)?", line)
        if not m or not (m.group(1) or m.group(2)):
            continue
        arg = m.group(3)
        kind = "optional" if arg == "[=" else ("required" if arg else "none")
        for o in (m.group(1), m.group(2)):
            if o:
                opts[o] = kind
    return opts


def virsh_command_help(sub):
    """Returns (problem, info): info has name, options {--name: takes value},
    positional slots [names], repeatable positional names."""
    rc, out = run_cached("virsh", "help", sub)
    if rc != 0:
        last = out.strip().splitlines()[-1] if out.strip() else "virsh help failed"
        return f"virsh has no command '{sub}' ({last})", None
    if "SYNOPSIS" not in out:
        return f"'{sub}' is a virsh command group, not a command", None
    name_m = re.search(r"NAME\n\s+(\S+) - ", out)
    name = name_m.group(1) if name_m else sub
    synopsis = out.split("SYNOPSIS", 1)[1].split("DESCRIPTION", 1)[0]
    # virsh (up to 10.x at least) fills the options that take a value, in the
    # order the help lists them, from positional arguments; "<name>" alone is
    # a list argument that takes any number of words.
    options, slots, repeat = {}, [], set()
    if "OPTIONS" in out:
        for line in out.split("OPTIONS", 1)[1].splitlines():
            m = re.match(r"^\s{4}(?:(\[)?(--[\w-]+)(\])?( <\w+>)?|<(\w+)>)", line)
            if not m:
                continue
            if m.group(5):
                slots.append("<" + m.group(5) + ">")
                repeat.add("<" + m.group(5) + ">")
                continue
            opt = m.group(2)
            options[opt] = bool(m.group(4))
            if m.group(4):
                slots.append(opt)
                bare = re.escape(opt[2:])
                if re.search(r"(?:\[--|<)" + bare + r"\]? ?(?:<\w+>)?\]?[\]}]\.\.\.", synopsis):
                    repeat.add(opt)
    return None, {"name": name, "options": options, "slots": slots, "repeat": repeat}


def virsh_changes(sub, named, positional):
    if sub not in READ_ONLY_VIRSH:
        return True
    if sub == "snapshot-current" and (len(positional) > 1 or "--snapshotname" in named):
        return True
    if sub == "dommemstat" and "--period" in named:
        return True
    return False


def check_virsh(words, ctx, where, block_env):
    rel, n = where
    problems_before = len(ctx.report.problems)
    globals_ = virsh_globals()
    i, uri, global_args = 1, None, []
    while i < len(words) and words[i].startswith("-"):
        w = words[i]
        name, eq, val = w.partition("=")
        if name not in globals_:
            ctx.report.add(rel, n, f"virsh: unknown global option '{w}'")
            i += 1
            continue
        kind = globals_[name]
        if kind == "required" and not eq:
            val = words[i + 1] if i + 1 < len(words) else ""
            i += 1
        if name in ("-c", "--connect"):
            uri = val
        else:
            global_args.append(w)
            if kind == "required" and not eq:
                global_args.append(val)
        i += 1
    if i >= len(words):
        return
    sub = words[i]
    args = words[i + 1:]
    problem, info = virsh_command_help(sub)
    if problem:
        ctx.report.add(rel, n, problem)
        return
    if info["name"] != sub:
        ctx.report.add(rel, n, f"virsh '{sub}' is an alias of '{info['name']}'; write '{info['name']}'")
    named, positional = set(), []
    j, only_positional = 0, False
    while j < len(args):
        a = args[j]
        if a == "--" and not only_positional:
            only_positional = True
        elif a.startswith("--") and not only_positional:
            opt, eq, _ = a.partition("=")
            if opt not in info["options"]:
                ctx.report.add(rel, n, f"virsh {sub}: '{opt}' is not an option of this command")
            else:
                named.add(opt)
                if info["options"][opt]:
                    if not eq:
                        j += 1
                        if j >= len(args):
                            ctx.report.add(rel, n, f"virsh {sub}: '{opt}' needs a value")
                elif eq:
                    ctx.report.add(rel, n, f"virsh {sub}: '{opt}' takes no value")
        elif a.startswith("-") and len(a) > 1 and not re.match(r"-\d", a) and not only_positional:
            ctx.report.add(rel, n, f"virsh {sub}: '{a}' is not an option of this command "
                                   "(virsh command options are long options)")
        else:
            positional.append(a)
        j += 1
    free = [s for s in info["slots"] if s not in named]
    if len(positional) > len(free) and not (set(free) & info["repeat"]):
        ctx.report.add(rel, n, f"virsh {sub}: too many arguments ({len(positional)} given, "
                               f"{len(free)} positional slot(s): {' '.join(free) or 'none'})")

    # Check 5: run read-only commands on the sandbox (unless already wrong).
    if virsh_changes(sub, named, positional) or len(ctx.report.problems) > problems_before:
        return
    if uri is None:
        uri = block_env.get("LIBVIRT_DEFAULT_URI")
    if uri is not None and not uri.startswith("test://"):
        ctx.not_run_remote += 1
        return
    argv = ["virsh", "-c", uri or ctx.sandbox_uri] + global_args + [sub] + args
    rc, out = run(argv)
    ctx.sandbox_runs += 1
    if rc != 0:
        msg = " ".join(l.strip() for l in out.strip().splitlines() if l.strip().startswith("error"))
        ctx.report.add(rel, n, f"'{' '.join(['virsh', sub] + args)}' fails on the sandbox "
                               f"({uri or ctx.sandbox_uri}): {msg or out.strip()[:200]}")


# ----- qemu-img ------------------------------------------------------------

def parse_qemu_img_help():
    _, out = run_cached("qemu-img", "--help")
    subs = {}
    if "Command syntax:" not in out:
        raise SystemExit("check-notes.py: cannot read the subcommands from 'qemu-img --help'")
    syntax = out.split("Command syntax:", 1)[1].split("Command parameters:", 1)[0]
    for line in syntax.splitlines():
        m = re.match(r"^\s+([a-z]+)\s+(.*)$", line)
        if m:
            subs[m.group(1)] = options_in_usage(m.group(2))
    for m in re.finditer(r"Parameters to (\w+) subcommand:\n((?:[ \t]+.*\n?)*)", out):
        sub = m.group(1)
        if sub in subs:
            for opt in re.findall(r"'(--?[\w-]+)", m.group(2)):
                subs[sub].setdefault(opt, "none")
    globals_ = {"-h": "none", "--help": "none", "-V": "none", "--version": "none",
                "-T": "required", "--trace": "required"}
    return subs, globals_


def options_in_usage(text):
    """{option: none|required} from a usage line like "[-f fmt] [-p] [--output=ofmt]"."""
    opts = {}
    for m in re.finditer(r"(?<![\w-])(--?[A-Za-z][\w-]*)(=\w+)?(\s+([^\s\]|]+))?", text):
        opt = m.group(1)
        if m.group(2):
            kind = "required"
        elif m.group(4) and not m.group(4).startswith(("-", "[-", "(")) \
                and m.group(4) not in ("filename", "filename1") and not m.group(4).startswith("|"):
            kind = "required"
        else:
            kind = "none"
        if opt not in opts or kind == "required":
            opts[opt] = kind
    return opts


def check_getopt_args(args, allowed, ctx, where, label, stop_at_positional=False,
                      negative_numbers=False):
    """Checks getopt-style options (--long[=value], -s, clusters of short
    options) against allowed {option: none|optional|required}. With
    stop_at_positional (tools that run a program, like unshare), stops at the
    first positional argument and returns its index, else returns None."""
    rel, n = where
    j = 0
    while j < len(args):
        a = args[j]
        if a == "--":
            return j + 1 if stop_at_positional and j + 1 < len(args) else None
        if a.startswith("--"):
            opt, eq, _ = a.partition("=")
            kind = allowed.get(opt)
            if kind is None:
                ctx.report.add(rel, n, f"{label}: option '{opt}' is not in its help")
            elif kind == "required" and not eq:
                j += 1
            elif kind == "none" and eq:
                ctx.report.add(rel, n, f"{label}: option '{opt}' takes no value")
        elif a.startswith("-") and a != "-" and not (negative_numbers and re.match(r"-\d", a)):
            for k in range(1, len(a)):
                opt = "-" + a[k]
                kind = allowed.get(opt)
                if kind is None:
                    ctx.report.add(rel, n, f"{label}: option '{opt}' is not in its help")
                    break
                rest = a[k + 1:]
                if kind == "optional" and all("-" + c in allowed for c in rest):
                    # unshare -Ur: the help cannot tell whether a short option
                    # takes an optional value (nsenter's do, unshare's don't);
                    # read a rest made of option letters as more options.
                    continue
                if kind != "none":
                    # The rest of the word is the value; a required value may
                    # also be the next word.
                    if not rest and kind == "required":
                        j += 1
                    break
        elif stop_at_positional:
            return j
        j += 1
    return None


def check_qemu_img(words, ctx, where):
    rel, n = where
    subs, globals_ = parse_qemu_img_help()
    i = 1
    while i < len(words) and words[i].startswith("-"):
        name = words[i].partition("=")[0]
        if name not in globals_:
            ctx.report.add(rel, n, f"qemu-img: unknown option '{words[i]}' before the subcommand")
        elif globals_[name] == "required" and "=" not in words[i]:
            i += 1
        i += 1
    if i >= len(words):
        return
    sub = words[i]
    if sub not in subs:
        ctx.report.add(rel, n, f"qemu-img has no subcommand '{sub}'")
        return
    check_getopt_args(words[i + 1:], subs[sub], ctx, where, f"qemu-img {sub}",
                      negative_numbers=True)


# ----- qemu-system-x86_64 ----------------------------------------------------

def qemu_system_options(tool):
    _, out = run_cached(tool, "-help")
    opts = set()
    for line in out.splitlines():
        m = re.match(r"^(-[\w-]+)", line)
        if m:
            opts.add(m.group(1))
        for alt in re.findall(r"^-\S+ or (-[\w-]+)", line):
            opts.add(alt)
    return opts


def check_qemu_system(words, ctx, where):
    rel, n = where
    opts = qemu_system_options(words[0])
    for w in words[1:]:
        if w.startswith("-") and len(w) > 1 and not re.match(r"-\d", w):
            opt = w[1:] if w.startswith("--") else w
            if opt not in opts:
                ctx.report.add(rel, n, f"{words[0]}: option '{w}' is not in '{words[0]} -help'")


# ----- ip ----------------------------------------------------------------------

def ip_global_options():
    _, out = run_cached("ip", "help")
    text = out.split("OPTIONS :=", 1)[1] if "OPTIONS :=" in out else ""
    text = text.strip()
    if text.startswith("{"):
        text = text[1:]
    items, depth, cur = [], 0, ""
    for ch in text:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth < 0:
                break
        if ch == "|" and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    items.append("-force")          # from "ip [ -force ] -batch filename"
    opts = []
    for item in items:
        item = " ".join(item.split())
        m = re.match(r"^(-[\w-]+?)(?:\[([\w-]+)\])?(?:\s+(\S.*))?$", item)
        if m:
            short = m.group(1)
            full = short + (m.group(2) or "")
            opts.append((short, full, bool(m.group(3))))
    return opts


def ip_object_help(obj):
    rc, out = run_cached("ip", obj, "help")
    if re.search(r'Object ".*" is unknown', out):
        return None, None
    m = re.search(r"Usage:\s*ip\s+(?:\[[^\]]*\]\s*)*([a-z][\w-]*)", out)
    return (m.group(1) if m else obj), out


def ip_commands(canon, text):
    cmds = set()
    flat = " ".join(text.split())
    usage = (r"\bip\s+(?:\[[^\]]*\]\s*)*" + re.escape(canon)
             + r"\s+(\{[^}]*\}|\[\s*[a-z][\w-]*|[a-z][\w-]*)")
    for m in re.finditer(usage, flat):
        tok = m.group(1)
        if tok.startswith("{"):
            cmds.update(w for w in re.split(r"[\s|{}]+", tok) if re.fullmatch(r"[a-z][\w-]*", w))
        else:
            cmds.add(tok.lstrip("[ ").strip())
    return cmds


def ip_keyword_values(text):
    """{keyword: set of allowed lowercase values} where the help says so."""
    flat = " ".join(text.split())
    defs = {}
    for m in re.finditer(r"\b([A-Z][A-Z_]*)\s*:=\s*\{([^}]*)\}", flat):
        words = [w.strip() for w in m.group(2).split("|")]
        if all(re.fullmatch(r"[a-z][\w-]*", w) for w in words if w):
            defs[m.group(1)] = {w for w in words if w}
    values, open_ = {}, set()
    for m in re.finditer(r"\b([a-z][\w-]*)\s+(\{[^}]*\}|[A-Z][A-Z_]*\b)", flat):
        kw, spec = m.group(1), m.group(2)
        if spec.startswith("{"):
            words = [w.strip() for w in spec.strip("{} ").split("|")]
            if all(re.fullmatch(r"[a-z][\w-]*", w) for w in words):
                values.setdefault(kw, set()).update(words)
            else:
                open_.add(kw)
        elif spec in defs:
            values.setdefault(kw, set()).update(defs[spec])
        else:
            open_.add(kw)
    return {k: v for k, v in values.items() if k not in open_}


def check_ip(words, ctx, where, block_env):
    rel, n = where
    opts = ip_global_options()
    i, all_ = 1, False
    while i < len(words) and words[i].startswith("-"):
        w = words[i][1:] if words[i].startswith("--") else words[i]
        w = w.partition("=")[0]         # -color=always
        match = [o for o in opts if w.startswith(o[0]) and o[1].startswith(w)]
        if not match:
            ctx.report.add(rel, n, f"ip: unknown option '{words[i]}' (see 'ip help')")
        elif match[0][2]:
            i += 1
        elif match[0][1] == "-all":
            all_ = True
        i += 1
    if i >= len(words):
        return
    obj = words[i]
    canon, text = ip_object_help(obj)
    if canon is None:
        ctx.report.add(rel, n, f"ip: unknown object '{obj}'")
        return
    rest = words[i + 1:]
    if not rest:
        return
    cmd = rest[0]
    cmds = ip_commands(canon, text)
    if cmds and not any(c.startswith(cmd) for c in cmds):
        ctx.report.add(rel, n, f"ip {canon}: unknown command '{cmd}' (known: {', '.join(sorted(cmds))})")
        return
    if canon == "netns" and "exec".startswith(cmd):
        # ip netns exec NAME COMMAND..., or ip -all netns exec COMMAND...
        program = rest[1:] if all_ else rest[2:]
        if program:
            check_simple_command(program, ctx, where, block_env, nested=True)
        return
    values = ip_keyword_values(text)
    for k in range(1, len(rest) - 1):
        kw, val = rest[k], rest[k + 1]
        if kw in values and val not in values[kw] and (k == 1 or rest[k - 1] not in values):
            ctx.report.add(rel, n, f"ip {canon}: '{kw} {val}': '{val}' is not one of "
                                   f"{', '.join(sorted(values[kw]))}")


# ----- unshare, nsenter, lsns, capsh, setcap, getcap ----------------------------

def util_options(tool):
    _, out = run_cached(tool, "--help")
    if tool in ("getcap", "setcap"):
        out += "\n" + run_cached(tool, "-h")[1]
    opts = {}

    def add(opt, kind):
        # An option listed both bare and with a value (capsh --mode and
        # --mode=<xxx>) takes an optional value.
        if opt in opts and opts[opt] != kind:
            kind = "optional"
        opts[opt] = kind

    for line in out.splitlines():
        m = re.match(r"^\s*(-\S.*)$", line)
        if m:
            spec = re.split(r"\s{2,}|\t", m.group(1).strip(), maxsplit=1)[0]
            found = list(re.finditer(r"(?:^|[,.|]\s*)(--?[A-Za-z0-9][\w-]*)", spec))
            if found:
                tail = spec[found[-1].end():]
                if tail.startswith("[="):
                    kind = "optional"
                elif tail.startswith("=") or tail.startswith(" <") or re.match(r"^ [^\s|]+\|", tail):
                    kind = "required"
                else:
                    kind = "none"
                for f_ in found:
                    add(f_.group(1), kind)
        for um in re.finditer(r"\[(-[A-Za-z0-9])(\s+<[^>]+>)?\]", line):
            add(um.group(1), "required" if um.group(2) else "none")
        for um in re.finditer(r"\((-[A-Za-z0-9])\|", line):
            add(um.group(1), "none")
    return opts


def check_util(words, ctx, where, block_env):
    tool = words[0]
    opts = util_options(tool)
    args = words[1:]
    if tool == "capsh":
        # Everything after --, ==, -+ or =+ belongs to the shell capsh runs.
        for k, a in enumerate(args):
            if a in ("--", "==", "-+", "=+"):
                args = args[:k]
                break
    # unshare and nsenter stop at the program they run (getopt "+"), which
    # is checked in turn.
    runs_program = tool in ("unshare", "nsenter")
    first = check_getopt_args(args, opts, ctx, where, tool, stop_at_positional=runs_program)
    if first is not None:
        check_simple_command(args[first:], ctx, where, block_env, nested=True)


# ----- dispatch -----------------------------------------------------------------

def check_simple_command(words, ctx, where, block_env, nested=False):
    assignments = {}
    words = strip_prefix(words, assignments)
    if not words:
        return
    tool = os.path.basename(words[0])
    if tool in CHECKED_TOOLS and shutil.which(tool):
        if not nested:
            ctx.counts["checked"] += 1
            ctx.tools["checked"][tool] += 1
        env = dict(block_env)
        env.update(assignments)
        if tool == "virsh":
            check_virsh([tool] + words[1:], ctx, where, env)
        elif tool == "qemu-img":
            check_qemu_img([tool] + words[1:], ctx, where)
        elif tool == "qemu-system-x86_64":
            check_qemu_system([tool] + words[1:], ctx, where)
        elif tool == "ip":
            check_ip([tool] + words[1:], ctx, where, env)
        else:
            check_util([tool] + words[1:], ctx, where, env)
        return
    if nested:
        return
    if tool in SHELL_BUILTINS:
        category = "builtin"
    elif tool in CHECKED_TOOLS or not shutil.which(tool):
        category = "missing"
    else:
        category = "unchecked"
    ctx.counts[category] += 1
    ctx.tools[category][tool] += 1


def check_commands(note, rel, ctx):
    total = 0
    for block in note.blocks:
        if block.lang != "console":
            continue
        block_env = {}
        for n, cmd in command_lines(block):
            try:
                commands = split_simple_commands(cmd)
            except ValueError as e:
                ctx.report.add(rel, n, f"cannot split the command line: {e}")
                continue
            for words in commands:
                total += 1
                if words and words[0] == "export":
                    for w in words[1:]:
                        name, eq, value = w.partition("=")
                        if eq:
                            block_env[name] = value
                elif words and words[0] == "unset":
                    for w in words[1:]:
                        block_env.pop(w, None)
                check_simple_command(words, ctx, (rel, n), block_env)
    return total


# ---------------------------------------------------------------------------

def main():
    if len(sys.argv) != 2:
        print("usage: check-notes.py SOURCE_ROOT", file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    notes_dir = os.path.join(root, "data", "notes", "en")
    images_dir = os.path.join(root, "data", "notes", "images")
    report = Report()
    objectives = load_objectives(root)
    lab = os.path.join(root, "data", "lab", "sandbox.xml")
    sandbox = os.environ.get("VW_SANDBOX_URI") or "test://" + lab
    if not os.environ.get("VW_SANDBOX_URI") and not os.path.isfile(lab):
        report.add(os.path.relpath(lab, root), 1, "the sandbox lab does not exist")
    ctx = Context(report, sandbox)

    files = sorted(f for f in os.listdir(notes_dir) if f.endswith(".md"))
    notes = {f: Note(os.path.join(notes_dir, f)) for f in files}
    all_slugs = {f: note.slugs() for f, note in notes.items()}
    for f in files:
        note_id = f[:-3]
        rel = os.path.relpath(os.path.join(notes_dir, f), root)
        if note_id not in objectives:
            report.add(rel, 1, f"'{note_id}' is not an objective in data/objectives.ini")
    for note_id in sorted(objectives):
        if note_id + ".md" not in notes:
            report.add(os.path.relpath(notes_dir, root), 1, f"no note for objective {note_id}")

    commands = 0
    for f in files:
        note, note_id = notes[f], f[:-3]
        rel = os.path.relpath(os.path.join(notes_dir, f), root)
        check_structure(note, rel, note_id, notes_dir, images_dir, report, all_slugs)
        if note_id in objectives:
            check_cited(note, rel, objectives[note_id]["cited"], report)
            words = prose_words(note)
            need = WORDS_PER_WEIGHT * objectives[note_id]["weight"]
            if words < need:
                report.add(rel, 1, f"{words} words of prose; weight {objectives[note_id]['weight']} "
                                   f"needs at least {need}")
        commands += check_commands(note, rel, ctx)

    for p in report.problems:
        print(p)

    def tools(category):
        return ", ".join(f"{t} {c}" for t, c in ctx.tools[category].most_common()) or "-"

    print(f"  checked against the tools' help: {tools('checked')}")
    print(f"  not checked (tool not installed): {tools('missing')}")
    print(f"  not checked (no check for the tool): {tools('unchecked')}")
    print(f"  shell builtins: {tools('builtin')}")
    print(f"  sandbox: {sandbox}")
    print(f"checked {commands} commands in {len(files)} files: {ctx.counts['checked']} against the "
          f"tools' help, {ctx.sandbox_runs} of them run read-only on the sandbox "
          f"({ctx.not_run_remote} read-only ones name another host and were not run), "
          f"{ctx.counts['missing']} not checked (tool not installed), "
          f"{ctx.counts['unchecked']} not checked (no check for the tool), "
          f"{ctx.counts['builtin']} shell builtins; also {STATS['links']} links, "
          f"{STATS['images']} images, {STATS['cited']} cited objects; "
          f"{len(report.problems)} problem(s)")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
