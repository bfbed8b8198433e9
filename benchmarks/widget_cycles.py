"""What keeps a widget nobody holds alive until the cycle collector runs (issue 21).

    python benchmarks/widget_cycles.py [--widgets perceptron_explorer,...]

For each widget of ``helpers.widgets``: made twice (caches warm), then, with the cycle collector
off (Python's and the course's own, ``collect_now_and_then``), made once more and dropped.
Printed: whether Python freed it at once (reference counting) and, if not, what holds it: a
cycle through the widget's own attributes (the path by types, as ``self → LinkEditor →
method → PlaygroundWidget``), or the frames of the calls that built it, kept by a cycle below
them (the deepest frame names the library that made it: matplotlib's mathtext parser,
pyparsing, leaves exception ↔ traceback ↔ frame cycles, matplotlib issue 25406). Outside a
cell ``helpers.widgets`` collects every few widgets made (``collect_now_and_then``), so
neither grows; this shows why that is needed and that the widgets' own parts hold no cycle.
"""

import argparse
import gc
import os
import types
import weakref

from widget_memory import WIDGETS  # the same seven widgets (this folder is on sys.path)

import helpers.widgets as W
from helpers.widgets import _base


def attribute_cycles(root, depth=6):
    """Paths root → … → root through the objects ``root`` refers to (modules, classes and
    code skipped), as strings of attribute names and types."""
    found, seen, frontier = [], {id(root)}, [(root, "self")]
    for _ in range(depth):
        following = []
        for obj, path in frontier:
            for ref in gc.get_referents(obj):
                if isinstance(ref, (type, types.ModuleType, types.CodeType)):
                    continue
                step = f"{path} → {type(ref).__name__}"
                if ref is root:
                    found.append(step)
                elif id(ref) not in seen:
                    seen.add(id(ref))
                    following.append((ref, step))
        frontier = following
    return found


def holding_frames(obj):
    """The frames that refer to ``obj`` (directly or through a closure cell)."""
    frames = []
    for ref in gc.get_referrers(obj):
        if isinstance(ref, types.CellType):
            frames += [f for f in gc.get_referrers(ref) if isinstance(f, types.FrameType)]
        elif isinstance(ref, types.FrameType):
            frames.append(ref)
    return [f for f in frames if f.f_code.co_name != "<module>"]


def deepest_below(frames):
    """Among all live frames, the deepest one whose callers include one of ``frames``."""
    targets = {id(f) for f in frames}
    best, best_depth = None, -1
    for frame in (o for o in gc.get_objects() if isinstance(o, types.FrameType)):
        depth, caller = 0, frame
        while caller is not None and id(caller) not in targets:
            caller, depth = caller.f_back, depth + 1
        if caller is not None and depth > best_depth:
            best, best_depth = frame, depth
    return best, best_depth


def where(frame):
    path = frame.f_code.co_filename
    short = path.replace("\\", "/").split("site-packages/")[-1]
    if short == path.replace("\\", "/"):
        short = os.path.relpath(path)
    return f"{frame.f_code.co_name} ({short}:{frame.f_lineno})"


def examine(name):
    make = getattr(W, name)
    make(), make()
    gc.collect()
    gc.disable()
    course_collects = getattr(_base, "collect_now_and_then", None)  # (None before issue 21)
    _base.collect_now_and_then = lambda: None
    try:
        widget = make()
        gone = weakref.ref(widget)
        del widget
        widget = gone()
        if widget is None:
            return "freed at once"
        cycles = attribute_cycles(widget)
        if cycles:
            return "held by a cycle of its own: " + "; ".join(cycles[:3])
        frames = holding_frames(widget)
        if frames:
            deepest, depth = deepest_below(frames)
            return (
                f"held by the frames of {', '.join(where(f) for f in frames[:3])}, kept by a "
                f"cycle {depth} calls below them, deepest in {where(deepest)}"
            )
        return "held by something else: " + ", ".join(
            type(r).__name__ for r in gc.get_referrers(widget)
        )
    finally:
        del widget
        _base.collect_now_and_then = course_collects
        gc.enable()
        gc.collect()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widgets", default=",".join(WIDGETS))
    args = parser.parse_args()
    for name in args.widgets.split(","):
        print(f"{name}: {examine(name)}", flush=True)


if __name__ == "__main__":
    main()
