#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real application driven through AT-SPI, as a screen reader user
would: open an objective from the sidebar, start a machine of the sandbox
lab, take a snapshot of it. Every control used is found by its accessible
role and name.

Run inside its own D-Bus session (meson runs it under dbus-run-session), so
that the accessibility bus is this test's own.
Usage: test-a11y.py PATH-TO-virt-workbench"""
import os
import subprocess
import sys
import tempfile
import time

app_path = sys.argv[1]
scratch = tempfile.mkdtemp(prefix="vw-a11y-")
env = dict(os.environ)
for name in ("GTK_A11Y", "NO_AT_BRIDGE"):
    env.pop(name, None)
for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    env[name] = os.path.join(scratch, name)
app = subprocess.Popen([app_path], env=env)

# libatspi prefers the bus named on the X display, which another session
# may have set: ask this session's bus launcher instead.
reply = subprocess.check_output(["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
                                 "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"], text=True)
os.environ["AT_SPI_BUS_ADDRESS"] = reply.strip()[2:-3]
# The application keeps G_DEBUG=fatal-warnings; this client does not: libatspi
# warns when it asks an application for its cache before the application has
# published it, which is a race of start-up, not a fault of the application.
os.environ.pop("G_DEBUG", None)

import pyatspi  # noqa: E402 (after the bus address is known)

STEP_SECONDS = 20


def fail(message):
    print(f"not ok: {message}", flush=True)
    app.terminate()
    sys.exit(1)


def wait_for(what, find):
    deadline = time.monotonic() + STEP_SECONDS
    while time.monotonic() < deadline:
        try:
            found = find()
        except Exception:  # the tree changes under us: look again
            found = None
        if found:
            return found
        time.sleep(0.2)
    fail(f"no {what} after {STEP_SECONDS} s")


def showing(acc):
    # GTK 4.8 sets VISIBLE, not SHOWING: a widget of a page not shown also
    # counts, which makes the name check below stricter.
    return acc.getState().contains(pyatspi.STATE_VISIBLE)


def find_all(acc, test, depth=0, results=None):
    results = [] if results is None else results
    if acc is None or depth > 60:
        return results
    if test(acc):
        results.append(acc)
    for i in range(acc.childCount):
        find_all(acc.getChildAtIndex(i), test, depth + 1, results)
    return results


def find(acc, role, name_test, must_show=True):
    for candidate in find_all(acc, lambda a: a.getRole() == role and name_test(a.name or "")):
        if not must_show or showing(candidate):
            return candidate
    return None


def plain(name):
    """GTK 4.8 names a button with a mnemonic “_Take Take”: its label as
    written, then as shown. The name as shown."""
    written, _, shown = name.partition(" ")
    if written.startswith("_") and shown.replace("_", "").startswith(written[1:].replace("_", "")):
        return shown
    return name.replace("_", "")


def click(button):
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate"):
            action.doAction(i)
            return
    fail(f"the button “{button.name}” has no click action")


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and child.name == "virt-workbench":
            return child
    return None


def item_name(item):
    """A list item's name, or that of the row widget inside it (list views
    name the row, not the item)."""
    if item.name:
        return item.name
    return next((c.name for c in (item.getChildAtIndex(i) for i in range(item.childCount))
                 if c is not None and c.name), "")


def select_item(list_acc, name_test):
    for i in range(list_acc.childCount):
        child = list_acc.getChildAtIndex(i)
        if child is not None and name_test(item_name(child)):
            list_acc.querySelection().selectChild(i)
            return True
    return False


root = wait_for("application on the accessibility bus", application)
print("ok 1 the application is on the accessibility bus", flush=True)

# Every button that shows has a name (not GTK's class name).
window = wait_for("main window", lambda: find(root, pyatspi.ROLE_FRAME, lambda n: n == "Virt Workbench"))
wait_for("machines list", lambda: find(window, pyatspi.ROLE_LIST, lambda n: n == "Machines", False))
buttons = find_all(window, lambda a: a.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON))
if len(buttons) < 20:
    fail(f"only {len(buttons)} buttons found")
# (A drop-down's own toggle is GTK's: the drop-down carries the name.)
unnamed = [b for b in buttons
           if showing(b) and (not b.name or b.name.startswith("Gtk"))
           and (b.parent is None or b.parent.getRole() != pyatspi.ROLE_COMBO_BOX)]
if unnamed:
    fail(f"{len(unnamed)} buttons have no accessible name, such as one inside “{unnamed[0].parent.name}”")
print(f"ok 2 every one of the {len(buttons)} buttons has an accessible name", flush=True)

# Open objective 351.4 from the sidebar.
objectives = wait_for("objective list", lambda: find(window, pyatspi.ROLE_LIST, lambda n: n == "Exam objectives", False))
if not select_item(objectives, lambda n: n.startswith("351.4 ")):
    fail("no objective 351.4 in the sidebar")
wait_for("the title of objective 351.4",
         lambda: find(window, pyatspi.ROLE_LABEL, lambda n: n.startswith("351.4 Libvirt virtual machine"), False))
print("ok 3 objective 351.4 opened", flush=True)

# Start db01 (shut off in the sandbox).
machines = wait_for("machines list", lambda: find(window, pyatspi.ROLE_LIST, lambda n: n == "Machines", False))
if not select_item(machines, lambda n: n.startswith("db01,")):
    fail("no db01 in the machines list")


def enabled_button(name):
    button = find(window, pyatspi.ROLE_PUSH_BUTTON, lambda n: n == name)
    return button if button is not None and button.getState().contains(pyatspi.STATE_SENSITIVE) else None


click(wait_for("enabled Start button", lambda: enabled_button("Start")))
wait_for("db01 running", lambda: next((c for c in find_all(machines, lambda a: (a.name or "").startswith("db01, Running"))),
                                      None))
print("ok 4 db01 started", flush=True)

# Take a snapshot of it from its details.
click(wait_for("Details button", lambda: find(window, pyatspi.ROLE_PUSH_BUTTON, lambda n: "Details" in n)))
snapshots_tab = wait_for("Snapshots tab", lambda: find(window, pyatspi.ROLE_PAGE_TAB, lambda n: n == "Snapshots"))
click(snapshots_tab)
click(wait_for("Take a Snapshot button",
               lambda: find(window, pyatspi.ROLE_PUSH_BUTTON, lambda n: "Take a Snapshot" in n)))
dialog = wait_for("snapshot dialog", lambda: next((c for c in (root.getChildAtIndex(i) for i in range(root.childCount))
                                                   if c is not None and c is not window
                                                   and c.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_FRAME,
                                                                       pyatspi.ROLE_ALERT)), None))
entry = wait_for("name entry", lambda: next(iter(find_all(dialog, lambda a: a.getRole() in (pyatspi.ROLE_TEXT,
                                                                                              pyatspi.ROLE_ENTRY)
                                                          and showing(a))), None))
entry.queryEditableText().setTextContents("a11y-snapshot")
click(wait_for("Take button", lambda: find(dialog, pyatspi.ROLE_PUSH_BUTTON, lambda n: plain(n) == "Take")))
wait_for("the new snapshot in the tree",
         lambda: next(iter(find_all(window, lambda a: (a.name or "").startswith("a11y-snapshot"))), None))
print("ok 5 snapshot a11y-snapshot taken", flush=True)

app.terminate()
app.wait(10)
print("1..5", flush=True)
