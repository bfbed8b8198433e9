"""How fast the widgets react, measured without a browser (the kernel side of an update).

    python benchmarks/widgets.py [--repeats N]

For each widget: the time from a control change to the new figure (PNG/JPEG bytes ready to be
sent). For the playground: training steps (mini-batches) per second, the time of one frame
(train + redraw three figures) and the visible updates per second while playing: its Play
button is pressed inside a running asyncio event loop, as in a kernel, and its clock ticks
every ``frame_ms`` = 150 ms for a few seconds (a frame that takes longer lowers the rate).
Targets: <= 150 ms per update, >= 5 visible updates per second. Prints a table, then one JSON
line.
"""

import argparse
import asyncio
import json
import statistics
import time

import numpy as np

from helpers import widgets as W

TARGET_MS, TARGET_FPS = 150.0, 5.0


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    n = args.repeats
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
    rows.append(
        (
            "batch_size_explorer",
            "batch-size slider (new run)",
            *time_changes(w, w.controls["batch_size"], list(range(2, 2 + n)), n),
        )
    )
    rows.append(
        (
            "batch_size_explorer",
            "η slider (3 new runs)",
            *time_changes(
                w,
                w.controls["learning_rate"],
                [0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0, 0.15, 0.25][: max(1, n)],
                n,
            ),
        )
    )
    w = W.digit_pad()
    rows.append(("digit_pad", "cell click", *click_times(w, w.controls["cells"][8:40], n)))

    pg = W.playground()
    rows.append(
        (
            "playground",
            "learning-rate change",
            *time_changes(pg, pg.controls["learning_rate"], [0.1, 0.03, 0.3], n),
        )
    )
    rows.append(
        (
            "playground",
            "noise change (new data + net)",
            *time_changes(pg, pg.controls["noise"], [10, 20, 0], n),
        )
    )

    # training speed: mini-batch SGD steps per second on the default configuration
    model = pg.state["model"]
    model.reset()
    epochs = 20
    t = time.perf_counter()
    model.train(epochs)
    elapsed = time.perf_counter() - t
    steps_per_epoch = int(np.ceil(len(model.F_train) / model.config.batch_size))
    steps_per_s = epochs * steps_per_epoch / elapsed

    # playing: press Play in a running event loop (as a kernel does) and let the clock tick
    model_epoch, frames_before = pg.state["model"].epoch, pg.state["frames"]
    frame_times = []
    tick = pg.clock.tick

    def timed_tick():
        t = time.perf_counter()
        tick()
        frame_times.append((time.perf_counter() - t) * 1000)

    pg.clock.tick = timed_tick

    async def play(seconds):
        pg.controls["play_button"].click()
        start = time.perf_counter()
        await asyncio.sleep(seconds)
        pg.controls["play_button"].click()
        return time.perf_counter() - start

    wall = asyncio.run(play(max(3.0, 0.3 * n)))
    shown = pg.state["frames"] - frames_before
    fps = shown / wall
    epochs_per_s = (pg.state["model"].epoch - model_epoch) / wall
    frame_ms = statistics.median(frame_times)
    rows.append(("playground", "one frame while playing", frame_ms, max(frame_times)))

    print(f"{'widget':<24} {'update':<32} {'median ms':>10} {'max ms':>8}  target")
    for name, what, med, worst in rows:
        ok = "ok" if med <= TARGET_MS else "SLOW"
        print(f"{name:<24} {what:<32} {med:>10.1f} {worst:>8.1f}  {ok}")
    print(f"playground training: {steps_per_s:,.0f} SGD steps/s ({steps_per_epoch} per epoch)")
    print(
        f"playground while playing: {fps:.1f} visible updates/s, {epochs_per_s:.0f} epochs/s "
        f"(target >= {TARGET_FPS:g} updates/s: {'ok' if fps >= TARGET_FPS else 'SLOW'})"
    )
    result = {
        "update_ms": {f"{name}: {what}": round(med, 1) for name, what, med, _ in rows},
        "playground_steps_per_s": round(steps_per_s),
        "playground_epochs_per_s": round(epochs_per_s, 1),
        "playground_updates_per_s": round(fps, 2),
        "targets_met": all(med <= TARGET_MS for *_, med, _ in rows) and fps >= TARGET_FPS,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
