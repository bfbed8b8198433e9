"""The digit pad (notebook 08) in JupyterLab: drawn with the mouse, and without one."""

from __future__ import annotations

import re

import catalog
import pytest
from pages import js, save_screenshot, snapshot, wait_for_change, wait_kernel_idle

PAD_NOTEBOOKS = catalog.with_key("digit_pad")
STROKE = [row * 8 + 4 for row in range(1, 7)]  # a vertical stroke: something like a "1"


def the_pad(notebook):
    res = notebook.require_run()
    if not res["found"]["digitPad"]:
        pytest.fail(
            f"{notebook.name} calls the digit pad but no .course-digit-pad was rendered.\n"
            f"{notebook.where()}",
            pytrace=False,
        )
    wait_kernel_idle(notebook.page)
    pad = notebook.page.locator(".jp-Notebook .course-digit-pad").first
    pad.scroll_into_view_if_needed()
    cells = pad.locator(".digit-pad-cell")
    prediction = pad.locator(".digit-pad-prediction").first
    assert cells.count() == 64, (
        f"{notebook.name}: the digit pad has {cells.count()} .digit-pad-cell elements, not 64; "
        f"{notebook.where()}"
    )
    assert prediction.count(), f"{notebook.name}: no .digit-pad-prediction; {notebook.where()}"
    return pad, cells, prediction


def clear(page, pad, prediction, keyboard: bool) -> str:
    """Empty the pad (it starts with a test digit); return what the prediction then shows."""
    button = pad.locator("button", has_text="Clear")
    assert button.count(), "the digit pad has no Clear button"
    shown = snapshot(prediction)
    if keyboard:
        button.first.focus()
        page.keyboard.press("Enter")
    else:
        button.first.click()
    return wait_for_change(page, lambda: snapshot(prediction), shown)


def check_drawn(notebook, prediction, before, after, how: str) -> None:
    shot = catalog.ARTIFACTS / f"{catalog.short(notebook.name)}-digit-pad-{how}.png"
    save_screenshot(notebook.page, shot)
    assert after != before, (
        f"{notebook.name}: drawing on the digit pad ({how}) did not change the prediction "
        f"({prediction.inner_text()!r}); screenshot: {shot}"
    )
    assert re.search(r"\d", prediction.inner_text()), (
        f"{notebook.name}: the prediction shows no digit: {prediction.inner_text()!r}; {shot}"
    )


@pytest.mark.parametrize("notebook", PAD_NOTEBOOKS, indirect=True, ids=catalog.short)
def test_digit_pad_mouse(notebook):
    """Clicking cells of the 8x8 pad changes the shown prediction."""
    page = notebook.page
    pad, cells, prediction = the_pad(notebook)
    before = clear(page, pad, prediction, keyboard=False)
    for i in STROKE:
        cells.nth(i).click()
        wait_kernel_idle(page)  # at the kernel's pace (it handles the clicks in order anyway)
    after = wait_for_change(page, lambda: snapshot(prediction), before)
    check_drawn(notebook, prediction, before, after, "mouse")


@pytest.mark.parametrize("notebook", PAD_NOTEBOOKS, indirect=True, ids=catalog.short)
def test_digit_pad_keyboard(notebook):
    """Without a mouse: Tab from the first cell to each cell of a stroke, Space inks it."""
    page = notebook.page
    pad, cells, prediction = the_pad(notebook)
    before = clear(page, pad, prediction, keyboard=True)
    pad.evaluate("(el) => courseTest.markControls(el.querySelector('.digit-pad-grid') || el)")
    cells.nth(0).focus()
    position = 0
    for target in STROKE:
        while position < target:
            page.keyboard.press("Tab")
            position += 1
        focused = js(page, "focusedControl")
        assert focused == target, (
            f"{notebook.name}: {target} presses of Tab from the first cell reached control "
            f"{focused}, not cell {target} (the cells are not in reading order for Tab)"
        )
        page.keyboard.press("Space")
        wait_kernel_idle(page)
    after = wait_for_change(page, lambda: snapshot(prediction), before)
    check_drawn(notebook, prediction, before, after, "keyboard")
