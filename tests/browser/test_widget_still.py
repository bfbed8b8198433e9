"""A widget cell's saved output, reopened on a fresh kernel, shows its still and says how to get
the live widget back (issue 21); while the widget is live, the still is not shown.

Without this a notebook the student ran and saved, reopened next week, showed only "Error
displaying widget: model not found" where each widget was. A widget is displayed as two outputs
(``helpers/widgets/_still.py``): the live view and a still (a Markdown hint and picture); CSS
in each hides the other one's dead or redundant half.

* live: after Run All the widget is visible and the still is not (``HIDE_STILL``), checked
  before each save below;
* reopened: the notebook is saved, its kernel shut down and the page closed; a new page opens
  it on a new kernel: the hint and the picture (with its alt text) are visible, the error is not
  (``HIDE_DEAD_VIEW``), and axe finds no serious violation in it; running the cell gives the
  live widget again and hides the still.
* untrusted (changed elsewhere after saving): the widget's text line, the hint and the picture
  (the sanitiser keeps them; it drops the CSS).
  Screenshots: test-artifacts/browser/widget-still-reopened-{lab,notebook}.png.

In JupyterLab and in Notebook 7 (the same output area classes), and reopened in the JupyterLite
edition (its stored view stays at "Loading widget...", hidden the same way; needs the built site,
``LITE_SITE`` or ``_build/site``, else skipped).

    python -m pytest tests/browser/test_widget_still.py -s
"""

from __future__ import annotations

import json

import catalog
import pages
import pytest
from test_a11y import FAIL_ON, describe, inject_axe
from test_lite_notebooks import lite_server, outside  # noqa: F401 (fixtures)

NAME = "widget_still_browser_test.ipynb"
UNTRUSTED = "widget_still_untrusted.ipynb"
CELLS = ["from helpers.widgets import perceptron_explorer", "perceptron_explorer()"]

# In the page: what a student sees of the widget cell's outputs.
SEEN = """
() => {
  const nb = window.jupyterapp.shell.currentWidget.content.node;
  const shown = (el) => !!el && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const ERROR = /model not found|Error displaying widget|Loading widget/;
  const outputs = [...nb.querySelectorAll('.jp-OutputArea-child')];
  const still = nb.querySelector('.course-still');
  const img = still && still.querySelector('img');
  return {
    outputs: outputs.length,
    widget: shown(nb.querySelector('.course-widget')),
    still: shown(still),
    hint: shown(nb.querySelector('.course-still-hint'))
      ? nb.querySelector('.course-still-hint').innerText : '',
    picture: shown(img) && img.naturalWidth > 0 ? img.alt : '',
    errorInPage: ERROR.test(nb.textContent),
    errorShown: outputs.some((o) => shown(o) && ERROR.test(o.innerText)),
    text: outputs.filter(shown).map((o) => o.innerText.trim()).join(' | ').slice(0, 300),
  };
}
"""


SERVERS = ["lab", "notebook7"]


@pytest.fixture(params=SERVERS)
def server(request):
    """JupyterLab or Notebook 7 (the same output classes), with the test notebook written
    into its folder."""
    server = request.getfixturevalue(request.param)
    pages.write_notebook(server.root, NAME, CELLS, "still")
    return server


def _open(browser_context, server, name=NAME):
    page = browser_context.new_page()
    page.goto(server.url(name))
    page.wait_for_function("courseTest.ready()", timeout=pages.OPEN_TIMEOUT)
    assert pages.js(page, "open", name), "the notebook did not open"
    page.wait_for_function(
        "async () => { const nb = window.jupyterapp.shell.currentWidget;"
        " await nb.sessionContext.ready; return courseTest.kernelIdle(); }",
        timeout=pages.OPEN_TIMEOUT,
    )
    return page


def _run(page):
    pages.js(page, "runAll")
    page.wait_for_function("courseTest.runFinished()", timeout=pages.RUN_TIMEOUT, polling=200)
    page.wait_for_function("courseTest.outputsSettled()", timeout=pages.RUN_TIMEOUT, polling=250)
    page.wait_for_function("document.querySelector('.jp-Notebook .course-widget') !== null")
    pages.js(page, "frames")
    return page.evaluate(SEEN)


def _assert_live(seen, when):
    assert seen["widget"], f"{when}: no live widget visible: {seen}"
    assert not seen["still"] and not seen["hint"], f"{when}: a still beside the widget: {seen}"
    assert not seen["errorShown"], f"{when}: an error shows: {seen}"


def _reopened(page, server, name="reopened"):
    """What the reopened page shows once the widget renderer gave up on the stored view."""
    if name == "reopened":
        page.wait_for_function(
            "() => /model not found/.test(window.jupyterapp.shell.currentWidget.content.node"
            ".textContent)",
            timeout=pages.OPEN_TIMEOUT,
        )
    else:  # untrusted: no widget renderer, nothing to wait for
        page.wait_for_timeout(2000)
    pages.js(page, "frames")
    page.locator(".jp-Notebook .jp-CodeCell").nth(1).scroll_into_view_if_needed()
    shot = catalog.ARTIFACTS / f"widget-still-{name}-{server.kind}.png"
    page.screenshot(path=str(shot))
    seen = page.evaluate(SEEN)
    print(f"\n{name} in {server.kind} ({shot}): {seen}")
    return seen


