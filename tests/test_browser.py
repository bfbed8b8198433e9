"""Real-browser tests: the notebooks as the web application a student uses.

One JupyterLab server (serving a temporary copy of ``notebooks/``) and one headless Debian
Chromium (driven by Playwright, never ``playwright install``) per module.  For every notebook:

* ``test_notebook_runs_clean``: it opens, "Run All" finishes, every code cell has an execution
  count, and the page shows no error and no stderr output;
* ``test_widgets_respond``: in a notebook with live widgets, moving a slider with the keyboard
  (or clicking a button) changes what the widget shows;
* ``test_playground`` / ``test_digit_pad``: Play advances the epoch counter and changes the loss
  curve; clicking digit-pad cells changes the prediction.

A small self-test notebook (plain ipywidgets, written into the temporary copy only) runs
through the same checks, so the harness itself is known to work.

Screenshots of every notebook page go to ``test-artifacts/browser/<name>.png`` (and the
server log to ``test-artifacts/browser/jupyter-server.log``).

Without Chromium or Playwright the module is skipped, except under ``CI=true`` where that is
a failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# BROWSER_TESTS_NOTEBOOKS: another folder of notebooks (for debugging this harness)
NOTEBOOKS = Path(os.environ.get("BROWSER_TESTS_NOTEBOOKS") or REPO / "notebooks")
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
SELFTEST = "_browser_selftest.ipynb"  # written into the temporary copy only

SERVER_START_TIMEOUT = 60  # s
OPEN_TIMEOUT = 60_000  # ms: Lab loaded, notebook open, kernel ready
RUN_TIMEOUT = 90_000  # ms: "Run All" finished (each notebook runs in < 10 s)
CHANGE_TIMEOUT = 15_000  # ms: a widget shows a change after an interaction

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None
    PlaywrightError = Exception


def _browser_missing() -> str | None:
    if sync_playwright is None:
        return "the Python package 'playwright' is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium; never 'playwright install')"
        )
    return None


pytestmark = [pytest.mark.browser, pytest.mark.slow]

MISSING = _browser_missing()
if MISSING and not IN_CI:
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)


# --------------------------------------------------------------------------------------------
# What the notebooks contain (read at collection time)
# --------------------------------------------------------------------------------------------

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_SOURCE = re.compile(
    r"helpers\.widgets|ipywidgets|\binteract(ive_output|ive)?\s*\(|widgets\."
)
# helpers.widgets.playground(...) and helpers.widgets.digit_pad(...)
PLAYGROUND_CALL = re.compile(r"(?:^|[^\w.]|\bwidgets\.)playground\s*\(", re.MULTILINE)
DIGIT_PAD_CALL = re.compile(r"(?:^|[^\w.]|\bwidgets\.)digit_pad\s*\(", re.MULTILINE)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_info(path: Path) -> dict:
    """Which live widgets a notebook's JSON says it shows."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # reported when Lab fails to open it, not at collection
        return {"widgets": False, "playground": False, "digit_pad": False}
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    widgets = False
    for cell in code:
        src = _source(cell)
        tags = cell.get("metadata", {}).get("tags", [])
        ignored = "nbval-ignore-output" in tags or "NBVAL_IGNORE_OUTPUT" in src
        if ignored and WIDGET_SOURCE.search(src):
            widgets = True
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                widgets = True
    sources = "\n".join(_source(c) for c in code)
    return {
        "widgets": widgets,
        "playground": bool(PLAYGROUND_CALL.search(sources)),
        "digit_pad": bool(DIGIT_PAD_CALL.search(sources)),
    }


NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
INFO = {p.name: notebook_info(p) for p in NOTEBOOK_PATHS}
INFO[SELFTEST] = {"widgets": True, "playground": True, "digit_pad": True}
ALL_NAMES = [p.name for p in NOTEBOOK_PATHS] + [SELFTEST]
WIDGETS_MODULE = REPO / "helpers" / "widgets.py"


def _id(name: str) -> str:
    return "harness-selftest" if name == SELFTEST else name.removesuffix(".ipynb")


