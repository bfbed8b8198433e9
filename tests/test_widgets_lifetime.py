"""A widget's clock stops when the widget is replaced or closed (issue 14: a playground left
playing kept training after its cell was re-run). Checked on a running event loop, as in a
kernel, without a browser: ``close()``, a re-run of the cell that made it (the cell id comes
from the execute request), and the frontend reporting that its last view went away."""

import asyncio

import pytest

pytest.importorskip("ipywidgets")

import ipywidgets  # noqa: E402

from helpers.widgets import (
    _base,  # noqa: E402
    playground,  # noqa: E402
)

INTERVAL = 0.02


class Ticking(_base.CourseWidget):
    """The smallest widget with a clock: it counts its ticks."""

    def __init__(self):
        self.ticks = 0
        figure = _base.LiveFigure((1, 1))
        figure.update = lambda state: None
        box = ipywidgets.VBox([ipywidgets.Button(description="Play")])
        super().__init__("ticking", box, {}, figure, text="a ticking widget")
        self.add_clock(_base.Clock(self.tick, INTERVAL))

    def tick(self):
        self.ticks += 1


def run(steps):
    """Run ``steps`` (callables, each followed by a pause of three ticks) in an event loop."""

    async def main():
        for step in steps:
            step()
            await asyncio.sleep(3 * INTERVAL)

    asyncio.run(main())


def ticks_after(widget, action):
    """How often ``widget`` ticked after ``action`` (it plays before it)."""
    seen = {}
    run([widget.clock.start, action, lambda: seen.setdefault("at", widget.ticks)])
    return widget.ticks - seen["at"], seen


def test_close_stops_the_clock_and_the_widgets():
    widget = Ticking()
    after, _ = ticks_after(widget, widget.close)
    assert widget.ticks >= 2 and after == 0 and not widget.clock.running
    assert widget.closed and widget.widget.comm is None
    assert all(child.comm is None for child in widget.widget.children)
    widget.clock.start()  # a closed widget's clock does not start again
    assert not widget.clock.running


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
    seen = {}

    def rerun():
        cell.run("cell-a")
        seen["new"] = Ticking()

    run([old.clock.start, rerun, lambda: seen.setdefault("at", old.ticks)])
    assert old.ticks >= 2 and old.ticks == seen["at"] and old.closed
    assert not old.clock.running and not seen["new"].closed


def test_widgets_of_one_run_and_of_other_cells_stay(cell):
    cell.run("cell-a")
    first, second = Ticking(), Ticking()  # one run of one cell may make several widgets
    cell.run("cell-b")
    other = Ticking()
    assert not (first.closed or second.closed or other.closed)
    cell.run("cell-a")
    Ticking()
    assert first.closed and second.closed and not other.closed


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


def test_a_widget_never_shown_keeps_its_clock():
    """Outside a frontend (a script, a test) nobody counts views: the clock runs."""
    widget = Ticking()
    run([widget.clock.start])
    assert widget.clock.running and widget.ticks >= 2
    widget.close()


def test_a_replaced_playground_stops_playing(cell):
    cell.run("cell-p")
    old = playground()
    seen = {}

    def rerun():
        cell.run("cell-p")
        seen["new"] = playground()

    run([old.clock.start, rerun])
    assert old.closed and not old.clock.running and not seen["new"].clock.running
