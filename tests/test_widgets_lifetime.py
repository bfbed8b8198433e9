"""A widget must not outlive what shows it (issues 14 and 21). Checked on a running event loop,
as in a kernel, without a browser (tests/browser/test_widget_lifetime.py has the browser's side):

* its clock stops on ``close()``, on a re-run of the cell that made it (the cell id from the
  execute request, or the code's text where the frontend sends none), when the frontend reports
  that its last view went away, when its views stop beating (tab closed), on Kernel → Interrupt;
* a closed widget lets go of its figure, controls and caches (IPython's output cache keeps it);
* a widget nobody holds is collected and closed (outside a cell the course collects every few
  widgets made: matplotlib leaves cycles);
* re-running every widget's cell leaves the live widget count and the figures as they were.

Memory itself (RSS over 100 re-runs, in real kernels and a plain process) is measured by
benchmarks/widget_memory.py, not here.
"""

import asyncio
import gc
import signal
import weakref

import pytest

pytest.importorskip("ipywidgets")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from ipywidgets.widgets.widget import _instances  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import widgets as W  # noqa: E402
from helpers.widgets import _base, _clock  # noqa: E402
from helpers.widgets.bumps import bump_explorer  # noqa: E402

INTERVAL = 0.02


class Ticking(_base.CourseWidget):
    """The smallest widget with a clock: it counts its ticks in ``self.count`` (a list the test
    keeps: a closed widget drops its attributes)."""

    def __init__(self):
        self.count = count = [0]
        figure = _base.LiveFigure((1, 1))
        figure.update = lambda state: None
        box = ipywidgets.VBox([ipywidgets.Button(description="Play")])
        super().__init__("ticking", box, {}, figure, text="a ticking widget")
        self.add_clock(_base.Clock(lambda: count.__setitem__(0, count[0] + 1), INTERVAL))

    @property
    def ticks(self):
        return self.count[0]


def run(steps):
    """Run ``steps`` (callables, each followed by a pause of three ticks) in an event loop."""

    async def main():
        for step in steps:
            step()
            await asyncio.sleep(3 * INTERVAL)

    asyncio.run(main())


def test_close_stops_the_clock_closes_the_widgets_and_lets_go():
    widget = Ticking()
    count, clock, box = widget.count, widget.clock, widget.widget
    seen = {}
    run([clock.start, widget.close, lambda: seen.setdefault("at", count[0])])
    assert count[0] >= 2 and count[0] == seen["at"] and not clock.running
    assert widget.closed and box.comm is None
    assert all(child.comm is None for child in box.children)
    assert set(vars(widget)) <= set(_base.CourseWidget.KEEP)  # figure, controls, ... gone
    with pytest.raises(AttributeError, match="was closed"):
        widget.figure  # noqa: B018
    assert "closed" in repr(widget._repr_mimebundle_()[0]["text/plain"])
    clock.start()  # a closed widget's clock does not start again
    assert not clock.running


@pytest.fixture
def cell(monkeypatch):
    """Pretend to be a kernel: ``cell.run(cell_id)`` starts a new execution of that cell."""

    class Cell:
        executions = 0

        def run(self, cell_id):
            self.executions += 1
            execution = f"execution-{self.executions}"
            monkeypatch.setattr(_base, "current_cell", lambda: (cell_id, execution))

    monkeypatch.setattr(_base.CourseWidget, "live", {})
    return Cell()


def test_running_the_cell_again_closes_the_old_widget_and_stops_its_clock(cell):
    cell.run("cell-a")
    old = Ticking()
    count, clock = old.count, old.clock
    seen = {}

    def rerun():
        cell.run("cell-a")
        seen["new"] = Ticking()

    run([clock.start, rerun, lambda: seen.setdefault("at", count[0])])
    assert count[0] >= 2 and count[0] == seen["at"] and old.closed
    assert not clock.running and not seen["new"].closed


def test_widgets_of_one_run_and_of_other_cells_stay(cell):
    cell.run("cell-a")
    first, second = Ticking(), Ticking()  # one run of one cell may make several widgets
    cell.run("cell-b")
    other = Ticking()
    assert not (first.closed or second.closed or other.closed)
    cell.run("cell-a")
    Ticking()
    assert first.closed and second.closed and not other.closed


class FakeKernel:
    """What ``current_cell`` reads: the execute request being handled."""

    def __init__(self):
        self.parent, self.saved_sigint_handler = {}, signal.SIG_IGN

    def get_parent(self):
        return self.parent