def _not_landed_param(what: str) -> pytest.param:
    reason = (
        f"no notebook in notebooks/ calls the {what} yet "
        f"(helpers/widgets.py {'exists' if WIDGETS_MODULE.exists() else 'has not landed'}); "
        "re-run once it is embedded"
    )
    return pytest.param(None, id="not-landed", marks=pytest.mark.skip(reason=reason))


def _params_for(key: str, what: str) -> list:
    real = [n for n in ALL_NAMES if n != SELFTEST and INFO[n][key]]
    params = [pytest.param(n, id=_id(n)) for n in real] or [_not_landed_param(what)]
    return params + [pytest.param(SELFTEST, id=_id(SELFTEST))]


# --------------------------------------------------------------------------------------------
# The self-test notebook (plain ipywidgets; mimics the course widgets' CSS conventions)
# --------------------------------------------------------------------------------------------

_SELFTEST_CELLS = [
    "import ipywidgets as widgets\n"
    "import matplotlib.pyplot as plt\n"
    "import numpy as np\n"
    "from IPython.display import display",
    # an IntSlider + interactive_output drawing a matplotlib figure
    "def draw(k):\n"
    "    x = np.linspace(0, 2 * np.pi, 200)\n"
    "    fig, ax = plt.subplots(figsize=(4, 2.5))\n"
    "    ax.plot(x, np.sin(k * x))\n"
    "    ax.set_title(f'sin({k} x)')\n"
    "    plt.show()\n"
    "\n"
    "k = widgets.IntSlider(value=1, min=1, max=5, description='k')\n"
    "box = widgets.VBox([k, widgets.interactive_output(draw, {'k': k})])\n"
    "box.add_class('course-widget')\n"
    "display(box)",
    # a Button, not inside a .course-widget (exercises the fallback scope)
    "label = widgets.Label('clicked 0 times')\n"
    "button = widgets.Button(description='Click me')\n"
    "def on_click(_):\n"
    "    on_click.n += 1\n"
    "    label.value = f'clicked {on_click.n} times'\n"
    "on_click.n = 0\n"
    "button.on_click(on_click)\n"
    "display(widgets.HBox([button, label]))",
    # a fake playground: Play/Pause/Step/Reset, .playground-epoch, .playground-curve
    "import threading, time\n"
    "\n"
    "class FakePlayground:\n"
    "    def __init__(self):\n"
    "        self.epoch, self.losses, self.playing = 0, [], False\n"
    "        self.epoch_html = widgets.HTML().add_class('playground-epoch')\n"
    "        self.curve = widgets.HTML().add_class('playground-curve')\n"
    "        names = ('Play', 'Pause', 'Step', 'Reset')\n"
    "        buttons = [widgets.Button(description=d) for d in names]\n"
    "        for b, f in zip(buttons, (self.play, self.pause, self.step, self.reset)):\n"
    "            b.on_click(lambda _, f=f: f())\n"
    "        self.noise = noise = widgets.IntSlider(value=10, min=0, max=50, description='noise')\n"
    "        self.box = widgets.VBox([widgets.HBox(buttons), noise, self.epoch_html, self.curve])\n"
    "        self.box.add_class('course-widget').add_class('course-playground')\n"
    "        noise.observe(lambda _: self.reset(), 'value')\n"
    "        self.show()\n"
    "    def show(self):\n"
    "        self.epoch_html.value = f'Epoch {self.epoch:,} (noise {self.noise.value} %)'\n"
    "        self.curve.value = ' '.join(f'{v:.3f}' for v in self.losses[-8:]) or '(no loss yet)'\n"
    "    def step(self):\n"
    "        self.epoch += 1\n"
    "        self.losses.append(1 / self.epoch)\n"
    "        self.show()\n"
    "    def loop(self):\n"
    "        while self.playing:\n"
    "            self.step()\n"
    "            time.sleep(0.1)\n"
    "    def play(self):\n"
    "        if not self.playing:\n"
    "            self.playing = True\n"
    "            threading.Thread(target=self.loop, daemon=True).start()\n"
    "    def pause(self):\n"
    "        self.playing = False\n"
    "    def reset(self):\n"
    "        self.playing = False\n"
    "        time.sleep(0.2)\n"
    "        self.epoch, self.losses = 0, []\n"
    "        self.show()\n"
    "\n"
    "display(FakePlayground().box)",
    # a fake digit pad: 64 .digit-pad-cell buttons, a Clear button and a .digit-pad-prediction
    "pixels = np.zeros(64)\n"
    "prediction = widgets.HTML('predicted: 0 (p = 1.00)').add_class('digit-pad-prediction')\n"
    "def toggle(i):\n"
    "    pixels[i] = 1 - pixels[i]\n"
    "    cells[i].style.button_color = 'black' if pixels[i] else 'white'\n"
    "    digit = int(pixels.sum()) % 10\n"
    "    prediction.value = f'predicted: {digit} (p = {1 / (1 + pixels.sum()):.2f})'\n"
    "cells = []\n"
    "for i in range(64):\n"
    "    b = widgets.Button(layout=widgets.Layout(width='24px', height='24px'))\n"
    "    b.add_class('digit-pad-cell')\n"
    "    b.on_click(lambda _, i=i: toggle(i))\n"
    "    cells.append(b)\n"
    "columns = widgets.Layout(grid_template_columns='repeat(8, 26px)')\n"
    "grid = widgets.GridBox(cells, layout=columns)\n"
    "def clear(_):\n"
    "    for i in np.flatnonzero(pixels):\n"
    "        toggle(i)\n"
    "    prediction.value = 'predicted: nothing yet'\n"
    "clear_button = widgets.Button(description='Clear')\n"
    "clear_button.on_click(clear)\n"
    "pad = widgets.VBox([grid, clear_button, prediction])\n"
    "pad.add_class('course-widget').add_class('course-digit-pad')\n"
    "display(pad)",
]


