"""Memory and live widgets while re-running each widget's cell 100 times (issue 21).

    python benchmarks/widget_memory.py [--runs N] [--widgets perceptron_explorer,...]
                                       [--where cell,code,plain]

For each widget of ``helpers.widgets`` the cell ``w = <widget>(); w`` runs N times (default 100)

* ``cell``: in a real kernel (jupyter_client's KernelManager, ipykernel) whose execute requests
  carry a cell id, as JupyterLab and Notebook 7 send them;
* ``code``: in a real kernel without a cell id, as a console, nbclient or VS Code send them;
* ``plain``: in a plain Python process (no kernel: ``w = <widget>()``, the name bound again).

In the kernels the cell's value goes into IPython's output cache (``Out``, ``_``), as for a
student. After every run the process's memory (RSS) and the number of live ipywidgets are
read; printed per row: after the first run, the most over all runs, after the last. A row is
flat when no run is more than 20 MB above the first and the last run leaves no more live
ipywidgets than the first; the widget counts must be equal, the memory may wander (the
allocator and matplotlib's caches). Then one JSON line. Needs ``jupyter_client`` and
``ipykernel`` (requirements-dev). The default 100 runs of the 7 widgets (21 rows) took about
20 minutes on a busy 2-core machine (``--runs 20``: about 6); a quiet one is quicker.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from queue import Empty

WIDGETS = (
    "perceptron_explorer",
    "activation_explorer",
    "learning_rate_explorer",
    "batch_size_explorer",
    "digit_pad",
    "playground",
    "bump_explorer",
)
GOAL_MB = 20.0
# the process's resident memory (Linux's /proc; else psutil) and its live ipywidgets
PROBE = """
def _probe():
    import json, os
    from ipywidgets.widgets.widget import _instances
    try:
        with open("/proc/self/statm") as statm:
            rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import psutil
        rss = psutil.Process().memory_info().rss
    return [rss / 1e6, len(_instances)]
"""


class Kernel:
    """A kernel of this Python with this folder importable; ``run(code, cell_id)``."""

    def __init__(self):
        from jupyter_client.manager import KernelManager

        # local sockets where there are (no warning about unencrypted TCP in the table)
        self.sockets = tempfile.TemporaryDirectory() if os.name == "posix" else None
        where = {"transport": "ipc", "ip": f"{self.sockets.name}/k"} if self.sockets else {}
        self.km = KernelManager(kernel_name="python3", **where)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.run("import helpers.widgets as W\n" + PROBE)

    def run(self, code, cell_id=None, timeout=120):
        """Execute ``code`` (with the cell id in the request's metadata, if given); its stdout."""
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        }
        metadata = {"cellId": cell_id} if cell_id else {}
        msg = self.kc.session.msg("execute_request", content, metadata=metadata)
        self.kc.shell_channel.send(msg)
        out, deadline = [], time.monotonic() + timeout
        while True:
            try:
                reply = self.kc.get_iopub_msg(timeout=max(deadline - time.monotonic(), 0.1))
            except Empty as error:
                raise TimeoutError(f"no answer to {code!r}") from error
            if reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                continue
            kind, body = reply["msg_type"], reply["content"]
            if kind == "stream" and body["name"] == "stdout":
                out.append(body["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(body["traceback"]))
            elif kind == "status" and body["execution_state"] == "idle":
                return "".join(out)

    def probe(self):
        return json.loads(self.run("import json as _j; print(_j.dumps(_probe()))").splitlines()[-1])

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        if self.sockets is not None:
            self.sockets.cleanup()


def in_kernel(name, runs, cell_id):
    """[(RSS MB, live ipywidgets) after each run] in a fresh kernel."""
    kernel = Kernel()
    try:
        code, seen = f"w = W.{name}(); w", []
        for _ in range(runs):
            kernel.run(code, cell_id)
            seen.append(kernel.probe())
        return seen
    finally:
        kernel.stop()


PLAIN = """
import json
import helpers.widgets as W

seen = []
for run in range({runs}):
    w = W.{name}()
    seen.append(_probe())
print(json.dumps(seen))
"""


def in_plain_process(name, runs):
    """[(RSS MB, live ipywidgets) after each run] in a fresh Python process, no kernel."""
    code = PROBE + textwrap.dedent(PLAIN.format(name=name, runs=runs))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
        encoding="utf-8",
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(seen):
    """The figures of one row: RSS and widgets after the first run, at most, after the last;
    whether it is flat."""
    rss = [r for r, _ in seen]
    widgets = [n for _, n in seen]
    flat = max(rss) - rss[0] <= GOAL_MB and widgets[-1] <= widgets[0]
    return {
        "rss_mb": [round(rss[0]), round(max(rss)), round(rss[-1])],
        "widgets": [widgets[0], max(widgets), widgets[-1]],
        "flat": flat,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--widgets", default=",".join(WIDGETS))
    parser.add_argument("--where", default="cell,code,plain", help="cell,code,plain: which rows")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error(f"--runs: at least 2 (a first run and re-runs), not {args.runs}")
    ways = {
        "kernel, cell id": ("cell", lambda n: in_kernel(n, args.runs, "cell-1")),
        "kernel, no cell id": ("code", lambda n: in_kernel(n, args.runs, None)),
        "plain process": ("plain", lambda n: in_plain_process(n, args.runs)),
    }
    wanted = args.where.split(",")
    if not set(wanted) <= {"cell", "code", "plain"}:
        parser.error(f"--where: a comma-separated choice of cell, code, plain, not {args.where!r}")
    ways = {way: measure for way, (key, measure) in ways.items() if key in wanted}
    print(
        f"{args.runs} runs of `w = <widget>(); w` per row: RSS (MB) and live ipywidgets after\n"
        f"the first run, at most over all runs, after the last. flat: no run more than "
        f"{GOAL_MB:.0f} MB\nabove the first, no more widgets after the last run than after "
        "the first"
    )
    print(f"{'widget':<24} {'where':<20} {'RSS first/max/last':>19} {'widgets first/max/last':>23}")
    result, start = {}, time.monotonic()
    for name in args.widgets.split(","):
        for way, measure in ways.items():
            row = result[f"{name}: {way}"] = summary(measure(name))
            (r0, rmax, r1), (n0, nmax, n1) = row["rss_mb"], row["widgets"]
            print(
                f"{name:<24} {way:<20} {r0:>6} {rmax:>5} {r1:>6} {n0:>9} {nmax:>6} {n1:>6}  "
                + ("flat" if row["flat"] else "GROWS"),
                flush=True,
            )
    flat = all(row["flat"] for row in result.values())
    minutes = (time.monotonic() - start) / 60
    print(f"{'all flat' if flat else 'NOT all flat'} ({minutes:.1f} minutes)")
    print(json.dumps({"runs": args.runs, "goal_mb": GOAL_MB, "all_flat": flat, **result}))


if __name__ == "__main__":
    main()