def test_the_cell_is_its_id_else_its_code(monkeypatch):
    kernel = FakeKernel()
    monkeypatch.setattr(_clock, "get_ipython", lambda: type("Shell", (), {"kernel": kernel}))

    def request(code, cell_id=None, msg="m1"):
        kernel.parent = {
            "header": {"msg_id": msg},
            "metadata": {"cellId": cell_id} if cell_id else {},
            "content": {"code": code},
        }
        return _clock.current_cell()

    assert request("w = perceptron_explorer(); w", "c-1") == ("c-1", "m1")
    console = request("w = perceptron_explorer(); w", msg="m2")  # a console: no cell id
    assert console[1] == "m2" and console[0] == request("w = perceptron_explorer(); w")[0]
    assert console[0] != request("w = activation_explorer(); w")[0]
    kernel.parent = {"header": {"msg_id": "m3"}, "content": {"comm_id": "x", "data": {}}}
    assert _clock.current_cell() == (None, "m3")  # a click: no cell to replace
    monkeypatch.setattr(_clock, "get_ipython", lambda: None)
    assert _clock.current_cell() == (None, None)


def test_the_clock_stops_when_the_last_view_goes_away():
    widget = Ticking()

    def views(n):  # as the frontend reports them
        def report():
            counts.append(widget.ticks)
            widget.widget._view_count = n

        return report

    counts = []
    run([views(1), widget.clock.start, views(0)])
    assert counts[1] >= 2 and widget.ticks <= counts[1] + 1  # within one tick
    assert not widget.clock.running and not widget.closed  # paused, still usable


def test_the_clock_stops_when_its_views_stop_beating(monkeypatch):
    """The tab was closed: the page's hidden Play stops counting; the clock stops after
    BEAT_LOST seconds (and a few ticks), and the heartbeat plays only while the clock does."""
    monkeypatch.setattr(_base, "BEAT_LOST", 0.1)
    widget = Ticking()
    assert widget.beat in widget.widget.children and widget.beat.layout.display == "none"

    def beat():
        widget.beat.value += 1

    seen = []
    playing = lambda: seen.append((widget.clock.running, widget.beat.playing))  # noqa: E731
    run([widget.clock.start, beat, beat, beat, playing] + [lambda: None] * 4)
    assert seen == [(True, True)]  # beats heard: it played on
    assert not widget.clock.running and not widget.beat.playing and not widget.closed


def test_a_widget_never_shown_and_never_beating_keeps_its_clock():
    """Outside a frontend (a script, a test) and where Play does not start from Python
    (ipywidgets 7) nothing counts views or beats: the clock runs."""
    widget = Ticking()
    run([widget.clock.start] + [lambda: None] * 3)
    assert widget.clock.running and widget.ticks >= 4
    widget.close()


def test_interrupt_stops_the_clock_in_an_idle_kernel(monkeypatch):
    """Kernel → Interrupt sends SIGINT; an idle ipykernel ignores it. ``listen_for_interrupt``
    puts the course's handler where the kernel keeps its idle handler while it handles a
    message (Play is a click); that handler stops the running clock at its next tick."""
    kernel = FakeKernel()
    monkeypatch.setattr(_clock, "get_ipython", lambda: type("Shell", (), {"kernel": kernel}))
    monkeypatch.setattr(_clock.signal, "getsignal", lambda s: signal.default_int_handler)
    widget = Ticking()
    seen = {}
    run(
        [
            widget.clock.start,  # inside the "click": the kernel's saved handler is replaced
            lambda: kernel.saved_sigint_handler(signal.SIGINT, None),  # the kernel is idle again
            lambda: seen.setdefault("at", widget.ticks),
        ]
    )
    assert kernel.saved_sigint_handler is _clock._interrupted
    assert not widget.clock.running and widget.ticks == seen["at"] and not widget.closed
    run([widget.clock.start])  # Play again after the interrupt: it plays
    assert widget.clock.running
    widget.close()


def test_a_replaced_playground_stops_playing(cell):
    cell.run("cell-p")
    old = W.playground()
    clock = old.clock
    seen = {}

    def rerun():
        cell.run("cell-p")
        seen["new"] = W.playground()

    run([clock.start, rerun])
    assert old.closed and not clock.running and not seen["new"].clock.running