def write_selftest(directory: Path) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Browser-test harness self-test"}
    ]
    for src in _SELFTEST_CELLS:
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {"tags": ["nbval-ignore-output"]},
                "outputs": [],
                "source": src,
            }
        )
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (directory / SELFTEST).write_text(json.dumps(nb, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    root: Path
    port: int
    token: str
    proc: subprocess.Popen
    log_path: Path
    children: set = field(default_factory=set)
    closing: list = field(default_factory=list)  # threads shutting kernels down

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        return "\n".join(lines[-n:])

    def shutdown_sessions(self, path: str | None = None) -> None:
        """Shut down the kernels of `path` (all sessions when None) via the REST API."""
        try:
            sessions = self.api("GET", "/api/sessions")
        except (urllib.error.URLError, OSError):
            return
        for s in sessions or []:
            if path is None or s.get("path") == path:
                try:
                    self.api("DELETE", f"/api/sessions/{s['id']}", timeout=20)
                except (urllib.error.URLError, OSError):
                    pass

    def shutdown_sessions_soon(self, path: str) -> None:
        """Like shutdown_sessions, in the background (a kernel takes a second or two to stop)."""
        thread = threading.Thread(target=self.shutdown_sessions, args=(path,), daemon=True)
        thread.start()
        self.closing.append(thread)

    def remember_children(self) -> None:
        try:
            import psutil

            self.children |= {c.pid for c in psutil.Process(self.proc.pid).children(True)}
        except Exception:  # psutil missing or the process is gone
            pass

    def stop(self) -> None:
        for thread in self.closing:
            thread.join(timeout=30)
        self.remember_children()
        self.shutdown_sessions()
        if self.proc.poll() is None:
            try:
                self.api("POST", "/api/shutdown", timeout=5)
            except (urllib.error.URLError, OSError):
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        try:  # the process group is gone; kernels live in sessions of their own
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for pid in self.children:  # kernels the API did not shut down
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _write_user_settings(settings: Path) -> None:
    files = {
        # no "Jupyter news" / update toast over the page
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # every cell attached to the DOM (prompts, outputs and widgets of all cells queryable)
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for rel, value in files.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


def start_lab(root: Path, work: Path) -> LabServer:
    settings, workspaces, home = work / "settings", work / "workspaces", work / "home"
    for d in (settings, workspaces, home / "config", home / "runtime", home / "ipython"):
        d.mkdir(parents=True, exist_ok=True)
    _write_user_settings(settings)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),  # no user config from ~/.jupyter
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, as for a student
    token = secrets.token_hex(16)
    last_error = ""
    for attempt in range(3):
        port = _free_port()
        log_path = ARTIFACTS / "jupyter-server.log"
        log = open(log_path, "w")  # noqa: SIM115 - closed by the process's exit
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={workspaces}",
        ]
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        server = LabServer(root, port, token, proc, log_path)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                server.api("GET", "/api/status", timeout=2)
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.3)
        last_error = f"attempt {attempt + 1} (port {port}):\n{server.log_tail()}"
        server.stop()
    raise RuntimeError(f"JupyterLab did not start.\n{last_error}")


