"""The JupyterLite edition (``_build/site/lite/``, built by ``bash tools/build_site.sh``) in
Chromium: every notebook opened as the site's launch link opens it, "Run All" clean, widgets
answering, checkers giving feedback, and not one request to another host.

The site is served by a static server on 127.0.0.1 (``lite.LiteServer``); a browser context
of its own routes every request (service workers' too): loopback passes, any other host is
aborted and recorded, and each test asserts the record is empty. The first test plants an
outside request from the page and one from the kernel's worker, and checks both are caught.
"""

from __future__ import annotations

import os
import re

import catalog
import lite_edition as lite
import pages
import pytest
from conftest import AppPage, _opened
from test_digit_pad import STROKE, check_drawn, clear, the_pad

# Playwright reports (and routes) service workers' requests only with this (Chromium).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")

FEEDBACK = re.compile(r"Well done!|Not yet\.")
CHECKER_CALL = re.compile(r"^\s*check_\w+\(|[^\w.]check_\w+\(", re.MULTILINE)
LITE_RUN_TIMEOUT = 360_000  # ms
PLANTED = "https://example.org/planted-by-the-test"


def _checks(name: str) -> bool:
    """Whether the notebook calls an exercise checker (in the JSON the build copies)."""
    return bool(CHECKER_CALL.search((catalog.NOTEBOOKS / name).read_text(encoding="utf-8")))


def _try_click(page, scope) -> tuple[bool, str]:
    """Click a button of ``scope`` (up to 3); (True, how) if what it shows changed. A button
    that then reads "Pause" is clicked again (the playground stops before the next test)."""
    buttons = scope.locator("button.jupyter-button:not([disabled])")
    notes = []
    for i in range(min(buttons.count(), 3)):
        button = buttons.nth(i).element_handle()
        text = button.inner_text().strip()
        before = pages.snapshot(scope)
        button.click()
        after = pages.wait_for_change(page, lambda: pages.snapshot(scope), before)
        if button.inner_text().strip() == "Pause":
            button.click()
            pages.wait_kernel_idle(page)
        if after != before:
            return True, f"click on {text!r}"
        notes.append(f"click on {text!r} changed nothing shown")
    return False, "; ".join(notes)


@pytest.fixture(scope="session")
def lite_server():
    why = lite.missing_site()
    if why:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    catalog.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = lite.LiteServer(lite.SITE, catalog.ARTIFACTS / "lite-static-server.log").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def outside(lite_server, browser_context):
    """A browser context for the lite edition and the record of outside requests it made."""
    context = browser_context.browser.new_context(viewport=pages.VIEWPORT, **lite.context_options())
    context.set_default_timeout(30_000)
    context.add_init_script(path=str(catalog.REPO / "tests" / "browser" / "page.js"))
    record = lite.OutsideRequests(lite_server)
    record.attach(context)
    record.context = context
    try:
        yield record
    finally:
        context.close()


@pytest.fixture(scope="session")
def _lite_holder(lite_server, outside):
    holder = AppPage(outside.context, lite_server)
    try:
        yield holder
    finally:
        holder.discard()


@pytest.fixture(scope="session")
def lite_notebook(request, lite_server, _lite_holder):
    """A notebook open in the lite edition's JupyterLab after "Run All" (indirect param)."""
    # Python in WebAssembly is several times slower: 08's training runs take minutes here
    run_timeout, pages.RUN_TIMEOUT = pages.RUN_TIMEOUT, LITE_RUN_TIMEOUT
    try:
        opened = _opened(request, lite_server, _lite_holder, "lite")
    finally:
        pages.RUN_TIMEOUT = run_timeout
    try:
        yield opened
    finally:
        _lite_holder.discard()


def test_outside_requests_are_caught(lite_server, outside):
    """A planted request from the page and one from the kernel's worker are both recorded."""
    page = outside.context.new_page()
    try:
        page.goto(lite_server.url())
        page.wait_for_function("courseTest.ready()", timeout=pages.OPEN_TIMEOUT)
        page.evaluate(f"fetch('{PLANTED}?from=page').catch(() => null)")
        worker = "new Worker(URL.createObjectURL(new Blob([`fetch('{}').catch(() => 0)`])))"
        page.evaluate(worker.format(f"{PLANTED}?from=worker"))
        page.wait_for_timeout(1500)
    finally:
        page.close()
    planted = [u for u in outside.urls if u.startswith(PLANTED)]
    outside.urls[:] = [u for u in outside.urls if not u.startswith(PLANTED)]
    assert any("from=page" in u for u in planted), planted
    assert any("from=worker" in u for u in planted), planted
    assert not outside.urls, f"requests to other hosts: {outside.urls}"


