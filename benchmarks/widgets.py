"""How fast the widgets react, measured without a browser (the kernel side of an update).

    python benchmarks/widgets.py [--repeats N] [--seconds S]

For each widget: the time from a control change to the new picture (its bytes or SVG text
ready to be sent). For the playground (issue 12): the time from a control change to the new
pictures for controls that need no retraining (show test data, discretise output, learning
rate) and for those that rebuild the network (hidden layers) or the data (noise); training
steps (mini-batches) per second; and, for the default network (2 hidden layers of 4 and 2) and
for 6 hidden layers of 8, the time of one frame while playing, the bytes it sends and the
updates per second while playing: Play is pressed inside a running asyncio event loop, as in a
kernel, and its clock ticks for S seconds. What reaches a browser is measured in the browser
(tests/browser/test_playground_live.py, run with -s). Targets: explorers <= 150 ms per update;
playground >= 20 updates/s (default), >= 10 (6 × 8), <= 50 ms without retraining, <= 150 ms
for a rebuild. Prints a table, then one JSON line.
"""

import argparse
import asyncio
import json
import statistics
import time

import numpy as np

from helpers import widgets as W

TARGET_MS = 150.0
TARGET_FPS = {"default (4, 2)": 20, "6 hidden layers of 8": 10}
NO_RETRAIN = ("show test data", "discretise output", "learning rate")


def target_ms(name, what):
    """50 ms for the playground's controls that need no retraining, else 150 ms."""
    return 50.0 if name == "playground" and what in NO_RETRAIN else TARGET_MS


def play(pg, seconds):
    """Press Play in a running event loop for ``seconds``: (updates/s, epochs/s, median and
    max frame ms, kB sent per frame)."""
    frame_times, sent = [], []
    tick = pg.clock.tick
    pictures = [
        getattr(pg.pictures, n) for n in ("network", "output", "curve", "epoch", "output_title")
    ]

    def timed_tick():
        before = [w.value for w in pictures]
        t = time.perf_counter()
        tick()
        frame_times.append((time.perf_counter() - t) * 1000)
        sent.append(
            sum(len(w.value) for w, b in zip(pictures, before, strict=True) if w.value != b)
        )

    pg.clock.tick = timed_tick

    async def run():
        pg.controls["play_button"].click()
        start = time.perf_counter()
        await asyncio.sleep(seconds)
        pg.controls["play_button"].click()
        return time.perf_counter() - start

    epoch0, frames0 = pg.model.epoch, pg.frames
    wall = asyncio.run(run())
    return (
        (pg.frames - frames0) / wall,
        (pg.model.epoch - epoch0) / wall,
        statistics.median(frame_times),
        max(frame_times),
        statistics.mean(sent) / 1000,
    )


def time_changes(widget, control, values, repeats):
    times = []
    for k in range(repeats):
        value = values[k % len(values)]
        t = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def click_times(widget, buttons, repeats):
    times = []
    for k in range(repeats):
        t = time.perf_counter()
        buttons[k % len(buttons)].click()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def explorer_rows(n):
    """(widget, update, median ms, max ms) for the explorers and the digit pad."""
    rows = []
    w = W.perceptron_explorer()
    rows.append(
        (
            "perceptron_explorer",
            "w₁ slider",
            *time_changes(w, w.controls["w1"], np.linspace(-2, 2, 7), n),
        )
    )
    w = W.activation_explorer()
    rows.append(
        (
            "activation_explorer",
            "w slider",
            *time_changes(w, w.controls["w"], np.linspace(-3, 3, 7), n),
        )
    )
    w = W.learning_rate_explorer()
    rows.append(
        (
            "learning_rate_explorer",
            "η slider",
            *time_changes(w, w.controls["learning_rate"], [0.1, 0.3, 1, 3, 10], n),
        )
    )
    w = W.batch_size_explorer()
    sizes = list(range(2, 2 + n))
    rows.append(
        (
            "batch_size_explorer",
            "batch-size slider (new run)",
            *time_changes(w, w.controls["batch_size"], sizes, n),
        )
    )
    rates = [0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0, 0.15, 0.25][: max(1, n)]
    rows.append(
        (
            "batch_size_explorer",
            "η slider (3 new runs)",
            *time_changes(w, w.controls["learning_rate"], rates, n),
        )
    )
    w = W.digit_pad()
    rows.append(("digit_pad", "cell click", *click_times(w, w.controls["cells"][8:40], n)))
    return rows


def playground_rows(n):
    """The playground's controls: (widget, update, median ms, max ms)."""
    pg = W.playground()
    changes = [
        ("show test data", "show_test", [True, False]),
        ("discretise output", "discretize", [True, False]),
        ("learning rate", "learning_rate", [0.1, 0.03, 0.3]),
        ("hidden layers (new network)", "hidden", ["3, 2", "4, 2", "5"]),
        ("noise (new data + network)", "noise", [10, 20, 0]),
    ]
    return [
        ("playground", what, *time_changes(pg, pg.controls[name], values, n))
        for what, name, values in changes
    ]


def training_speed():
    """Mini-batch SGD steps per second on the default configuration: the best of 7 runs of 10
    epochs (the least disturbed by whatever else the machine does)."""
    model = W.playground().model
    epochs, elapsed = 10, float("inf")
    for _ in range(7):
        t = time.perf_counter()
        model.train(epochs)
        elapsed = min(elapsed, time.perf_counter() - t)
    steps_per_epoch = int(np.ceil(len(model.F_train) / model.settings.batch_size))
    return epochs * steps_per_epoch / elapsed, steps_per_epoch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    rows = explorer_rows(args.repeats) + playground_rows(args.repeats)
    steps_per_s, steps_per_epoch = training_speed()
    playing = {}
    for name, hidden in (("default (4, 2)", (4, 2)), ("6 hidden layers of 8", (8,) * 6)):
        playing[name] = play(W.playground(hidden=hidden), args.seconds)
        frame = playing[name][2:4]
        rows.append((f"playground {hidden[0]}x{len(hidden)}", "one frame while playing", *frame))
    report(rows, steps_per_s, steps_per_epoch, playing)


def report(rows, steps_per_s, steps_per_epoch, playing):
    """Print the table, the playground's lines and the JSON line."""
    print(f"{'widget':<24} {'update':<32} {'median ms':>10} {'max ms':>8}  target")
    for name, what, med, worst in rows:
        ok = "ok" if med <= target_ms(name, what) else "SLOW"
        print(f"{name:<24} {what:<32} {med:>10.1f} {worst:>8.1f}  {ok}")
    print(f"playground training: {steps_per_s:,.0f} SGD steps/s ({steps_per_epoch} per epoch)")
    ok = True
    for name, (fps, epochs_per_s, _, _, kb) in playing.items():
        target = TARGET_FPS[name]
        ok &= fps >= target
        print(
            f"playground {name} while playing: {fps:.1f} updates/s, {epochs_per_s:.0f} epochs/s, "
            f"{kb:.0f} kB per frame (target >= {target} updates/s: "
            f"{'ok' if fps >= target else 'SLOW'})"
        )
    result = {
        "update_ms": {f"{name}: {what}": round(med, 1) for name, what, med, _ in rows},
        "playground_steps_per_s": round(steps_per_s),
        "playground_updates_per_s": {k: round(v[0], 1) for k, v in playing.items()},
        "playground_epochs_per_s": {k: round(v[1]) for k, v in playing.items()},
        "playground_kb_per_frame": {k: round(v[4]) for k, v in playing.items()},
        "targets_met": ok and all(med <= target_ms(name, what) for name, what, med, _ in rows),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