# --------------------------------------------------------------------------------------------
# JavaScript run in the page (window.jupyterapp exists with expose_app_in_browser)
# --------------------------------------------------------------------------------------------

JS_LAB_READY = """async () => {
  if (!window.jupyterapp) return false;
  await window.jupyterapp.restored;
  window.jupyterapp.shell.collapseLeft();  // more room for the notebook in screenshots
  return true;
}"""

JS_OPEN = """async (path) => {
  const w = await window.jupyterapp.commands.execute('docmanager:open', {path});
  window.__courseNb = w;
  window.__courseRun = null;
  return !!(w && w.content && w.sessionContext);
}"""

JS_CLOSE = """() => {
  const w = window.__courseNb;
  window.__courseNb = null;
  if (w && !w.isDisposed) {
    w.context.model.dirty = false;  // no "save changes?" dialog
    w.dispose();
  }
}"""

JS_PREPARE = """async () => {
  const nb = window.__courseNb;
  await nb.context.ready;
  await nb.sessionContext.ready;
  window.jupyterapp.shell.activateById(nb.id);
  await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
  const left = nb.content.widgets.filter(
    c => c.model.type === 'code' && (c.model.executionCount || c.model.outputs.length));
  return left.length;
}"""

JS_KERNEL_IDLE = """() => {
  const nb = window.__courseNb;
  const k = nb && nb.sessionContext.session && nb.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""

JS_RUN_ALL = """() => {
  window.__courseRun = {done: false};
  window.jupyterapp.shell.activateById(window.__courseNb.id);
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    r => { window.__courseRun = {done: true, result: String(r)}; },
    e => { window.__courseRun = {done: true, error: String(e)}; });
}"""

JS_RUN_FINISHED = """() => {
  const nb = window.__courseNb;
  if (!window.__courseRun || !window.__courseRun.done) return false;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const prompts = [...nb.content.node.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  return !prompts.some(p => p.textContent.includes('*'));
}"""

JS_RESULTS = """() => {
  const nb = window.__courseNb;
  const cells = nb.content.widgets;
  const index = el => cells.findIndex(c => c.node.contains(el));
  const code = [];
  const errors = [];
  cells.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    code.push({
      index: i,
      count: cell.model.executionCount,
      prompt: prompt ? prompt.textContent.trim() : null,
      source: cell.model.sharedModel.getSource().slice(0, 120),
    });
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') {
        errors.push({index: i, text: `${out.ename}: ${out.evalue}`});
      } else if (out.output_type === 'stream' && out.name === 'stderr') {
        const text = Array.isArray(out.text) ? out.text.join('') : out.text;
        errors.push({index: i, text: 'stderr: ' + text.slice(0, 500)});
      }
    }
  });
  const sel = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
  const stderr = [...nb.content.node.querySelectorAll(sel)].map(
    el => ({index: index(el), text: el.textContent.slice(0, 500)}));
  const broken = [...nb.content.node.querySelectorAll('.jp-OutputArea-output')]
    .filter(el => /Error displaying widget|Failed to display|model not found/i.test(
      el.textContent) && !el.closest('.jp-MarkdownCell'))
    .map(el => ({index: index(el), text: el.textContent.slice(0, 300)}));
  const sels = {
    widgets: '.jupyter-widgets, .widget-output, .lm-Widget.jupyter-widgets',
    courseWidgets: '.course-widget',
    playground: '.course-playground',
    digitPad: '.course-digit-pad',
  };
  const found = {};
  for (const [k, s] of Object.entries(sels)) found[k] = nb.content.node.querySelectorAll(s).length;
  return {code, errors, stderr, broken, found, run: window.__courseRun};
}"""

# what a widget shows, without its controls (a moved slider's own readout is no "change")
JS_SNAPSHOT = """(el) => {
  const c = el.cloneNode(true);
  const controls = ['.widget-slider', '.widget-hslider', '.widget-vslider', '.widget-button',
    '.widget-toggle-button', '.widget-toggle-buttons', '.widget-dropdown', '.widget-checkbox',
    '.widget-text', '.widget-textarea', '.widget-radio', '.widget-select', '.widget-play',
    'button', 'input', 'select', 'textarea'];
  c.querySelectorAll(controls.join(',')).forEach(n => n.remove());
  return c.innerHTML;
}"""

JS_NOTEBOOK_HEIGHT = """() => {
  const nb = window.__courseNb;
  const scroller = nb.content.node.querySelector('.jp-WindowedPanel-outer') || nb.content.node;
  const top = scroller.getBoundingClientRect().top;
  return Math.ceil(top + scroller.scrollHeight + 40);
}"""

JS_SCROLL_TOP = """() => {
  const nb = window.__courseNb;
  const scroller = nb.content.node.querySelector('.jp-WindowedPanel-outer') || nb.content.node;
  scroller.scrollTop = 0;
}"""


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if MISSING:  # only reached under CI
        pytest.fail(f"CI=true and the browser tests cannot run: {MISSING}", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    work = tmp_path_factory.mktemp("browser")
    root = work / "notebooks"
    if NOTEBOOKS.is_dir():
        shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    else:
        root.mkdir()
    write_selftest(root)
    server = start_lab(root, work)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser_context(lab):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()
            browser.close()


class LabPage:
    """One browser page with JupyterLab loaded, reused for one notebook after another."""

    def __init__(self, context, lab: LabServer):
        self.context, self.lab = context, lab
        self.page = None
        self.console: list[str] = []

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console.append(f"console error: {msg.text}")

    def get(self):
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            self.page.on("console", self._on_console)
            self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
            self.page.goto(
                f"{self.lab.base}/lab/workspaces/browser-tests?reset&token={self.lab.token}"
            )
            self.page.wait_for_function(JS_LAB_READY, timeout=OPEN_TIMEOUT)
        return self.page

    def discard(self) -> None:
        """Throw the page away (after trouble): the next notebook gets a freshly loaded Lab."""
        if self.page is not None:
            try:
                self.page.close()
            except PlaywrightError:
                pass
        self.page = None


@pytest.fixture(scope="module")
def lab_page(lab, browser_context):
    holder = LabPage(browser_context, lab)
    try:
        yield holder
    finally:
        holder.discard()


@dataclass
class OpenNotebook:
    name: str
    page: object
    lab: LabServer
    screenshot: Path
    results: dict | None = None
    problem: str | None = None  # the run itself did not finish (timeout, Lab error)
    console: list = field(default_factory=list)

    def where(self) -> str:
        return f"screenshot: {self.screenshot}; server log: {self.lab.log_path}"


def save_screenshot(page, path: Path) -> None:
    """Full notebook: grow the viewport to the notebook's height (Lab scrolls internally)."""
    try:
        height = int(page.evaluate(JS_NOTEBOOK_HEIGHT))
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 900), 16000)})
        page.wait_for_timeout(250)  # Lab re-lays out the taller window
        page.evaluate(JS_SCROLL_TOP)
        page.screenshot(path=str(path), full_page=True)
    except PlaywrightError:
        try:
            page.screenshot(path=str(path), full_page=True)
        except PlaywrightError:
            pass
    finally:
        try:
            page.set_viewport_size(VIEWPORT)
        except PlaywrightError:
            pass