@pytest.mark.parametrize("lite_notebook", catalog.COURSE, indirect=True, ids=catalog.short)
def test_lite_notebook_runs_clean(lite_notebook, outside):
    """Run All clean (no error, no stderr, every cell run), widgets rendered and answering a
    control, checkers' feedback shown, no request to another host."""
    opened = lite_notebook
    res = opened.require_run()
    problems = pages.run_problems(res)
    page, info = opened.page, catalog.INFO[opened.name]
    if info["widgets"] and not res["found"]["widgets"]:
        problems.append("it shows widgets in JupyterLab, but none rendered here")
    if info["widgets"] and res["found"]["widgets"]:
        answered = []
        areas = page.locator(".jp-Notebook .jp-CodeCell .jp-Cell-outputArea")
        scopes = [a for a in areas.all() if a.locator(".jupyter-widgets").count()]
        for scope in scopes[:4]:
            # lite's JupyterLab (4.3) keeps the plain arrows in command mode: Shift+arrows
            ok, how = pages.try_slider(page, scope, pages.SHIFT_ARROWS)
            if not ok:
                ok, how = _try_click(page, scope)
            answered.append((ok, how))
            if ok:
                break
        if not any(ok for ok, _ in answered):
            problems.append(f"no widget answered a control: {answered}")
    if _checks(opened.name):
        text = page.locator(".jp-Notebook .jp-OutputArea-output").all_inner_texts()
        if not any(FEEDBACK.search(t) for t in text):
            problems.append("no checker printed feedback (Well done! / Not yet.)")
    assert not problems, f"{opened.name} in lite: " + "\n".join(problems) + f"\n{opened.where()}"
    assert not outside.urls, f"{opened.name}: requests to other hosts: {outside.urls}"


@pytest.mark.parametrize(
    "lite_notebook", catalog.with_key("playground", False), indirect=True, ids=catalog.short
)
def test_lite_playground_plays_and_pauses(lite_notebook, outside):
    """Play: the output picture keeps changing (>= 10 visible updates/s, a guard; the figure
    is benchmarks/lite.py's; on a machine so busy that the page paints fewer than 20 frames a
    second, half of them); Pause: it stops."""
    from test_playground_live import COUNT_FRAMES

    page = lite_notebook.page
    lite_notebook.require_run()
    pages.wait_kernel_idle(page)
    root = page.locator(".jp-Notebook .course-playground").first.element_handle()
    page.bring_to_front()
    root.scroll_into_view_if_needed()
    root.query_selector("button:has-text('Play')").click()
    page.wait_for_timeout(1000)
    playing = page.evaluate(COUNT_FRAMES, [root, 3.0])
    root.query_selector("button:has-text('Pause')").click()
    page.wait_for_timeout(1000)
    paused = page.evaluate(COUNT_FRAMES, [root, 1.5])
    updates, paints = playing["changes"] / 3.0, playing["frames"] / 3.0
    print(f"\nlite playground: {updates:.1f} visible updates/s ({paints:.0f} paints/s)")
    # A guard, not the goal (>= 20/s, benchmarks/lite.py): 10/s, or half the page's own paints
    # when a starved machine paints it fewer than 20 times a second.
    assert updates >= min(10.0, paints / 2), playing
    assert paused["changes"] == 0, f"the picture still changed after Pause: {paused}"
    assert not outside.urls, f"requests to other hosts: {outside.urls}"


@pytest.mark.parametrize(
    "lite_notebook", catalog.with_key("digit_pad", False), indirect=True, ids=catalog.short
)
def test_lite_digit_pad_predicts(lite_notebook, outside):
    """Drawing a stroke on the digit pad changes the prediction, in the browser's Python."""
    page = lite_notebook.page
    pad, cells, prediction = the_pad(lite_notebook)
    before = clear(page, pad, prediction, keyboard=False)
    for i in STROKE:
        cells.nth(i).click()
        page.wait_for_timeout(50)
    after = pages.wait_for_change(page, lambda: pages.snapshot(prediction), before)
    check_drawn(lite_notebook, prediction, before, after, "lite")
    assert not outside.urls, f"requests to other hosts: {outside.urls}"


SAVE_IN_KERNEL = """async (code) => {
  const kernel = jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({ code });
  const errors = [];
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'error') errors.push(msg.content.evalue);
  };
  await future.done;
  const listing = await jupyterapp.serviceManager.contents.get('');
  return { errors, names: listing.content.map((item) => item.name) };
}"""


@pytest.mark.parametrize(
    "lite_notebook", catalog.with_key("digit_pad", False), indirect=True, ids=catalog.short
)
def test_lite_network_save_shows_in_the_file_browser(lite_notebook, outside):
    """``Network.save`` with a plain file name writes into the browser's storage, where the
    lite file browser lists it, and ``Network.load`` reads it back."""
    lite_notebook.require_run()
    code = (
        "import helpers\n"
        "_net = helpers.Network([2, 3, 2])\n"
        "_net.save('lite_saved_network.npz')\n"
        "assert list(helpers.Network.load('lite_saved_network.npz').sizes) == [2, 3, 2]\n"
    )
    got = lite_notebook.page.evaluate(SAVE_IN_KERNEL, code)
    assert not got["errors"], got["errors"]
    assert "lite_saved_network.npz" in got["names"], got["names"]
    assert not outside.urls, f"requests to other hosts: {outside.urls}"
