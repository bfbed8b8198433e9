"""The JupyterLite edition for the browser tests and benchmarks/lite.py: the built website
(``_build/site/``, or ``LITE_SITE``) served by a static HTTP server on 127.0.0.1, and a browser
context whose every request to another host is aborted and counted.

:class:`LiteServer` has the parts of :class:`servers.Server` that conftest's notebook fixtures
use (``url``, ``log_path``, ``log_tail``, ``log_size``, ``kernel_events``,
``shutdown_sessions``, ``remember_children``), so the same ``pages.open_and_run`` drives it.
There is no server-side kernel: each page runs Python in its own Web Worker (Pyodide).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("LITE_SITE") or REPO / "_build" / "site")
# Chromium, even if a request escaped the route: every host name but loopback fails to resolve.
NO_OUTSIDE_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
SERVE = """
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json"}
    def log_message(self, *args):
        sys.stderr.write("%s\\n" % (args[0] % args[1:]))
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""


def missing_site() -> str | None:
    """Why the lite edition cannot be tested, or None."""
    if not (SITE / "lite" / "jupyter-lite.json").is_file():
        return f"no JupyterLite edition in {SITE / 'lite'}: run `bash tools/build_site.sh` first"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiteServer:
    """``python -m http.server``-like static server of ``root`` on 127.0.0.1."""

    root: Path
    log_path: Path
    kind: str = "lite"
    port: int = 0
    proc: subprocess.Popen | None = None
    children: set = field(default_factory=set)

    def start(self) -> LiteServer:
        self.port = _free_port()
        with open(self.log_path, "w", encoding="utf-8") as log:
            cmd = [sys.executable, "-c", SERVE, str(self.port), str(self.root)]
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/lite/jupyter-lite.json", timeout=2).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the static server did not start:\n{self.log_tail()}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "") -> str:
        """The lite edition's JupyterLab, opening ``path`` as the site's launch link does."""
        return f"{self.base}/lite/lab/index.html" + (f"?path={path}" if path else "")

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-extension"):
            return True
        return parts.hostname == "127.0.0.1" and parts.port == self.port

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(
                self.log_path.read_text(errors="replace", encoding="utf-8").splitlines()[-n:]
            )
        except OSError:
            return "(no server log)"

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def kernel_events(self, since: int) -> list[str]:
        return []  # the kernel is in the page: no server log of its deaths

    def shutdown_sessions(self, path: str | None = None) -> None:
        pass  # closing the page ends its kernel's worker

    def remember_children(self) -> None:
        pass

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class OutsideRequests:
    """Route every request of a browser context: loopback passes, anything else is aborted
    and recorded (``urls``). Service workers' requests are routed too (see ``context``)."""

    def __init__(self, server: LiteServer):
        self.server = server
        self.urls: list[str] = []

    def attach(self, context) -> None:
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if self.server.is_local(url):
            route.continue_()
        else:
            self.urls.append(url)
            route.abort("blockedbyclient")


def context_options() -> dict:
    """Options of a browser context for the lite edition (its service worker allowed)."""
    return {"service_workers": "allow"}
