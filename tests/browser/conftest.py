"""Real-browser tests: the notebooks as the web application a student uses.

Everything in ``tests/browser/`` is marked ``browser`` (and ``slow``) and runs only when asked
for (``python -m pytest tests/browser``, a path inside it, ``-m browser``, or
``BROWSER_TESTS=1``): the README's plain ``python -m pytest`` leaves it out, ``.ci/run`` runs it
as a step of its own (it takes several minutes: JupyterLab and Notebook 7 in Chromium).
It needs the Python package ``playwright`` and Debian's ``/usr/bin/chromium`` (never
``playwright install``); without them every test here is skipped with the reason, except under
``CI=true``, where that is a failure. The accessibility audit also needs ``npm ci`` in
``tests/browser/`` (axe-core, pinned in ``package-lock.json``).

Fixtures (all session-scoped: one server, one browser, each notebook run once):

``lab``
    A JupyterLab server (:class:`servers.Server`) on a temporary copy of ``notebooks/`` plus
    the harness's self-test notebook (``selftest.NAME``). ``lab.url()``, ``lab.api(...)``.
``notebook7``
    The same for ``jupyter notebook`` (Notebook 7), on a copy of its own.
``browser_context``
    A Playwright browser context of headless Chromium with ``page.js`` injected into every
    page: ``pages.js(page, "name", ...)`` calls ``courseTest.name(...)`` there.
``new_page``
    (function scope) a fresh page in that context, closed after the test.
``notebook``
    Parametrise it INDIRECTLY with notebook file names; it gives a :class:`pages.OpenNotebook`
    in JupyterLab after clearing the outputs and "Run All" (``.page``, ``.results``,
    ``.require_run()``, ``.where()``). Tests of several modules that ask for the same notebook
    share one run (pytest groups them), so state left by one test (a moved slider) is seen by
    the next; restore what you change that others read (e.g. the theme)::

        @pytest.mark.parametrize("notebook", catalog.with_key("playground"), indirect=True,
                                 ids=catalog.short)
        def test_something(notebook): ...
``notebook7_notebook``
    The same in Notebook 7 (its page ``/notebooks/PATH``).
``axe_source``
    The text of ``axe.min.js`` (skips the test when ``npm ci`` has not been run here).

Each notebook gets a page of its own with the app freshly loaded, closed (and its kernel shut
down) before the next notebook opens; a kernel that died on the way is named at the end.

Screenshots and the servers' logs go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import catalog
import pages
import pytest
import selftest
import servers

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium; never 'playwright install')"
        )
    return None


MISSING = _missing()


def asked_for(config) -> bool:
    """Whether this run asks for the browser tests: a path inside tests/browser on the command
    line, a `-m` expression naming `browser`, or BROWSER_TESTS=1 in the environment."""
    if os.environ.get("BROWSER_TESTS", "").strip().lower() in {"1", "true", "yes"}:
        return True
    if "browser" in (config.option.markexpr or ""):
        return True
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects by marker
def pytest_collection_modifyitems(config, items):
    """Mark every test of this folder `browser` and `slow`; skip them if nothing can run them.

    A plain `python -m pytest` (the README's command) leaves them out (deselected): they take
    minutes and need Chromium. `.ci/run` runs them as a step of their own.
    """
    mine = [item for item in items if HERE in Path(item.path).parents]
    if mine and not asked_for(config):
        config.hook.pytest_deselected(items=mine)
        items[:] = [item for item in items if item not in set(mine)]
        config._browser_left_out = len(mine)
        return
    for item in mine:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.slow)
        if MISSING and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {MISSING}"))


KERNEL_DEATHS: list[str] = []  # server log lines: a kernel ended without being shut down


def pytest_terminal_summary(terminalreporter, config):
    for line in KERNEL_DEATHS:
        terminalreporter.write_line(f"kernel died (server log): {line}", yellow=True)
    left_out = getattr(config, "_browser_left_out", 0)
    if left_out:
        terminalreporter.write_line(
            f"{left_out} browser tests left out (JupyterLab and Notebook 7 in Chromium, several "
            "minutes): run them with `python -m pytest tests/browser`"
        )


def _copy_notebooks(work: Path) -> Path:
    root = work / "notebooks"
    if catalog.NOTEBOOKS.is_dir():
        shutil.copytree(
            catalog.NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    else:
        root.mkdir()
    selftest.write(root)
    return root


def _server(kind: str, tmp_path_factory):
    if MISSING:  # only reached under CI
        pytest.fail(f"CI=true and the browser tests cannot run: {MISSING}", pytrace=False)
    catalog.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = tmp_path_factory.mktemp(f"browser-{kind}")
    root = _copy_notebooks(work)
    log = catalog.ARTIFACTS / f"jupyter-{kind}-server.log"
    return servers.start(kind, root, work, log)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = _server("lab", tmp_path_factory)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def notebook7(tmp_path_factory):
    server = _server("notebook", tmp_path_factory)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser_context():
    if MISSING:
        pytest.fail(f"CI=true and the browser tests cannot run: {MISSING}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport=pages.VIEWPORT)
        context.set_default_timeout(30_000)
        context.add_init_script(path=str(HERE / "page.js"))
        try:
            yield context
        finally:
            context.close()
            browser.close()


@pytest.fixture
def new_page(browser_context):
    page = browser_context.new_page()
    try:
        yield page
    finally:
        page.close()


class AppPage:
    """The browser page of one notebook's tests, with the app loaded (a new one per notebook)."""

    def __init__(self, context, server):
        self.context, self.server = context, server
        self.page = None
        self.console: list[str] = []

    def get(self, path: str = ""):
        """The page, loading the app first if needed (Notebook 7: at `path`)."""
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            self.page.on("console", self._on_console)
            self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
            self.page.goto(self.server.url(path))
            self.page.wait_for_function("courseTest.ready()", timeout=pages.OPEN_TIMEOUT)
        return self.page

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console.append(f"console error: {msg.text}")

    def discard(self) -> None:
        """Throw the page away: the next notebook gets a freshly loaded app."""
        if self.page is not None:
            try:
                self.page.close()
            except pages.PlaywrightError:
                pass
        self.page = None


def _opened(request, server, holder, suffix: str):
    """Open the notebook named by ``request.param`` in ``holder``'s page and Run All."""
    name = request.param
    holder.console.clear()
    shot = catalog.ARTIFACTS / f"{catalog.short(name)}-{suffix}.png"
    opened = pages.OpenNotebook(name, server, screenshot=shot, console=holder.console)
    opened.log_start = server.log_size()
    try:
        opened.page = holder.get(name)
        pages.open_and_run(opened.page, opened)
    except pages.PlaywrightError as exc:
        opened.problem = f"while loading the app: {exc}"
    if opened.page is not None:
        pages.save_screenshot(opened.page, shot)
    return opened


def _close(opened, server, holder) -> None:
    """Throw the page away and shut the notebook's kernel down before the next notebook opens.

    Every notebook gets a freshly loaded app: nothing one leaves on its page (a dialog, the
    focus, a theme) reaches the next. A kernel that died meanwhile is reported (see
    :func:`pytest_terminal_summary`).
    """
    server.remember_children()
    holder.discard()
    server.shutdown_sessions(opened.name)
    for line in server.kernel_events(opened.log_start):
        KERNEL_DEATHS.append(f"{server.kind} {opened.name}: {line.strip()}")


@pytest.fixture(scope="session")
def _lab_holder(lab, browser_context):
    holder = AppPage(browser_context, lab)
    try:
        yield holder
    finally:
        holder.discard()


@pytest.fixture(scope="session")
def _notebook7_holder(notebook7, browser_context):
    holder = AppPage(browser_context, notebook7)
    try:
        yield holder
    finally:
        holder.discard()


@pytest.fixture(scope="session")
def notebook(request, lab, _lab_holder):
    """A notebook open in JupyterLab after "Run All" (parametrise indirectly by file name)."""
    opened = _opened(request, lab, _lab_holder, "lab-light")
    try:
        yield opened
    finally:
        _close(opened, lab, _lab_holder)


@pytest.fixture(scope="session")
def notebook7_notebook(request, notebook7, _notebook7_holder):
    """A notebook open in Notebook 7 after "Run All" (parametrise indirectly by file name)."""
    opened = _opened(request, notebook7, _notebook7_holder, "notebook7")
    try:
        yield opened
    finally:
        _close(opened, notebook7, _notebook7_holder)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        message = f"{AXE} missing: run `npm ci` in {HERE}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")
