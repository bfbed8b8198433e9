"""How fast the JupyterLite edition is, in Chromium, served from loopback (issue 17).

    bash tools/build_site.sh && python benchmarks/lite.py [NOTEBOOK ...]

For each notebook (default: all), in a browser context with an empty cache (a cold start):
the time from opening the launch link to a ready kernel, to the first executed cell (the
setup cell: it installs helpers from the site), and Run All. Then notebook 09's playground:
visible updates per second while playing, counted in the page once per animation frame as
tests/browser/test_playground_live.py does. Every request to another host is aborted and
counted. Goals: 0 outside requests, >= 20 updates/s, cold start <= 15 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import lite_edition as lite  # noqa: E402
import pages  # noqa: E402
from test_playground_live import COUNT_FRAMES  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", lite.NO_OUTSIDE_HOSTS]
FIRST_CELL = """() => { const nb = jupyterapp.shell.currentWidget;
  return nb.content.widgets.some((c) => c.model.type === 'code' && c.model.executionCount); }"""


def cold_page(browser, server, record):
    context = browser.new_context(viewport=pages.VIEWPORT, **lite.context_options())
    context.add_init_script(path=str(REPO / "tests" / "browser" / "page.js"))
    record.attach(context)
    return context, context.new_page()


def measure(browser, server, name: str, record) -> dict:
    """Cold open -> kernel ready, -> first executed cell, Run All (seconds)."""
    context, page = cold_page(browser, server, record)
    try:
        start = time.perf_counter()
        page.goto(server.url(name))
        page.wait_for_function("courseTest.ready()", timeout=120_000)
        assert pages.js(page, "open", name)
        page.wait_for_function("courseTest.kernelIdle()", timeout=120_000, polling=50)
        ready = time.perf_counter() - start
        pages.js(page, "prepare")
        start = time.perf_counter()
        pages.js(page, "runAll")
        page.wait_for_function(FIRST_CELL, timeout=120_000, polling=50)
        first = time.perf_counter() - start
        page.wait_for_function("courseTest.runFinished()", timeout=900_000, polling=200)
        run_all = time.perf_counter() - start
        errors = pages.run_problems(pages.js(page, "results"))
        row = {"ready": ready, "first": first, "run_all": run_all, "problems": errors}
        if "playground" in name:
            row["updates"] = playground_rate(page)
        return row
    finally:
        context.close()


def playground_rate(page, seconds: float = 5.0) -> float:
    root = page.locator(".jp-Notebook .course-playground").first.element_handle()
    page.bring_to_front()
    root.scroll_into_view_if_needed()
    root.query_selector("button:has-text('Play')").click()
    page.wait_for_timeout(1000)
    counted = page.evaluate(COUNT_FRAMES, [root, seconds])
    root.query_selector("button:has-text('Pause')").click()
    return counted["changes"] / seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    why = lite.missing_site()
    if why:
        print(why, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    names = args.notebooks or sorted(p.name for p in (lite.SITE / "lite" / "files").glob("*.ipynb"))
    log = Path(lite.SITE.parent / "lite-benchmark-server.log")
    server = lite.LiteServer(lite.SITE, log).start()
    record = lite.OutsideRequests(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            print(f"{'notebook':34} {'ready s':>8} {'1st cell s':>10} {'Run All s':>10}")
            for name in names:
                row = measure(browser, server, name, record)
                print(
                    f"{name:34} {row['ready']:8.1f} {row['first']:10.1f} {row['run_all']:10.1f}"
                    + (f"   playground {row['updates']:.1f} updates/s" if "updates" in row else "")
                    + (f"   PROBLEMS: {row['problems']}" if row["problems"] else "")
                )
            browser.close()
    finally:
        server.stop()
    print(f"requests to other hosts: {len(record.urls)} {record.urls[:5]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
