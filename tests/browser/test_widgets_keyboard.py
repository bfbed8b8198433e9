"""Widgets in JupyterLab work from the keyboard alone.

* ``test_widgets_respond``: moving a slider with the arrow keys (or pressing Enter on a button)
  changes what the widget shows;
* ``test_tab_reaches_every_control``: Tab, from a widget's first control, visits every control
  of the widget (buttons, slider handles, menus, check boxes, text boxes) and Shift+Tab goes back;
* ``test_controls_operable_by_keyboard``: each slider moves with the arrow keys, each menu
  changes with Space (open), ↓/↑ (choose), Enter (take), each check box toggles with Space.

On a closed menu (Dropdown) the plain ↑/↓ move to another cell and letters run notebook
commands ("b" inserts a cell): JupyterLab's and Notebook 7's command-mode shortcuts match any
focused element of a notebook that is not a text field. Opening the menu first avoids them.
"""

from __future__ import annotations

import time

import catalog
import pytest
from pages import (
    CHANGE_TIMEOUT,
    describe,
    nudge_slider,
    save_screenshot,
    try_button,
    try_slider,
    wait_kernel_idle,
    widget_scopes,
)

WIDGET_NOTEBOOKS = catalog.with_key("widgets")
MAX_TABS = 200  # a widget with more controls than this needs a different design anyway


def scopes_of(notebook) -> list:
    notebook.require_run()
    page = notebook.page
    wait_kernel_idle(page)
    scopes = widget_scopes(page)
    assert scopes, (
        f"{notebook.name}: the notebook shows live widgets (per its JSON) but no widget view was "
        f"rendered on the page.\n{notebook.where()}"
    )
    return scopes


@pytest.mark.parametrize("notebook", WIDGET_NOTEBOOKS, indirect=True, ids=catalog.short)
def test_widgets_respond(notebook):
    """In every live widget, a slider moved by the arrow keys (or Enter on a button) shows it."""
    page = notebook.page
    failures, checked = [], []
    for scope in scopes_of(notebook):
        t0 = time.monotonic()
        if scope.locator(".noUi-handle").count():
            ok, how = try_slider(page, scope)
        elif scope.locator("button.jupyter-button").count():
            ok, how = try_button(page, scope)
        else:
            continue  # display-only widget (e.g. an Output with a static figure)
        line = f"{describe(scope)}: {how} ({time.monotonic() - t0:.1f} s)"
        (checked if ok else failures).append(line)
    shot = catalog.ARTIFACTS / f"{catalog.short(notebook.name)}-lab-widgets.png"
    save_screenshot(page, shot)
    assert not failures, (
        f"{notebook.name}: changing a control did not change what is shown:\n  "
        + "\n  ".join(failures)
        + f"\nscreenshot after interaction: {shot}; {notebook.where()}"
    )
    print(f"{notebook.name}: " + "; ".join(checked))  # shown with -rP / on failure
    if not checked:
        pytest.skip(f"{notebook.name}: its widgets have no slider or button to operate")


def focused(scope) -> int:
    """The marked control of ``scope`` with the focus; -1 another element of it; -2 outside."""
    return scope.evaluate("(el) => courseTest.focusedControl(el)")


def tab_order(page, scope, controls: list) -> tuple[list[int], int]:
    """Focus the first control, press Tab until focus leaves the widget; also Shift+Tab once."""
    scope.locator('[data-course-control="0"]').first.focus()
    seen = [focused(scope)]
    for _ in range(min(2 * len(controls) + 5, MAX_TABS)):
        page.keyboard.press("Tab")
        now = focused(scope)
        if now == -2:
            break
        seen.append(now)
    back = -2
    if len(controls) > 1:
        scope.locator('[data-course-control="1"]').first.focus()
        page.keyboard.press("Shift+Tab")
        back = focused(scope)
    return seen, back


@pytest.mark.parametrize("notebook", WIDGET_NOTEBOOKS, indirect=True, ids=catalog.short)
def test_tab_reaches_every_control(notebook):
    """Tab from a widget's first control visits every control of it; Shift+Tab goes back."""
    page = notebook.page
    failures = []
    for scope in scopes_of(notebook):
        controls = scope.evaluate("(el) => courseTest.markControls(el)")
        if not controls:
            continue
        seen, back = tab_order(page, scope, controls)
        missed = [c for c in controls if c["i"] not in seen]
        if missed:
            names = ", ".join(f"{c['tag']} {c['label']!r}" for c in missed[:10])
            failures.append(
                f"{describe(scope)}: Tab never reached {len(missed)} of "
                f"{len(controls)} controls: {names}"
            )
        if len(controls) > 1 and back not in (0, -1):  # -1: the 1st control's own part
            failures.append(f"{describe(scope)}: Shift+Tab from the 2nd control left the widget")
    assert not failures, f"{notebook.name}:\n  " + "\n  ".join(failures)


def operate(page, scope, control: dict) -> str | None:
    """Operate one control with the keyboard; None if it worked, else what went wrong."""
    el = scope.locator(f'[data-course-control="{control["i"]}"]').first
    name = f"{control['tag']} {control['label']!r}"
    if "noUi-handle" in control["cls"]:
        value, moved = nudge_slider(page, el)
        return None if moved != value else f"slider {name}: arrow keys left it at {value}"
    if control["tag"] == "select":
        # Space opens the menu, the arrows choose, Enter takes it. The plain arrows on a CLOSED
        # menu do not: JupyterLab and Notebook 7 take them (command mode) to move between cells.
        before = el.input_value()
        for keys in (("Space", "ArrowDown", "Enter"), ("Space", "ArrowUp", "Enter")):
            el.focus()
            for key in keys:
                page.keyboard.press(key)
            if el.input_value() != before:
                break
        after = el.input_value()
        if after != before:
            el.select_option(before)  # as it was
        return None if after != before else f"menu {name}: Space, ↓/↑, Enter did not change it"
    if control["tag"] == "input" and el.get_attribute("type") == "checkbox":
        before = el.is_checked()
        el.focus()
        page.keyboard.press("Space")
        after = el.is_checked()
        if after != before:
            page.keyboard.press("Space")
        return None if after != before else f"check box {name}: Space did not toggle it"
    return None  # buttons: test_widgets_respond; text boxes take typing by nature


@pytest.mark.parametrize("notebook", WIDGET_NOTEBOOKS, indirect=True, ids=catalog.short)
def test_controls_operable_by_keyboard(notebook):
    """Every slider, menu and check box of every widget changes with the keyboard alone."""
    page = notebook.page
    failures = []
    for scope in scopes_of(notebook):
        for control in scope.evaluate("(el) => courseTest.markControls(el)"):
            problem = operate(page, scope, control)
            if problem:
                failures.append(f"{describe(scope)}: {problem}")
        wait_kernel_idle(page, timeout=CHANGE_TIMEOUT)  # this widget's answers are in
    wait_kernel_idle(page, timeout=CHANGE_TIMEOUT)
    assert not failures, f"{notebook.name}:\n  " + "\n  ".join(failures)