@pytest.fixture(scope="module", params=ALL_NAMES, ids=_id)
def notebook(request, lab, lab_page):
    """A notebook opened in Lab with its outputs cleared and "Run All" finished."""
    name = request.param
    lab_page.console.clear()
    opened = OpenNotebook(name, None, lab, ARTIFACTS / f"{_id(name)}.png", console=lab_page.console)
    step = "loading JupyterLab"
    try:
        page = opened.page = lab_page.get()
        step = "opening the notebook"
        assert page.evaluate(JS_OPEN, name), "docmanager:open did not give a notebook panel"
        step = "waiting for the kernel and clearing outputs"
        left = page.evaluate(JS_PREPARE)
        assert left == 0, f"{left} code cells kept outputs/counts after clearing"
        page.wait_for_function(JS_KERNEL_IDLE, timeout=OPEN_TIMEOUT)
        step = "running all cells"
        page.evaluate(JS_RUN_ALL)
        page.wait_for_function(JS_RUN_FINISHED, timeout=RUN_TIMEOUT, polling=200)
        page.wait_for_timeout(500)  # late display messages / widget views
        page.wait_for_function(JS_RUN_FINISHED, timeout=RUN_TIMEOUT, polling=200)
        opened.results = page.evaluate(JS_RESULTS)
    except (PlaywrightError, AssertionError) as exc:
        opened.problem = f"while {step}: {exc}"
        if opened.page is not None:
            try:
                opened.results = page.evaluate(JS_RESULTS)
            except PlaywrightError:
                pass
    if opened.page is not None:
        save_screenshot(opened.page, opened.screenshot)
    try:
        yield opened
    finally:
        lab.remember_children()
        try:
            if opened.problem:
                raise PlaywrightError("discard the page after a problem")
            opened.page.evaluate(JS_CLOSE)
        except (PlaywrightError, AttributeError):
            lab_page.discard()
        lab.shutdown_sessions_soon(name)


