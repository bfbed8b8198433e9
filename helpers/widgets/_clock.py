"""The widgets' lifetime tools: the clock behind Play, what a run of the kernel is, weak callbacks
and Kernel → Interrupt.

A widget must not outlive what shows it: ``CourseWidget`` (``_base``) ties its clocks to its
views and closes it when the code that made it runs again. This module holds the parts that know
nothing of widgets: ``Clock`` (a task on the kernel's event loop), ``current_cell()`` (which
code runs now, so that a re-run can replace what the last run made), ``weak(method)`` (a
callback that does not keep its object alive) and the SIGINT listener that lets Interrupt stop a
clock while the kernel is idle.
"""

import asyncio
import ctypes
import gc
import hashlib
import itertools
import signal
import threading
import time
import weakref

from IPython import get_ipython


def current_cell():
    """(key, execution id) of the code that runs now, or (None, None) outside a kernel.

    The key names what a re-run replaces: the cell's id where the frontend sends one with the
    execute request (JupyterLab, Notebook 7: ``metadata.cellId``), else the code's own text (a
    console, nbclient, VS Code: running the same code again replaces what it made). A message
    that is not code (a button's click) has no key.
    """
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return None, None
    parent = kernel.get_parent() or {}
    execution = (parent.get("header") or {}).get("msg_id")
    cell = (parent.get("metadata") or {}).get("cellId")
    if cell is None:
        code = (parent.get("content") or {}).get("code")
        if code is not None:
            cell = "code " + hashlib.sha1(code.encode("utf-8")).hexdigest()
    return cell, execution


def weak(method):
    """A callback for ``observe``/``on_click`` that calls the bound ``method`` while its object
    lives and is open: the controls do not keep their widget alive (a widget nobody holds is
    collected, and closed), and a closed widget's callbacks do nothing."""
    ref = weakref.WeakMethod(method)

    def call(*args, **kwargs):
        bound = ref()
        if bound is None or getattr(bound.__self__, "closed", False):
            return None
        return bound(*args, **kwargs)

    call.__name__ = getattr(method, "__name__", "callback")
    return call


# --------------------------------------------------------------------------------- memory
def _malloc_trim():
    """glibc's ``malloc_trim`` (Linux), else None (macOS, Windows, musl)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except Exception:  # no such library or function here: nothing to trim
        return None


_TRIM = _malloc_trim()


def give_back_memory(collect=True):
    """After a widget closed: collect the cycles matplotlib leaves (``collect``), then hand the
    freed heap back to the system (glibc keeps freed memory for reuse: without this a kernel's
    memory rose 40 MB over the first 30 re-runs of a widget's cell and stayed there)."""
    if collect:
        gc.collect()
    if _TRIM is not None:
        _TRIM(0)


#: Outside a kernel (a script, a test) nothing replaces a widget: one nobody holds goes when
#: Python frees it. Its matplotlib figures are reference cycles (figure ↔ canvas, artist ↔ axes),
#: and drawing text with ``$…$`` leaves the parser's exception ↔ traceback ↔ frame cycles, whose
#: frames hold every caller's locals, the widget being built among them (matplotlib issue
#: 25406): only the cycle collector frees them, and CPython runs its full collection the more
#: rarely the more objects live (measured: every 7 to 13 explorers, 35 MB between two). So
#: every COLLECT_EVERY-th widget made outside a cell collects: at most that many widgets' worth
#: waits (3 to 5 MB each), for a third of a collection per widget made (benchmarks/
#: widget_memory.py: every 4th left the activation explorer 22 MB above its first run).
COLLECT_EVERY = 3
_made_outside_a_cell = itertools.count(1)


def collect_now_and_then():
    """A widget was made outside a cell: every ``COLLECT_EVERY``-th time, collect the widgets
    and figures nobody holds (``give_back_memory``)."""
    if next(_made_outside_a_cell) % COLLECT_EVERY == 0:
        give_back_memory()


# ------------------------------------------------------------------------------- interrupt
def _interrupted(signum, frame):
    """SIGINT while the kernel is idle (Kernel → Interrupt): the running clock stops at its next
    tick. Otherwise as the kernel's own idle handler: ignored. (While a cell or a click runs,
    the kernel's handler raises ``KeyboardInterrupt`` there, as always.)"""
    Clock.interrupts += 1


def listen_for_interrupt():
    """Make Kernel → Interrupt reach the clocks. An idle ipykernel ignores SIGINT (SIG_IGN); while
    it handles a message (a click, a cell) it raises KeyboardInterrupt and afterwards puts back
    the handler it saved. So ``_interrupted`` goes where the idle handler is: into the kernel's
    saved handler during a message, else straight into ``signal``. Nothing outside a kernel."""
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None or threading.current_thread() is not threading.main_thread():
        return
    now = signal.getsignal(signal.SIGINT)
    saved = getattr(kernel, "saved_sigint_handler", None)
    if now is signal.default_int_handler and saved in (signal.SIG_IGN, _interrupted):
        kernel.saved_sigint_handler = _interrupted
    elif now is signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted)


