"""Memory and live widgets after re-running each widget's cell many times (issue 21).

    python benchmarks/widget_memory.py [--runs N] [--widgets perceptron_explorer,...]

For each widget, the cell ``w = <widget>(); w`` runs N times (default 100)

* in a real kernel (jupyter_client's KernelManager, ipykernel) whose execute requests carry a
  cell id, as JupyterLab and Notebook 7 send them;
* in a real kernel without a cell id, as a console, nbclient or VS Code send them;
* in a plain Python process (no kernel: the name ``w`` is rebound each time).

In the kernels the cell's value goes into IPython's output cache (``Out``, ``_``), as for a
student. Printed: the process's memory (RSS) and the number of live ipywidgets after the first
run and after the last, and whether it stayed flat (goal: within 20 MB of the first run, and
the live widget count the same; "ok after 10": within 20 MB of the 10th run, when
matplotlib's and the allocator's caches have filled). Then one JSON line. Needs
``jupyter_client`` and ``ipykernel`` (requirements-dev). Measure on a quiet machine: the
figures are the process's own, but a busy machine makes the run slow.
"""

import argparse
import json
import subprocess
import sys
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
        from jupyter_client.manager import start_new_kernel

        self.km, self.kc = start_new_kernel(kernel_name="python3")
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


def in_kernel(name, runs, cell_id):
    """(RSS MB, live widgets) after the first, the 10th and the last run, in a fresh kernel."""
    kernel = Kernel()
    try:
        code, seen = f"w = W.{name}(); w", {}
        for run in range(1, runs + 1):
            kernel.run(code, cell_id)
            if run in (1, 10, runs):
                seen[run] = kernel.probe()
        return [seen[1], seen[min(10, runs)], seen[runs]]
    finally:
        kernel.stop()


PLAIN = """
import json
import helpers.widgets as W

seen = {{}}
for run in range(1, {runs} + 1):
    w = W.{name}()
    if run in (1, 10, {runs}):
        seen[run] = _probe()
print(json.dumps([seen[1], seen[min(10, {runs})], seen[{runs}]]))
"""


def in_plain_process(name, runs):
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--widgets", default=",".join(WIDGETS))
    args = parser.parse_args()
    ways = {
        "kernel, cell id": lambda n: in_kernel(n, args.runs, "cell-1"),
        "kernel, no cell id": lambda n: in_kernel(n, args.runs, None),
        "plain process": lambda n: in_plain_process(n, args.runs),
    }
    print(
        f"{args.runs} runs of `w = <widget>(); w`: RSS (MB) and live ipywidgets after run 1, "
        f"10 and {args.runs}; flat: the last within {GOAL_MB:.0f} MB of the first "
        "(and of the 10th: caches filled), no more widgets"
    )
    print(f"{'widget':<24} {'where':<20} {'RSS MB 1st/10th/last':>22} {'widgets':>13}  flat")
    result, flat = {}, True
    for name in args.widgets.split(","):
        for way, measure in ways.items():
            (rss0, n0), (rss10, _), (rss1, n1) = measure(name)
            ok = rss1 - rss0 <= GOAL_MB and n1 <= n0
            warm = rss1 - rss10 <= GOAL_MB and n1 <= n0
            flat &= ok
            result[f"{name}: {way}"] = {
                "rss_mb": [round(rss0), round(rss10), round(rss1)],
                "widgets": [n0, n1],
                "flat": ok,
                "flat_after_10": warm,
            }
            verdict = "ok" if ok else ("ok after 10" if warm else "GROWS")
            print(
                f"{name:<24} {way:<20} {rss0:>6.0f} {rss10:>6.0f} {rss1:>7.0f} "
                f"{n0:>6} -> {n1:<5} {verdict}",
                flush=True,
            )
    print(json.dumps({"runs": args.runs, "goal_mb": GOAL_MB, "all_flat": flat, **result}))


if __name__ == "__main__":
    main()