def _cells_text(items: list) -> str:
    return "\n".join(f"  cell {it['index']}: {it['text'].strip()[:300]}" for it in items)


def _require_run(nb: OpenNotebook) -> dict:
    if nb.problem or nb.results is None:
        console = "\n".join(nb.console[-10:])
        pytest.fail(
            f"{nb.name}: the notebook did not finish running ({nb.problem}).\n"
            f"{nb.where()}\nbrowser console errors:\n{console}\n"
            f"server log tail:\n{nb.lab.log_tail(20)}",
            pytrace=False,
        )
    return nb.results


# --------------------------------------------------------------------------------------------
# Page helpers for widgets
# --------------------------------------------------------------------------------------------


def wait_kernel_idle(page, timeout: int = CHANGE_TIMEOUT) -> None:
    page.wait_for_function(JS_KERNEL_IDLE, timeout=timeout, polling=100)


def snapshot(locator) -> str:
    return locator.evaluate(JS_SNAPSHOT)


def wait_for_change(page, read, before, timeout: int = CHANGE_TIMEOUT):
    """Poll `read()` until it differs from `before` and stays the same for a moment."""
    deadline = time.monotonic() + timeout / 1000
    now = read()
    while time.monotonic() < deadline:
        if now != before:
            page.wait_for_timeout(300)
            try:
                wait_kernel_idle(page, timeout=5_000)
            except PlaywrightError:
                pass
            settled = read()
            if settled == now and settled != before:
                return settled
            now = settled
            continue
        page.wait_for_timeout(150)
        now = read()
    return now


def widget_scopes(page) -> list:
    """Each `.course-widget`, plus each output area with other live widgets."""
    scopes = list(page.locator(".jp-Notebook .course-widget").all())
    areas = page.locator(".jp-Notebook .jp-CodeCell .jp-Cell-outputArea")
    for area in areas.all():
        if area.locator(".course-widget").count():
            continue
        if area.locator(".jupyter-widgets").count():
            scopes.append(area)
    return scopes


def _describe(scope) -> str:
    cls = scope.get_attribute("class") or ""
    names = [c for c in cls.split() if c.startswith("course-") and c != "course-widget"]
    return names[0] if names else ("course-widget" if "course-widget" in cls else "widget output")


