"""The playground's figures in a real browser: visible updates per second while playing, and the
time from a click in the page to the new picture in the page (README, "The playground").

    python benchmarks/browser.py [--runs N]

JupyterLab in headless Chromium, through the browser tests' harness (tests/browser/: it needs
Playwright and /usr/bin/chromium). The measurements are the harness's own (one implementation):
``tests/browser/test_playground_live.py::test_updates_per_second_while_playing`` samples the
pictures that reach the page once per animation frame over 5 s, for the default network and for
6 hidden layers of 8; ``::test_control_to_picture`` times "show test data" and "discretise
output" (4 clicks each) and new hidden layers (4 edits). This script runs them ``--runs`` times,
collects what they print, and prints the ranges against the targets (>= 20 and >= 10 updates/s;
<= 50 ms for the two checkboxes, <= 150 ms for new hidden layers) and, as its last line, one
JSON object. Run it on an otherwise idle machine: on a busy one the frame rate measures the load.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = [
    "tests/browser/test_playground_live.py::test_updates_per_second_while_playing",
    "tests/browser/test_playground_live.py::test_control_to_picture",
]
RATE = re.compile(r"^playground (.+): ([\d.]+) visible updates/s \(([\d.]+) paints/s\)", re.M)
CLICK = re.compile(r"^(.+) → picture: \[([\d, ]*)\] ms \(target (\d+)\)", re.M)


def run_once():
    """One run of the two tests: ({network: updates/s}, {control: [ms, ...]})."""
    command = [sys.executable, "-m", "pytest", *TESTS, "-s", "-q", "-p", "no:cacheprovider"]
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    rates = {name: float(rate) for name, rate, _ in RATE.findall(done.stdout)}
    clicks = {
        name.strip(): [int(t) for t in times.split(",") if t.strip()]
        for name, times, _ in CLICK.findall(done.stdout)
    }
    if not rates or not clicks:
        sys.exit(f"the browser tests printed no figures:\n{done.stdout[-3000:]}")
    if done.returncode:
        print(f"(the browser tests failed after measuring:)\n{done.stdout[-1500:]}")
    return rates, clicks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of both measurements")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rates, clicks = {}, {}
    for _ in range(args.runs):
        one_rates, one_clicks = run_once()
        for name, rate in one_rates.items():
            rates.setdefault(name, []).append(rate)
        for name, times in one_clicks.items():
            clicks.setdefault(name, []).extend(times)
    load = (load_before, os.getloadavg()[0])
    print(f"JupyterLab in Chromium, {args.runs} runs; load average {load[0]:.2f} -> {load[1]:.2f}")
    targets = {"default (4, 2)": ">= 20", "6 hidden layers of 8": ">= 10"}
    for name, values in rates.items():
        print(
            f"  playground {name}: {min(values):.1f}-{max(values):.1f} visible updates/s "
            f"(target {targets.get(name, '?')})"
        )
    for name, times in clicks.items():
        target = 150 if name == "hidden layers" else 50
        print(
            f"  {name} -> picture: {min(times)}-{max(times)} ms over {len(times)} changes "
            f"(target <= {target})"
        )
    figures = {"updates_per_second": rates, "click_to_picture_ms": clicks, "load_average": load}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
