"""A Jupyter server (``jupyter lab`` or ``jupyter notebook``) for the browser tests.

:func:`start` launches ``python -m jupyterlab`` or ``python -m notebook`` (``python``: the
tests' own, or one given, e.g. a venv's) on a free port of 127.0.0.1 with a random token,
``port_retries=0`` (Jupyter would otherwise move silently to another port), the front-end app
exposed as ``window.jupyterapp``, news and update checks off, every cell attached to the DOM,
and settings/workspaces/config in a temporary folder (nothing of the user's own Jupyter
set-up). It serves ``root``: always a temporary COPY of the
notebooks, because the front end autosaves into what it opened.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 60  # s
# what jupyter_client's KernelRestarter and jupyter_server log when a kernel process ended
# without being shut down (the page then shows "Kernel Restarting ... appears to have died")
KERNEL_DIED = re.compile(r"KernelRestarter|restarted failed|kernel \S+ restarted")

# `kind` -> (module run with `python -m`, the app's traitlets class, URL of a notebook)
KINDS = {
    "lab": ("jupyterlab", "LabApp", "lab/tree/{path}"),
    "notebook": ("notebook", "JupyterNotebookApp", "notebooks/{path}"),
}

USER_SETTINGS = {
    # no "Jupyter news" / update toast over the page
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # every cell attached to the DOM, so that axe and the widget tests see all of them
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@dataclass
class Server:
    """A running Jupyter server; :meth:`url` gives a page's address with the token."""

    kind: str
    root: Path
    port: int
    token: str
    proc: subprocess.Popen
    log_path: Path
    children: set = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "") -> str:
        """Lab: the workspace page (notebooks are opened inside it). Notebook 7: `path`'s page."""
        if self.kind == "lab" or not path:
            return f"{self.base}/lab/workspaces/browser-tests?reset&token={self.token}"
        return f"{self.base}/{KINDS[self.kind][2].format(path=path)}?token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(errors="replace", encoding="utf-8").splitlines()
        except OSError:
            return "(no server log)"
        return "\n".join(lines[-n:])

    def shutdown_sessions(self, path: str | None = None) -> None:
        """Shut down the kernels of `path` (all sessions when None) through the REST API."""
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

    def log_size(self) -> int:
        """How many bytes the server log has now (where :meth:`kernel_events` starts reading)."""
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def kernel_events(self, since: int) -> list[str]:
        """Lines of the server log after byte ``since`` that say a kernel died: the restarter
        restarting it (a kernel process that ended without being shut down) or giving up."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(since)
                lines = log.read().decode(errors="replace").splitlines()
        except OSError:
            return []
        return [line for line in lines if KERNEL_DIED.search(line)]

    def kernel_process(self, kernel_id: str):
        """The process (``psutil.Process``) of the kernel ``kernel_id``, found among the
        server's descendants by the id in its command line (its connection file's name)."""
        import psutil

        for process in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if any(kernel_id in arg for arg in process.cmdline()):
                    return process
            except psutil.Error:  # ended meanwhile, or not ours to read
                continue
        raise LookupError(f"no process of kernel {kernel_id} under the server")

    def remember_children(self) -> None:
        """Note the kernels' process ids, to kill any that the API does not shut down."""
        try:
            import psutil

            self.children |= {c.pid for c in psutil.Process(self.proc.pid).children(True)}
        except Exception:  # psutil missing or the process is gone
            pass

    def stop(self) -> None:
        self.remember_children()
        self.shutdown_sessions()
        if self.proc.poll() is None:
            try:
                self.api("POST", "/api/shutdown", timeout=5)
                self.proc.wait(timeout=10)
            except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        for pid in self.children:  # kernels live in sessions of their own
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _private_environment(work: Path) -> dict:
    """Settings, config and runtime folders of our own (no ~/.jupyter), as a student's default."""
    settings, home = work / "settings", work / "home"
    for d in (settings, work / "workspaces", home / "config", home / "runtime", home / "ipython"):
        d.mkdir(parents=True, exist_ok=True)
    for rel, value in USER_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, as for a student
    return env


def command(
    kind: str, root: Path, work: Path, port: int, token: str, python: str | None = None
) -> list[str]:
    """The server's command line, run by ``python`` (default: the Python running the tests)."""
    module, app, _ = KINDS[kind]
    cmd = [
        python or sys.executable,
        "-m",
        module,
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--{app}.expose_app_in_browser=True",
        f"--{app}.user_settings_dir={work / 'settings'}",
        f"--{app}.workspaces_dir={work / 'workspaces'}",
    ]
    if kind == "lab":
        cmd.append("--LabApp.news_url=None")
    return cmd


def start(kind: str, root: Path, work: Path, log_path: Path, python: str | None = None) -> Server:
    """Start a `kind` ("lab" or "notebook") server on `root`; wait until its API answers.

    ``python`` runs the server, and so its kernels (a venv's interpreter, with JupyterLab and
    ipykernel installed: ``test_reopen.py`` runs the oldest and newest supported Python this
    way); by default the Python running the tests."""
    python = python or sys.executable
    env = _private_environment(work)
    token = secrets.token_hex(16)
    last_error = ""
    for attempt in range(3):  # a free port can be taken between _free_port() and the bind
        port = _free_port()
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.Popen(
                command(kind, root, work, port, token, python),
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(kind, root, port, token, proc, log_path)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                server.api("GET", "/api/status", timeout=2)
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.3)
        last_error = f"attempt {attempt + 1} (port {port}):\n{server.log_tail()}"
        server.stop()
    raise RuntimeError(f"`{python} -m {KINDS[kind][0]}` did not start.\n{last_error}")