def try_slider(page, scope) -> tuple[bool, str]:
    handles = scope.locator(".noUi-target:not([disabled]) .noUi-handle")
    notes = []
    for i in range(min(handles.count(), 3)):
        handle = handles.nth(i)
        before = snapshot(scope)
        value = handle.get_attribute("aria-valuenow")
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        if handle.get_attribute("aria-valuenow") == value:  # at its maximum
            for _ in range(6):
                page.keyboard.press("ArrowLeft")
        moved = handle.get_attribute("aria-valuenow")
        if moved == value:
            notes.append(f"slider {i} did not move from {value} (disabled?)")
            continue
        after = wait_for_change(page, lambda: snapshot(scope), before)
        if after != before:
            return True, f"slider {i} moved {value} -> {moved}"
        notes.append(f"slider {i} moved {value} -> {moved} but nothing shown changed")
    return False, "; ".join(notes)


def try_button(page, scope) -> tuple[bool, str]:
    buttons = scope.locator("button.jupyter-button:not([disabled])")
    notes = []
    for i in range(min(buttons.count(), 3)):
        button = buttons.nth(i)
        text = button.inner_text().strip()
        before = snapshot(scope)
        button.click()
        after = wait_for_change(page, lambda: snapshot(scope), before)
        if after != before:
            return True, f"button {text!r} clicked"
        notes.append(f"button {text!r} clicked but nothing shown changed")
    return False, "; ".join(notes)


def epoch_number(text: str) -> int | None:
    m = re.search(r"\d[\d,\u202f\u00a0]*", text)
    return int(re.sub(r"\D", "", m.group(0))) if m else None


def button_named(scope, name: str):
    return scope.locator("button").filter(has_text=re.compile(rf"^\s*{name}\s*$"))


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_notebook_runs_clean(notebook):
    """Opens, runs all cells, every code cell executed, no error/stderr output on the page."""
    res = _require_run(notebook)
    problems = []
    run = res.get("run") or {}
    if "error" in run:
        problems.append(f"'Run All' raised {run['error']}")
    # error/stderr outputs of the cells (model), plus any other on the page (e.g. in widgets)
    cells_with_errors = {e["index"] for e in res["errors"]}
    shown = res["errors"] + [e for e in res["stderr"] if e["index"] not in cells_with_errors]
    if shown:
        problems.append("error/stderr output on the page:\n" + _cells_text(shown))
    if res["broken"]:
        problems.append("widgets failed to display:\n" + _cells_text(res["broken"]))
    unrun = [
        c for c in res["code"] if not c["count"] or not re.search(r"\[\d+\]", c["prompt"] or "")
    ]
    if unrun:
        problems.append(
            "code cells not executed:\n"
            + "\n".join(
                f"  cell {c['index']} prompt {c['prompt']!r}: {c['source'][:80]!r}" for c in unrun
            )
        )
    assert not problems, f"{notebook.name}: " + "\n".join(problems) + f"\n{notebook.where()}"


def test_widgets_respond(notebook):
    """In a notebook with live widgets, moving a slider (or clicking a button) changes the view."""
    res = _require_run(notebook)
    info = INFO[notebook.name]
    if not info["widgets"] and not res["found"]["widgets"]:
        pytest.skip(f"{notebook.name} shows no live widgets")
    page = notebook.page
    wait_kernel_idle(page)
    scopes = widget_scopes(page)
    assert scopes, (
        f"{notebook.name}: the notebook shows live widgets (per its JSON) but no widget view was "
        f"rendered on the page.\n{notebook.where()}"
    )
    failures, checked = [], []
    for scope in scopes:
        what = _describe(scope)
        t0 = time.monotonic()
        if scope.locator(".noUi-handle").count():
            ok, how = try_slider(page, scope)
        elif scope.locator("button.jupyter-button").count():
            ok, how = try_button(page, scope)
        else:
            continue  # display-only widget (e.g. an Output with a static figure)
        (checked if ok else failures).append(f"{what}: {how} ({time.monotonic() - t0:.1f} s)")
    shot = ARTIFACTS / f"{_id(notebook.name)}-widgets.png"
    save_screenshot(page, shot)
    assert not failures, (
        f"{notebook.name}: changing a control did not change what is shown:\n  "
        + "\n  ".join(failures)
        + f"\nscreenshot after interaction: {shot}; {notebook.where()}"
    )
    print(f"{notebook.name}: " + "; ".join(checked))  # shown with -rP / on failure
    if not checked:
        pytest.skip(f"{notebook.name}: its widgets have no slider or button to operate")


