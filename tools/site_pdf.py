"""Print the course's one-page HTML edition (Sphinx's ``singlehtml`` build) to a PDF with a
headless Chromium, offline.

    python tools/site_pdf.py SINGLEHTML_DIR OUT.pdf     (CHROMIUM=... to choose the browser)

The folder is served on loopback (127.0.0.1, a free port) for the browser, so MathJax and its
fonts load as they do on the website; Chromium is given time (``--virtual-time-budget``) to
typeset every formula before it prints. Why not LaTeX: see CONTRIBUTING, "The website".
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PAGE = "index.html"


def find_browser() -> str | None:
    """``$CHROMIUM`` or the first Chromium-like browser on the PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def print_pdf(folder: Path, out: Path, browser: str, budget_ms: int = 60_000) -> None:
    """Serve ``folder`` on loopback and print its ``index.html`` to ``out``."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={budget_ms}",
            f"--print-to-pdf={out}",
            url,
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        finally:
            server.shutdown()
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"{browser} wrote no PDF to {out}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/site_pdf.py SINGLEHTML_DIR OUT.pdf", file=sys.stderr)
        return 2
    browser = find_browser()
    if browser is None:
        print(
            "site_pdf: no Chromium found (install Debian's chromium or set CHROMIUM=...)",
            file=sys.stderr,
        )
        return 1
    print_pdf(Path(argv[0]), Path(argv[1]).resolve(), browser)
    print(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
