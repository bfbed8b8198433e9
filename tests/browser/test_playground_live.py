"""The playground in JupyterLab in Chromium: frames that reach the page, clicks, regression.

A small notebook (written into the server's folder) shows two playgrounds: the default one
(2 hidden layers of 4 and 2 on the circle) and one with 6 hidden layers of 8. The tests

* press Play and count, over 5 s, the frames that reach the page: once per
  ``requestAnimationFrame`` the output picture's heatmap (its PNG address) is read, and every
  change counts (the issue's target is 20 per second for the default network and 10 for the
  big one; the test fails below 10 and 5, a guard against regressions; run with ``-s`` to see
  the figures, which the README quotes);
* time no-retrain controls (show test data, discretise output) and a rebuild (hidden layers)
  from the change in the page to the new picture in the page (targets 50 ms and 150 ms,
  printed), with the course's server extension loaded (jupyter-nodelay/: without it each
  round trip waits up to 40 ms more);
* click a link: its weight appears in the editor; type a new weight: the output changes;
* hover a neuron: its picture takes the output's place;
* switch to regression (the plane), train, and see the loss fall;
* check the layout at 1280 px with the file browser open: data left, network middle, output
  right, nothing cut off.

    python -m pytest tests/browser/test_playground_live.py -s
"""

from __future__ import annotations

import re
import time

import catalog
import pages
import pytest
from pages import CHANGE_TIMEOUT, button_named, js, save_screenshot, wait_kernel_idle

NAME = "playground_browser_test.ipynb"
CELLS = [
    "from helpers.widgets import playground",
    "small = playground()\nsmall",
    "big = playground(hidden=(8, 8, 8, 8, 8, 8))\nbig",
]

# In the page: count the changes of a playground's output heatmap per animation frame.
COUNT_FRAMES = """
async ([root, seconds]) => {
  const read = () => {
    const img = root.querySelector('.playground-output image');
    return img ? img.getAttribute('href') : '';
  };
  let last = read(), changes = 0, frames = 0;
  const end = performance.now() + seconds * 1000;
  await new Promise((done) => {
    const step = () => {
      const now = read();
      frames += 1;
      if (now !== last) { changes += 1; last = now; }
      if (performance.now() < end) requestAnimationFrame(step); else done();
    };
    requestAnimationFrame(step);
  });
  return { changes, frames };
}
"""

# In the page: time from an action to the next change of a selector's markup (its outerHTML:
# its own style too, e.g. a layer shown or hidden).
TIME_CHANGE = """
async ([root, selector, action]) => {
  const el = () => root.querySelector(selector);
  const before = el() ? el().outerHTML : '';
  const start = performance.now();
  if (action.type === 'click') root.querySelector(action.target).click();
  if (action.type === 'text') {
    const input = root.querySelector(action.target);
    input.value = action.value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  while (performance.now() - start < 5000) {
    await new Promise((r) => requestAnimationFrame(r));
    if ((el() ? el().outerHTML : '') !== before) return performance.now() - start;
  }
  return null;
}
"""


@pytest.fixture(scope="session")
def playground_file(lab):
    """The test notebook, written into the server's folder before it is opened."""
    return pages.write_notebook(lab.root, NAME, CELLS, "pg")


def _playgrounds(notebook):
    notebook.require_run()
    page = notebook.page
    wait_kernel_idle(page)
    boxes = page.locator(".jp-Notebook .course-playground")
    assert boxes.count() == 2, f"expected 2 playgrounds, found {boxes.count()}; {notebook.where()}"
    return page, boxes.nth(0).element_handle(), boxes.nth(1).element_handle()