@pytest.mark.parametrize("notebook", _params_for("playground", "playground"), indirect=True)
def test_playground(notebook):
    """Play advances the epoch counter and changes the loss curve; Pause stops; Reset zeroes."""
    res = _require_run(notebook)
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
    shot = ARTIFACTS / f"{_id(notebook.name)}-playground.png"
    assert epoch.count() and curve.count(), (
        f"{notebook.name}: the playground lacks .playground-epoch or .playground-curve; "
        f"{notebook.where()}"
    )
    play = button_named(pg, "Play")
    assert play.count(), f"{notebook.name}: no 'Play' button in the playground; {notebook.where()}"

    epoch0 = epoch_number(epoch.inner_text())
    curve0 = snapshot(curve)
    play.first.click()
    deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
    epoch1, curve1 = epoch0, curve0
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        epoch1, curve1 = epoch_number(epoch.inner_text()), snapshot(curve)
        if epoch1 is not None and epoch1 > (epoch0 or 0) and curve1 != curve0:
            break
    pause = button_named(pg, "Pause")
    (pause if pause.count() else button_named(pg, "Play")).first.click()  # a toggle shows Pause
    save_screenshot(page, shot)
    assert epoch1 is not None and epoch1 > (epoch0 or 0), (
        f"{notebook.name}: after Play the epoch counter did not advance "
        f"({epoch0!r} -> {epoch1!r}, text {epoch.inner_text()!r}); screenshot: {shot}"
    )
    assert curve1 != curve0, f"{notebook.name}: after Play the loss curve did not change; {shot}"

    page.wait_for_timeout(800)  # let the last running step finish
    wait_kernel_idle(page)
    paused = epoch_number(epoch.inner_text())
    page.wait_for_timeout(1200)
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
        deadline = time.monotonic() + CHANGE_TIMEOUT / 1000
        while epoch_number(epoch.inner_text()) != 0 and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert epoch_number(epoch.inner_text()) == 0, (
            f"{notebook.name}: after 'Reset' the epoch counter reads "
            f"{epoch.inner_text()!r}, not 0; {shot}"
        )


@pytest.mark.parametrize("notebook", _params_for("digit_pad", "digit pad"), indirect=True)
def test_digit_pad(notebook):
    """Clicking cells of the 8x8 pad changes the shown prediction."""
    res = _require_run(notebook)
    page = notebook.page
    if not res["found"]["digitPad"]:
        pytest.fail(
            f"{notebook.name} calls the digit pad but no .course-digit-pad was rendered.\n"
            f"{notebook.where()}",
            pytrace=False,
        )
    wait_kernel_idle(page)
    pad = page.locator(".jp-Notebook .course-digit-pad").first
    pad.scroll_into_view_if_needed()
    cells = pad.locator(".digit-pad-cell")
    prediction = pad.locator(".digit-pad-prediction").first
    shot = ARTIFACTS / f"{_id(notebook.name)}-digit-pad.png"
    assert cells.count() == 64, (
        f"{notebook.name}: the digit pad has {cells.count()} .digit-pad-cell elements, not 64; "
        f"{notebook.where()}"
    )
    assert prediction.count(), f"{notebook.name}: no .digit-pad-prediction; {notebook.where()}"
    clear = pad.locator("button", has_text="Clear")
    assert clear.count(), f"{notebook.name}: the digit pad has no Clear button; {notebook.where()}"
    shown = snapshot(prediction)  # the pad starts with a test digit: start from an empty pad,
    clear.first.click()  # so that the stroke below is the whole drawing
    before = wait_for_change(page, lambda: snapshot(prediction), shown)
    for row in range(1, 7):  # a vertical stroke: something like a "1"
        cells.nth(row * 8 + 4).click()
        page.wait_for_timeout(50)
    after = wait_for_change(page, lambda: snapshot(prediction), before)
    save_screenshot(page, shot)
    assert after != before, (
        f"{notebook.name}: clicking digit-pad cells did not change the prediction "
        f"({prediction.inner_text()!r}); screenshot: {shot}"
    )
    assert re.search(r"\d", prediction.inner_text()), (
        f"{notebook.name}: the prediction shows no digit: {prediction.inner_text()!r}; {shot}"
    )
