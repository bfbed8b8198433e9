"""The course's website in Chromium: offline, on a phone, from the keyboard, with axe.

The site is built once (``bash tools/build_site.sh`` into a temporary folder, or taken from
``$COURSE_SITE_DIR`` if set) and served on loopback (127.0.0.1); every request for another
host is aborted and recorded. On every page:

* ``test_offline_and_every_formula_typeset``: no request leaves loopback, and MathJax typeset
  each formula of the page (its ``mjx-container`` count equals the page's math elements, no
  TeX left as text, no formula a Tab stop unless it scrolls);
* ``test_no_page_wider_than_a_phone``: at 390×844 the document is no wider than the screen;
* ``test_axe_no_serious_violation``: axe-core finds no serious or critical violation, in the
  light and the dark theme;
* ``test_sidebar_opens_on_a_phone_and_collapses_on_a_wide_screen`` (390 and 1280 px);
* ``test_header_controls_show_focus``: every visible control of the header shows a focus ring
  (an outline or a box-shadow of at least 2 px) when reached with Tab, light and dark.

Screenshots (390×844 and 1280×800, light and dark) go to ``test-artifacts/browser/site/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import catalog
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = catalog.ARTIFACTS / "site"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}
THEMES = ("light", "dark")
FAIL_ON = ("serious", "critical")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The site, built here (or the one built in ``$COURSE_SITE_DIR``), served on loopback."""
    if os.environ.get("COURSE_SITE_DIR"):
        out = Path(os.environ["COURSE_SITE_DIR"])
    else:
        out = tmp_path_factory.mktemp("site") / "site"
        env = {**os.environ, "PYTHON": sys.executable}
        env.setdefault("LITE", "0")  # the pages alone: the JupyterLite edition has its own tests
        result = subprocess.run(
            ["bash", str(ROOT / "tools" / "build_site.sh"), str(out)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
        )
        if result.returncode != 0:
            pytest.fail(f"the build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()


def page_names() -> list[str]:
    """The notebooks' pages plus search (what a reader visits)."""
    names = sorted(p.stem + ".html" for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return [*names, "search.html"]


TYPESET = """async () => {
    if (!document.querySelector('.math')) return;
    for (let i = 0; i < 600 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
        await new Promise(resolve => setTimeout(resolve, 100));
    await MathJax.startup.promise;
}"""


class Visit:
    """A browser context at one size and theme whose requests outside loopback are aborted."""

    def __init__(self, browser, viewport: dict, theme: str):
        self.theme, self.outside = theme, []
        self.context = browser.new_context(viewport=viewport, color_scheme=theme)
        self.context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str):
        page = self.context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate(f"document.documentElement.dataset.theme = '{self.theme}'")
        page.evaluate(TYPESET)
        return page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser_context):
    """``visit(viewport, theme)`` -> a :class:`Visit` (closed after the test)."""
    made = []

    def make(viewport: dict, theme: str = "light") -> Visit:
        made.append(Visit(browser_context.browser, viewport, theme))
        return made[-1]

    yield make
    for one in made:
        one.close()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


MATH_COUNT = """() => ({
    math: document.querySelectorAll('span.math, div.math').length,
    typeset: document.querySelectorAll('span.math mjx-container, div.math mjx-container').length,
    rawTex: document.querySelectorAll('span.math:not(:has(mjx-container))').length,
    tabStops: [...document.querySelectorAll('mjx-container')]
        .filter(m => m.tabIndex >= 0 && m.scrollWidth <= m.clientWidth + 1).length,
})"""


@pytest.mark.parametrize("name", page_names())
def test_offline_and_every_formula_typeset(site_url, visit, name):
    base, _ = site_url
    one = visit(WIDE)
    page = one.open(base + name)
    counts = page.evaluate(MATH_COUNT)
    assert counts["typeset"] == counts["math"], f"{name}: formulas left untypeset: {counts}"
    assert counts["rawTex"] == 0 and counts["tabStops"] == 0, counts
    assert not one.outside, f"{name} asked other hosts: {sorted(set(one.outside))[:10]}"


@pytest.mark.parametrize("name", page_names())
def test_no_page_wider_than_a_phone(site_url, visit, name):
    base, _ = site_url
    page = visit(PHONE).open(base + name)
    width = page.evaluate("document.documentElement.scrollWidth")
    if name.startswith(("01_", "06_")):
        shoot(page, f"{name[:-5]}-390-light.png")
    assert width <= PHONE["width"], f"{name} is {width} px wide on a 390 px phone"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", page_names())
def test_axe_no_serious_violation(site_url, visit, axe_source, name, theme):
    base, _ = site_url
    page = visit(WIDE, theme).open(base + name)
    if name.startswith(("01_", "06_")):
        shoot(page, f"{name[:-5]}-1280-{theme}.png")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact:"
        " v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    bad = [v for v in violations if v["impact"] in FAIL_ON]
    assert not bad, f"{name} [{theme}]: " + "; ".join(f"{v['id']} {v['nodes']}" for v in bad)


SIDEBAR = """() => {
    const s = document.getElementById('pst-primary-sidebar');
    const r = s.getBoundingClientRect();
    return {left: Math.round(r.left), right: Math.round(r.right),
            visible: getComputedStyle(s).visibility !== 'hidden' && r.width > 0,
            dialog: !!document.querySelector('#pst-primary-sidebar-modal[open]')};
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_sidebar_opens_on_a_phone_and_collapses_on_a_wide_screen(site_url, visit, theme):
    base, _ = site_url
    phone = visit(PHONE, theme).open(base + "01_perceptron.html")
    before = phone.evaluate(SIDEBAR)
    assert not before["dialog"] and before["right"] <= 0, f"open before the click: {before}"
    phone.locator(".bd-header-article .primary-toggle").click()
    phone.wait_for_function("() => !!document.querySelector('#pst-primary-sidebar-modal[open]')")
    after = phone.evaluate(SIDEBAR)
    shoot(phone, f"nav-open-390-{theme}.png")
    links = phone.locator("#pst-primary-sidebar-modal a.reference.internal")
    assert links.count() >= 9 and links.first.is_visible(), after
    phone.keyboard.press("Escape")
    phone.wait_for_function("() => !document.querySelector('#pst-primary-sidebar-modal[open]')")

    wide = visit(WIDE, theme).open(base + "01_perceptron.html")
    assert wide.evaluate(SIDEBAR)["left"] >= 0 and wide.evaluate(SIDEBAR)["visible"]
    wide.locator(".bd-header-article .primary-toggle").click()
    wide.wait_for_function(
        "() => document.getElementById('pst-primary-sidebar').getBoundingClientRect().right <= 0"
    )
    assert wide.locator(".bd-header-article .primary-toggle").get_attribute("aria-expanded") == (
        "false"
    )
    wide.locator(".bd-header-article .primary-toggle").click()
    wide.wait_for_function(
        "() => document.getElementById('pst-primary-sidebar').getBoundingClientRect().left >= 0"
    )


FOCUS_STYLE = """() => {
    const e = document.activeElement, s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0;
    const shadows = (s.boxShadow.match(/(-?[\\d.]+px)/g) || []).map(parseFloat);
    const spread = s.boxShadow === 'none' ? 0 : Math.max(0, ...shadows.slice(3, 4));
    return {name: e.getAttribute('aria-label') || e.title || e.textContent.trim().slice(0, 30),
            cls: e.className, outline, spread, header: !!e.closest('.bd-header-article')};
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_header_controls_show_focus(site_url, visit, theme, viewport):
    """Tab through the article header (sidebar toggle, launch menu, repository, download,
    full screen, theme, search, contents): each shows an outline or a ring of ≥ 2 px."""
    base, _ = site_url
    page = visit(viewport, theme).open(base + "01_perceptron.html")
    controls = page.locator(".bd-header-article :is(button, a[href]):visible")
    total = controls.count()
    assert total >= 5, f"only {total} header controls"
    controls.first.focus()
    page.keyboard.press("Shift+Tab")
    seen, faint = [], []
    for _ in range(total + 5):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUS_STYLE)
        if not style["header"]:
            if seen:
                break
            continue
        seen.append(style["name"])
        if style["outline"] < 2 and style["spread"] < 2:
            faint.append(style)
    assert len(seen) >= 5, f"Tab reached only {seen}"
    assert not faint, f"no visible focus on: {faint}"


def test_search_ranks_the_lesson_and_shows_its_prose(site_url, visit):
    """ "learning rate": 05 (its heading "The learning rate") first, not 03 (every lesson has
    "What you will learn"; code matched before), and snippets without the header's menus."""
    base, _ = site_url
    page = visit(WIDE).context.new_page()
    page.goto(base + "search.html?q=learning+rate")
    page.wait_for_selector("#search-results li p.context", timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('#search-progress')?.textContent"
        " || document.querySelectorAll('#search-results li').length >= 4"
    )
    results = page.locator("#search-results li")
    assert results.first.locator("a").first.inner_text().startswith("05 ")
    snippets = " ".join(page.locator("#search-results li p.context").all_inner_texts())
    for menu in ("System Settings", "Light Dark", "Launch interactive content"):
        assert menu not in snippets, f"a snippet shows the theme's menu text {menu!r}"
    assert "learning rate" in snippets