# ----------------------------------------------------------------------------------- clock
class Clock:
    """Calls ``tick()`` every ``interval`` seconds while running: the playground's Play.

    It runs as a task on the kernel's own event loop (ipykernel 6 and 7 run comm handlers,
    i.e. button clicks, inside that loop), so frames are computed while the kernel is idle and
    clicks are handled between frames. Not ``ipywidgets.Play``: under ipywidgets 7 (Colab) a
    Play widget started from Python does not play, its timer starts only from its own button
    (ipywidgets issue 1897). Without a running event loop (a script, a test) ``start()`` only
    sets ``running``: call ``tick()`` yourself. One clock runs at a time: starting one stops
    the previous.

    It stops by itself: before every tick it asks ``alive()`` (set by ``CourseWidget.add_clock``:
    the widget is open and someone still sees it) and stops if not, so a replaced, closed or
    unseen widget's clock stops within one tick; Kernel → Interrupt stops it too (see
    ``listen_for_interrupt``). ``listeners`` are called with True when it starts and False when
    it stops; ``on_stop()`` whenever it stops, ``on_error(error)`` if ``tick`` raised.
    """

    current = None  # the clock that runs now
    interrupts = 0  # SIGINTs the kernel received while idle

    def __init__(self, tick, interval, on_stop=None, on_error=None, alive=None):
        self.tick, self.interval = tick, interval
        self.on_stop, self.on_error = on_stop, on_error
        self.alive = alive
        self.listeners = []
        self.running = False
        self.task = None
        self.interrupts = Clock.interrupts

    def start(self):
        if self.alive is not None and not self.alive():
            return
        previous, Clock.current = Clock.current, self
        if previous is not None and previous is not self:
            previous.stop()
        was_running, self.running = self.running, True
        self.interrupts = Clock.interrupts
        if not was_running:
            for listener in self.listeners:
                listener(True)
        if self.task is None or self.task.done():  # after a quick pause the task still runs
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            listen_for_interrupt()
            self.task = loop.create_task(self.run())

    def stop(self):
        was_running, self.running = self.running, False
        if Clock.current is self:
            Clock.current = None
        if was_running:
            for listener in self.listeners:
                listener(False)
            if self.on_stop is not None:
                self.on_stop()

    def should_stop(self):
        """Interrupted since it started, or its widget gone or unseen."""
        if Clock.interrupts != self.interrupts:
            return True
        return self.alive is not None and not self.alive()

    async def run(self):
        while self.running:
            if self.should_stop():
                self.stop()
                return
            start = time.perf_counter()
            try:
                self.tick()
            except Exception as error:  # never die silently in the background
                self.stop()
                if self.on_error is not None:
                    self.on_error(error)
                return
            # at least 20 ms idle per frame: clicks and slider moves get through
            await asyncio.sleep(max(self.interval - (time.perf_counter() - start), 0.02))
