"""The playground's Play, Pause, Step and Reset buttons in JupyterLab.

(Moved here from the former tests/test_browser.py; the playground's own browser tests live in
test_playground.py, owned with the playground.)
"""

from __future__ import annotations

import time

import catalog
import pytest
from pages import (
    CHANGE_TIMEOUT,
    button_named,
    epoch_number,
    js,
    save_screenshot,
    snapshot,
    wait_for_change,
    wait_kernel_idle,
)


def wait_until(page, condition, timeout: int = CHANGE_TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        if condition():
            return True
        page.wait_for_timeout(200)
    return condition()


@pytest.mark.parametrize(
    "notebook", catalog.with_key("playground"), indirect=True, ids=catalog.short
)
def test_playground(notebook):
    """Play advances the epoch counter and changes the loss curve; Pause stops; Reset zeroes."""
    res = notebook.require_run()
    page = notebook.page
    if not res["found"]["playground"]:
        pytest.fail(
            f"{notebook.name} calls the playground but no .course-playground was rendered.\n"
            f"{notebook.where()}",
            pytrace=False,
        )
    wait_kernel_idle(page)
    pg = page.locator(".jp-Notebook .course-playground").first
    pg.scroll_into_view_if_needed()
    epoch = pg.locator(".playground-epoch").first
    curve = pg.locator(".playground-curve").first
    shot = catalog.ARTIFACTS / f"{catalog.short(notebook.name)}-playground.png"
    assert epoch.count() and curve.count(), (
        f"{notebook.name}: the playground lacks .playground-epoch or .playground-curve; "
        f"{notebook.where()}"
    )
    play = button_named(pg, "Play")
    assert play.count(), f"{notebook.name}: no 'Play' button in the playground; {notebook.where()}"
    play = play.first.element_handle()  # the same button after it turns into "Pause"

    epoch0, curve0 = epoch_number(epoch.inner_text()), snapshot(curve)
    play.click()
    wait_until(
        page,
        lambda: (
            (epoch_number(epoch.inner_text()) or 0) > (epoch0 or 0) and snapshot(curve) != curve0
        ),
    )
    epoch1, curve1 = epoch_number(epoch.inner_text()), snapshot(curve)
    pause = button_named(pg, "Pause")
    (pause.first.element_handle() if pause.count() else play).click()
    save_screenshot(page, shot)
    assert epoch1 is not None and epoch1 > (epoch0 or 0), (
        f"{notebook.name}: after Play the epoch counter did not advance "
        f"({epoch0!r} -> {epoch1!r}, text {epoch.inner_text()!r}); screenshot: {shot}"
    )
    assert curve1 != curve0, f"{notebook.name}: after Play the loss curve did not change; {shot}"

    # the last running step finishes: the button says Play again and the kernel is idle
    wait_until(page, lambda: button_named(pg, "Play").count() > 0)
    wait_kernel_idle(page)
    js(page, "frames")
    paused = epoch_number(epoch.inner_text())
    page.wait_for_timeout(1200)  # an observation window: nothing may change during it
    assert epoch_number(epoch.inner_text()) == paused, (
        f"{notebook.name}: the epoch counter kept advancing after Pause; {shot}"
    )

    step = button_named(pg, "Step")
    if step.count():
        before = epoch.inner_text()
        step.first.click()
        after = wait_for_change(page, epoch.inner_text, before)
        assert after != before, f"{notebook.name}: 'Step' did not change the epoch; {shot}"
    reset = button_named(pg, "Reset")
    if reset.count():
        reset.first.click()
        wait_until(page, lambda: epoch_number(epoch.inner_text()) == 0)
        assert epoch_number(epoch.inner_text()) == 0, (
            f"{notebook.name}: after 'Reset' the epoch counter reads "
            f"{epoch.inner_text()!r}, not 0; {shot}"
        )
