"""Python-side page helpers: open a notebook, Run All, wait, read, screenshot, poll for change.

The JavaScript they call lives in ``page.js`` (``window.courseTest``), injected into every
page of the browser context by the ``browser_context`` fixture.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the tests are skipped (conftest.py says why)
    PlaywrightError = Exception

VIEWPORT = {"width": 1280, "height": 900}
OPEN_TIMEOUT = 60_000  # ms: the app loaded, the notebook open, its kernel ready
RUN_TIMEOUT = 90_000  # ms: "Run All" finished (each notebook runs in < 10 s)
CHANGE_TIMEOUT = 15_000  # ms: a widget shows a change after an interaction


PYTHON3 = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook_json(sources, id_prefix: str, kernelspec: dict = PYTHON3) -> dict:
    """A test notebook (nbformat 4.5): one unrun code cell per source, ids ``<id_prefix>-<i>``."""
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"{id_prefix}-{i}",
            "metadata": {},
            "outputs": [],
            "source": source,
        }
        for i, source in enumerate(sources)
    ]
    return {
        "cells": cells,
        "metadata": {"kernelspec": kernelspec},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_notebook(folder: Path, name: str, sources, id_prefix: str) -> str:
    """Write ``notebook_json(sources, id_prefix)`` to ``folder / name``; returns ``name``."""
    (Path(folder) / name).write_text(
        json.dumps(notebook_json(sources, id_prefix)), encoding="utf-8"
    )
    return name


def js(page, name: str, *args):
    """Call ``courseTest.name(...args)`` in the page (an element handle may be an argument)."""
    params = ", ".join(f"a{i}" for i in range(len(args)))
    return page.evaluate(f"([{params}]) => courseTest.{name}({params})", list(args))


@dataclass
class OpenNotebook:
    """A notebook open in a page, after "Run All" (``results``) or a ``problem`` on the way."""

    name: str
    server: object  # servers.Server
    page: object = None
    screenshot: Path | None = None
    results: dict | None = None
    problem: str | None = None
    console: list = field(default_factory=list)
    log_start: int = 0  # the server log's size when the notebook was opened

    def where(self) -> str:
        return f"screenshot: {self.screenshot}; server log: {self.server.log_path}"

    def require_run(self) -> dict:
        """The run's results, or fail the test saying how far it got and where to look."""
        import pytest

        if self.problem or self.results is None:
            console = "\n".join(self.console[-10:])
            pytest.fail(
                f"{self.name}: the notebook did not finish running ({self.problem}).\n"
                f"{self.where()}\nbrowser console errors:\n{console}\n"
                f"server log tail:\n{self.server.log_tail(20)}",
                pytrace=False,
            )
        return self.results


def open_and_run(page, opened: OpenNotebook) -> None:
    """Open ``opened.name`` in ``page`` (already on the app), clear outputs, Run All, wait.

    Fills ``opened.results``, or ``opened.problem`` with the step that failed.
    """
    step = "opening the notebook"
    try:
        assert js(page, "open", opened.name), "no notebook panel opened"
        step = "waiting for the kernel and clearing outputs"
        left = js(page, "prepare")
        assert left == 0, f"{left} code cells kept outputs/counts after clearing"
        page.wait_for_function("courseTest.kernelIdle()", timeout=OPEN_TIMEOUT)
        step = "running all cells"
        js(page, "runAll")
        page.wait_for_function("courseTest.runFinished()", timeout=RUN_TIMEOUT, polling=200)
        # late display messages, widget views: until the outputs are the same two polls running
        page.wait_for_function("courseTest.outputsSettled()", timeout=RUN_TIMEOUT, polling=250)
        opened.results = js(page, "results")
    except (PlaywrightError, AssertionError) as exc:
        opened.problem = f"while {step}: {exc}"
        try:
            opened.results = js(page, "results")
        except PlaywrightError:
            pass


def _cells(items: list) -> str:
    return "\n".join(f"  cell {it['index']}: {it['text'].strip()[:300]}" for it in items)


def run_problems(res: dict) -> list[str]:
    """What went wrong in a run: a failed Run All, errors/stderr, broken widgets, unrun cells."""
    problems = []
    run = res.get("run") or {}
    if "error" in run:
        problems.append(f"'Run All' raised {run['error']}")
    with_errors = {e["index"] for e in res["errors"]}
    shown = res["errors"] + [e for e in res["stderr"] if e["index"] not in with_errors]
    if shown:
        problems.append("error/stderr output on the page:\n" + _cells(shown))
    if res["broken"]:
        problems.append("widgets failed to display:\n" + _cells(res["broken"]))
    unrun = [c for c in res["code"] if not c["count"]]
    if unrun:
        problems.append(
            "code cells not executed:\n"
            + "\n".join(f"  cell {c['index']}: {c['source'][:80]!r}" for c in unrun)
        )
    return problems


MAX_SHOT = 15_000  # px: taller notebooks are saved in parts (<name>-2.png, ...)