def _play_and_count(page, root, seconds=5.0):
    # Chromium paints a page that is not in front about once a second (other tests' pages may be
    # open in the same browser): bring this one to the front, or the count measures throttling.
    page.bring_to_front()
    root.scroll_into_view_if_needed()
    play = root.query_selector("button:has-text('Play')")
    play.click()
    page.wait_for_timeout(600)  # a warm-up window: the clock's first frames are not counted
    result = page.evaluate(COUNT_FRAMES, [root, seconds])
    pause = root.query_selector("button:has-text('Pause')")
    (pause or play).click()
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000  # paused: the button says Play again
    while time.monotonic() < deadline and not root.query_selector("button:has-text('Play')"):
        page.wait_for_timeout(100)
    wait_kernel_idle(page)
    return result["changes"] / seconds, result["frames"] / seconds


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_updates_per_second_while_playing(playground_file, notebook):
    """Frames reach the page while playing, for both networks (printed per second; the speed
    targets, >= 20/s and >= 10/s, are benchmarks/browser.py's, not this test's: a timed test
    fails on a busy machine)."""
    page, small, big = _playgrounds(notebook)
    rates = {}
    for name, root in (("default (4, 2)", small), ("6 hidden layers of 8", big)):
        rates[name] = _play_and_count(page, root)
    for name, (updates, paints) in rates.items():
        print(f"\nplayground {name}: {updates:.1f} visible updates/s ({paints:.0f} paints/s)")
    save_screenshot(page, catalog.ARTIFACTS / "playground-playing.png")
    assert rates["default (4, 2)"][0] >= 1, rates  # the picture changes while playing
    assert rates["6 hidden layers of 8"][0] >= 1, rates
    for name, root in (("default (4, 2)", small), ("6 hidden layers of 8", big)):
        _network_is_visible(page, root, name)


def _network_is_visible(page, root, name):
    """The neurons' heatmaps and the links show in the page (not hidden under the click
    overlay): a good part of the network's picture is coloured (orange or blue), as painted."""
    import numpy as np
    from PIL import Image

    network = root.query_selector(".playground-network")
    network.scroll_into_view_if_needed()
    shot = catalog.ARTIFACTS / f"playground-network-{name.split()[0]}.png"
    network.screenshot(path=str(shot))
    rgb = np.asarray(Image.open(shot).convert("RGB"), dtype=int)
    coloured = float(np.mean(rgb.max(axis=2) - rgb.min(axis=2) > 60))
    assert coloured > 0.08, (
        f"playground {name}: only {coloured:.1%} of the network picture is coloured: the "
        f"neurons' heatmaps and the links do not show; screenshot: {shot}"
    )