def model_ids(widget):
    """The model ids of ``widget``, its children, layouts and styles."""
    ids = {widget.model_id}
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, ipywidgets.Widget):
            ids.add(part.model_id)
    for child in getattr(widget, "children", ()):
        ids |= model_ids(child)
    return ids


# ------------------------------------------------------------------------------ re-runs
WIDGETS = {
    "perceptron_explorer": W.perceptron_explorer,
    "activation_explorer": W.activation_explorer,
    "learning_rate_explorer": W.learning_rate_explorer,
    "batch_size_explorer": lambda: W.batch_size_explorer(epochs=5),
    "digit_pad": W.digit_pad,
    "playground": W.playground,
    "bump_explorer": bump_explorer,
}


def test_every_widget_function_is_re_run_here():
    """A widget added to ``helpers.widgets`` is added to WIDGETS too."""
    functions = {n for n in W.__all__ if n == "playground" or n.endswith(("_explorer", "_pad"))}
    assert functions == set(WIDGETS)


def counts():
    """(live ipywidgets, pyplot's figures, matplotlib Figures in memory) after a collection."""
    gc.collect()
    figures = sum(isinstance(o, Figure) for o in gc.get_objects())
    return len(_instances), len(plt.get_fignums()), figures


def test_re_running_the_cells_of_every_widget_leaves_nothing_behind(cell):
    """Each widget in a cell of its own, every cell run twice, every result kept as IPython's
    output cache keeps it: the live ipywidgets, pyplot's figures and the matplotlib Figures in
    memory after the second run are those after the first (a re-run without the release adds
    a whole widget: 31 ipywidgets for the smallest, a Figure for all but the playground)."""
    out = []

    def run_every_cell():
        for name, make in WIDGETS.items():
            cell.run(f"cell-{name}")
            out.append(make())

    run_every_cell()
    first = counts()
    run_every_cell()
    assert counts() == first, "(ipywidgets, pyplot figures, Figures) after runs 1 and 2"
    n = len(WIDGETS)
    assert all(w.closed for w in out[:n]) and not any(w.closed for w in out[n:])


def test_widgets_nobody_holds_are_collected_and_closed(cell):
    """Outside a kernel nothing replaces a widget: once its name goes (``del``, or bound to
    another), it goes (its controls call it through weak callbacks, the playground's parts
    hold it weakly) and its ipywidgets close, its figures with it."""
    cell.run(None)
    before = counts()
    dropped = set()
    for make in WIDGETS.values():
        widget = make()
        dropped |= model_ids(widget.widget)
        del widget
    after = counts()
    assert not dropped & set(_instances), "a dropped widget's ipywidgets are still open"
    assert after == before, "(ipywidgets, pyplot figures, Figures) before and after"


def test_the_playground_and_the_digit_pad_hold_no_cycle_through_themselves():
    """Their parts hold them weakly (the playground's clock, link editor and static picture
    held its bound methods: a cycle), so they go the moment nobody holds them, without the
    cycle collector. (The explorers draw text with ``$…$`` while they are built: matplotlib's
    parser leaves frames in cycles that hold them until a collection; see the next test.)"""
    gc.collect()
    gc.disable()
    try:
        for make in (W.playground, W.digit_pad):
            widget = make()
            box, gone = widget.widget, weakref.ref(widget)
            del widget
            assert gone() is None and box.comm is None, f"{make.__name__} is in a cycle"
    finally:
        gc.enable()


class Cyclic(Ticking):
    """A widget that holds itself: only the cycle collector frees it (as matplotlib's figures,
    and the frames its text parser leaves, keep a widget: matplotlib issue 25406)."""

    def __init__(self):
        super().__init__()
        self.me = self


def test_outside_a_cell_widgets_in_cycles_close_within_a_few_widgets_made(cell):
    """Outside a cell every ``COLLECT_EVERY``-th widget made collects: a dropped widget held
    only by a cycle is closed after at most that many more, whatever CPython's own collector
    does (switched off here)."""
    cell.run(None)
    gc.disable()
    try:
        cyclic = Cyclic()
        box = cyclic.widget
        del cyclic
        for _ in range(_clock.COLLECT_EVERY - 1):
            Ticking()
        made = [Ticking()]  # the COLLECT_EVERY-th at the latest
        assert box.comm is None, "the widget in a cycle was not collected and closed"
    finally:
        gc.enable()
    made[0].close()