def save_screenshot(page, path: Path) -> None:
    """The whole notebook: grow the viewport to its height (the app scrolls internally).

    A notebook taller than MAX_SHOT is saved in parts, one screen of MAX_SHOT px each.
    """
    for old in path.parent.glob(f"{path.stem}-[0-9].png"):
        old.unlink()
    try:
        height = int(js(page, "notebookHeight"))
        window = min(max(height, VIEWPORT["height"]), MAX_SHOT)
        page.set_viewport_size({"width": VIEWPORT["width"], "height": window})
        page.wait_for_function("(h) => window.innerHeight === h", arg=window)
        js(page, "frames")  # the app has re-laid out the taller window
        part, shown = 1, js(page, "scrollTo", 0)
        while True:
            js(page, "frames")  # the cells scrolled into view are drawn
            name = path if part == 1 else path.with_name(f"{path.stem}-{part}.png")
            page.screenshot(path=str(name))
            if shown + window >= height:
                break
            before, part = shown, part + 1
            shown = js(page, "scrollTo", shown + window - 200)  # 200 px overlap
            if shown <= before:
                break
        js(page, "scrollTo", 0)
    except PlaywrightError:
        try:
            page.screenshot(path=str(path))
        except PlaywrightError:
            pass
    finally:
        try:
            page.set_viewport_size(VIEWPORT)
        except PlaywrightError:
            pass


def wait_kernel_idle(page, timeout: int = CHANGE_TIMEOUT) -> None:
    page.wait_for_function("courseTest.kernelIdle()", timeout=timeout, polling=100)


def snapshot(locator) -> str:
    """What an element shows, without its controls."""
    return locator.evaluate("(el) => courseTest.snapshot(el)")


def wait_for_change(page, read, before, timeout: int = CHANGE_TIMEOUT):
    """Poll ``read()`` until it differs from ``before`` and stays the same for a moment."""
    deadline = time.monotonic() + timeout / 1000
    now = read()
    while time.monotonic() < deadline:
        if now != before:
            try:  # the kernel's answer is complete once it is idle again
                wait_kernel_idle(page, timeout=5_000)
            except PlaywrightError:
                pass
            js(page, "frames")  # and drawn
            settled = read()
            if settled == now and settled != before:
                return settled
            now = settled
            continue
        page.wait_for_timeout(150)
        now = read()
    return now


# Keys that move a focused slider handle (noUiSlider): (up, down). In JupyterLab the plain
# arrows work. Notebook 7 binds the plain arrows, in command mode, to moving between cells, and
# its app handles keys before the page does (JupyterLab 4 starts its app with
# bubblingKeydown=True, Notebook 7.6 does not): there Shift+arrows, Page Up/Down, Home/End work.
ARROWS = ("ArrowRight", "ArrowLeft")
SHIFT_ARROWS = ("Shift+ArrowRight", "Shift+ArrowLeft")


def nudge_slider(page, handle, keys=ARROWS) -> tuple[str | None, str | None]:
    """Focus a slider handle, press keys[0] 3 times (keys[1] 6 times at the maximum)."""
    value = handle.get_attribute("aria-valuenow")
    handle.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    handle.focus()
    for _ in range(3):
        page.keyboard.press(keys[0])
    if handle.get_attribute("aria-valuenow") == value:  # at its maximum
        for _ in range(6):
            page.keyboard.press(keys[1])
    return value, handle.get_attribute("aria-valuenow")


def try_slider(page, scope, keys=ARROWS) -> tuple[bool, str]:
    """Move a slider of ``scope`` with ``keys``; (True, how) if what the widget shows changed."""
    handles = scope.locator(".noUi-target:not([disabled]) .noUi-handle")
    notes = []
    for i in range(min(handles.count(), 3)):
        before = snapshot(scope)
        value, moved = nudge_slider(page, handles.nth(i), keys)
        if moved == value:
            notes.append(f"slider {i} did not move from {value} with {keys[0]}")
            continue
        if wait_for_change(page, lambda: snapshot(scope), before) != before:
            return True, f"slider {i} moved {value} -> {moved} with {keys[0]}"
        notes.append(f"slider {i} moved {value} -> {moved} but nothing shown changed")
    return False, "; ".join(notes)


def try_button(page, scope) -> tuple[bool, str]:
    buttons = scope.locator("button.jupyter-button:not([disabled])")
    notes = []
    for i in range(min(buttons.count(), 3)):
        button = buttons.nth(i)
        text = button.inner_text().strip()
        before = snapshot(scope)
        button.focus()
        page.keyboard.press("Enter")
        if wait_for_change(page, lambda: snapshot(scope), before) != before:
            return True, f"Enter on button {text!r}"
        notes.append(f"Enter on button {text!r} changed nothing shown")
    return False, "; ".join(notes)


def widget_scopes(page) -> list:
    """Each ``.course-widget``, plus each output area with other live widgets."""
    scopes = list(page.locator(".jp-Notebook .course-widget").all())
    for area in page.locator(".jp-Notebook .jp-CodeCell .jp-Cell-outputArea").all():
        if area.locator(".course-widget").count():
            continue
        if area.locator(".jupyter-widgets").count():
            scopes.append(area)
    return scopes


def describe(scope) -> str:
    """A widget scope's name for messages: its course-* class, else "widget output"."""
    cls = scope.get_attribute("class") or ""
    names = [c for c in cls.split() if c.startswith("course-") and c != "course-widget"]
    return names[0] if names else ("course-widget" if "course-widget" in cls else "widget output")


def epoch_number(text: str) -> int | None:
    m = re.search(r"\d[\d,\u202f\u00a0]*", text)
    return int(re.sub(r"\D", "", m.group(0))) if m else None


def button_named(scope, name: str):
    return scope.locator("button").filter(has_text=re.compile(rf"^\s*{name}\s*$"))