def _run_and_save(server, browser_context):
    """Run the notebook (live: the widget shows, its still does not), save it (Jupyter signs it:
    trusted when reopened), close it and shut its kernel down: next week, a new kernel, no
    widget models."""
    page = _open(browser_context, server)
    try:
        _assert_live(_run(page), "after Run All")
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_timeout(500)
    finally:
        page.close()
        server.shutdown_sessions(NAME)


def test_reopened_notebook_shows_the_still_and_how_to_play(server, browser_context, axe_source):
    _run_and_save(server, browser_context)
    page = _open(browser_context, server)
    try:
        seen = _reopened(page, server)
        assert not seen["errorShown"], f"the error shows: {seen}"
        assert seen["still"] and "run this cell" in seen["hint"], f"no hint shown: {seen}"
        assert "decision line" in seen["picture"], f"no picture with its alt text: {seen}"
        inject_axe(page, axe_source)
        bad = [v for v in pages.js(page, "audit")["course"] if v["impact"] in FAIL_ON]
        assert not bad, f"axe on the reopened notebook:\n{describe(bad)}"
        _assert_live(_run(page), "the cell run again")
    finally:
        page.close()
        server.shutdown_sessions(NAME)


@pytest.mark.parametrize("server", ["lab"], indirect=True)  # Notebook 7: the same renderers
def test_untrusted_notebook_shows_the_text_the_hint_and_the_picture(server, browser_context):
    """A saved notebook changed elsewhere (its signature no longer matches: untrusted). The
    sanitiser drops the still's CSS and JupyterLab renders no widget view of an untrusted
    output (its renderer is not safe), so the widget's text line shows; the hint and the picture
    survive sanitising."""
    _run_and_save(server, browser_context)
    nb = json.loads((server.root / NAME).read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = "# changed elsewhere\n" + "".join(nb["cells"][0]["source"])
    (server.root / UNTRUSTED).write_text(json.dumps(nb), encoding="utf-8")
    page = _open(browser_context, server, UNTRUSTED)
    try:
        seen = _reopened(page, server, "untrusted")
        assert not seen["errorInPage"], f"an error: {seen}"
        assert seen["text"].startswith("Perceptron explorer"), f"no widget text: {seen}"
        assert seen["still"] and "run this cell" in seen["hint"], f"no hint shown: {seen}"
        assert "decision line" in seen["picture"], f"no picture with its alt text: {seen}"
    finally:
        page.close()
        server.shutdown_sessions(UNTRUSTED)


LITE_SETUP = "import piplite\nawait piplite.install('mali-intro-neural-networks')"
SAVE_IN_BROWSER = """async (nb) => {
  await window.jupyterapp.restored;
  await window.jupyterapp.serviceManager.contents.save(nb.path,
    {type: 'notebook', format: 'json', content: nb.content});
}"""


def test_reopened_in_jupyterlite(lite_server, outside):  # noqa: F811 (the fixtures)
    """The same in the JupyterLite edition (``_build/site/lite``): run, save (into the
    browser's storage), shut the in-browser kernel down, reload the page (a new kernel), reopen:
    the hint and the picture, no error; no request to another host."""
    from test_lite_notebooks import LITE_RUN_TIMEOUT

    lite_kernel = {"name": "python", "display_name": "Python (Pyodide)"}
    content = pages.notebook_json([LITE_SETUP, *CELLS], "lite", lite_kernel)
    page = outside.context.new_page()
    run_timeout, pages.RUN_TIMEOUT = pages.RUN_TIMEOUT, LITE_RUN_TIMEOUT
    try:
        page.goto(lite_server.url())
        page.wait_for_function("window.jupyterapp !== undefined", timeout=pages.OPEN_TIMEOUT)
        page.evaluate(SAVE_IN_BROWSER, {"path": NAME, "content": content})
        assert pages.js(page, "open", NAME), "the notebook did not open"
        page.wait_for_function("courseTest.kernelIdle()", timeout=LITE_RUN_TIMEOUT)
        _assert_live(_run(page), "after Run All in JupyterLite")
        page.evaluate(
            "async () => { const nb = window.jupyterapp.shell.currentWidget;"
            " await nb.context.save(); await nb.sessionContext.shutdown(); }"
        )
    finally:
        pages.RUN_TIMEOUT = run_timeout
        page.close()
    page = outside.context.new_page()
    try:
        page.goto(lite_server.url(NAME))
        page.wait_for_function("window.jupyterapp !== undefined", timeout=pages.OPEN_TIMEOUT)
        assert pages.js(page, "open", NAME), "the notebook did not reopen"
        page.wait_for_function("courseTest.kernelIdle()", timeout=LITE_RUN_TIMEOUT)
        page.wait_for_timeout(3000)  # the widget manager gives up on the stored view
        pages.js(page, "frames")
        page.locator(".jp-Notebook .jp-CodeCell").nth(2).scroll_into_view_if_needed()
        shot = catalog.ARTIFACTS / "widget-still-reopened-lite.png"
        page.screenshot(path=str(shot))
        seen = page.evaluate(SEEN)
        print(f"\nreopened in JupyterLite ({shot}): {seen}")
        assert not seen["errorShown"], f"the error shows: {seen}"
        assert seen["still"] and "run this cell" in seen["hint"], f"no hint shown: {seen}"
        assert "decision line" in seen["picture"], f"no picture with its alt text: {seen}"
        assert not outside.urls, f"requests to other hosts: {outside.urls}"
    finally:
        page.close()