def _mark(handle, mark):
    handle.evaluate("(el, mark) => { el.dataset.pgTarget = mark; }", mark)
    return f"input[data-pg-target='{mark}']"


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_control_to_picture(playground_file, notebook):
    """Time from a control change in the page to the new picture in the page (printed):
    show test data and discretise output (no retraining), hidden layers (a new network)."""
    log = notebook.server.log_path.read_text(errors="replace", encoding="utf-8")
    assert "course_jupyter_nodelay: kernel WebSockets send without" in log, (
        "the course's Jupyter server extension (jupyter-nodelay/) did not load: install the "
        "course with `pip install -r requirements.txt`; without it every widget round trip "
        f"waits up to 40 ms more (Nagle's algorithm). Server log: {notebook.server.log_path}"
    )
    page, small, _ = _playgrounds(notebook)
    small.scroll_into_view_if_needed()
    boxes = {
        b.evaluate("(el) => el.parentElement.textContent.trim()"): b
        for b in small.query_selector_all(".widget-checkbox input")
    }
    timings = {}
    for label, picture in (
        ("show test data", ".playground-test-points"),
        ("discretise output", ".playground-output"),
    ):
        target = _mark(boxes[label], label[:4])
        timings[label] = []
        for _ in range(4):
            action = {"type": "click", "target": target}
            timings[label].append(page.evaluate(TIME_CHANGE, [small, picture, action]))
            wait_kernel_idle(page)
    target = _mark(small.query_selector(".playground-hidden input"), "h")
    timings["hidden layers"] = []
    for value in ("3, 2", "4, 2", "5", "4, 2"):
        action = {"type": "text", "target": target, "value": value}
        timings["hidden layers"].append(
            page.evaluate(TIME_CHANGE, [small, ".playground-network", action])
        )
        wait_kernel_idle(page)
    for label, times in timings.items():
        target = 150 if label == "hidden layers" else 50
        shown = [round(t) for t in times if t is not None]
        print(f"\n{label} → picture: {shown} ms (target {target})")
    assert all(t is not None for times in timings.values() for t in times), timings


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_click_a_link_and_edit_its_weight(playground_file, notebook):
    """A click on a link shows its weight; a typed weight changes the output picture."""
    page, small, _ = _playgrounds(notebook)
    small.scroll_into_view_if_needed()
    link = small.query_selector(".playground-overlay line[data-pick='w 1 0 0']")
    assert link, "no link w 1 0 0 in the network picture"
    link.click(force=True)
    small = notebook.page.locator(".jp-Notebook .course-playground").first
    label = small.locator("text=/from input/")
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    while time.monotonic() < deadline and not label.count():
        page.wait_for_timeout(100)
    assert label.count(), "clicking a link did not show which weight it is"
    weight = small.locator(".playground-weight input").first
    assert re.match(r"-?\d", weight.input_value()), "no weight value shown"
    image = small.locator(".playground-output image").first
    before = image.get_attribute("href")
    weight.fill("-4")
    weight.press("Enter")
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    after = before
    while time.monotonic() < deadline and after == before:
        page.wait_for_timeout(100)
        after = image.get_attribute("href")
    assert after != before, "editing the weight did not change the output picture"


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_hover_and_click_a_neuron_show_it_large(playground_file, notebook):
    """The mouse over a neuron shows its picture in the output's place; away, the output."""
    page, small, _ = _playgrounds(notebook)
    small.scroll_into_view_if_needed()
    title = small.query_selector(".playground-output-title")
    small.query_selector(".playground-overlay rect[data-pick='n 1 1']").hover()
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    while time.monotonic() < deadline and "layer 1" not in title.inner_text():
        page.wait_for_timeout(100)
    shown = title.inner_text()
    page.mouse.move(5, 5)
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    while time.monotonic() < deadline and "OUTPUT" not in title.inner_text():
        page.wait_for_timeout(100)
    assert "Neuron 2 of layer 1" in shown, shown
    assert "OUTPUT" in title.inner_text()


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_regression_trains(playground_file, notebook):
    """Switch to the plane (regression), press Step a few times: the test loss falls."""
    page, small, _ = _playgrounds(notebook)
    small.scroll_into_view_if_needed()
    select = small.query_selector(".playground-dataset select")
    select.select_option(label="plane (regression)")
    title = small.query_selector(".playground-output-title")
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    while time.monotonic() < deadline and "Epoch <b>0" not in small.inner_html():
        page.wait_for_timeout(100)
    wait_kernel_idle(page)

    def test_loss():
        m = re.search(r"test loss\s*([\d.]+)", title.inner_text())
        return float(m.group(1)) if m else None

    first = test_loss()
    step = button_named(page.locator(".jp-Notebook .course-playground").first, "Step").first
    for _ in range(15):
        step.click()
        page.wait_for_timeout(60)
    wait_kernel_idle(page)
    js(page, "frames")  # the last step's title drawn
    last = test_loss()
    save_screenshot(page, catalog.ARTIFACTS / "playground-regression.png")
    assert first is not None and last is not None and last < first, (first, last)


@pytest.mark.parametrize("notebook", [NAME], indirect=True, ids=catalog.short)
def test_layout_at_1280_with_the_file_browser_open(playground_file, notebook):
    """Data left, network middle, output right (TF order), none cut off, at 1280 px."""
    page, small, _ = _playgrounds(notebook)
    page.evaluate(
        "() => { const s = jupyterapp.shell; s.expandLeft && s.expandLeft();"
        " s.activateById && s.activateById('filebrowser'); }"
    )
    page.locator("#filebrowser").wait_for(state="visible")
    js(page, "frames")  # the notebook re-laid out beside it
    small.scroll_into_view_if_needed()
    boxes = {
        name: small.query_selector(f".playground-{name}").bounding_box()
        for name in ("network", "output", "curve")
    }
    data = small.query_selector(".playground-dataset").bounding_box()
    area = small.bounding_box()
    page.screenshot(path=str(catalog.ARTIFACTS / "playground-1280-file-browser.png"))
    print(f"\nplayground width {area['width']:.0f} px; pictures {boxes}")
    assert data["x"] < boxes["network"]["x"] < boxes["output"]["x"], (data, boxes)
    assert boxes["curve"]["y"] > boxes["output"]["y"]
    right = max(b["x"] + b["width"] for b in boxes.values())
    assert right <= area["x"] + area["width"] + 1, "a picture sticks out of the playground"
    page.evaluate("() => jupyterapp.shell.collapseLeft && jupyterapp.shell.collapseLeft()")
