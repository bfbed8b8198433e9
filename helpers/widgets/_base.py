"""The widgets' shared base: the live figure, the course widget that shows it live and as a
static PNG, the explorer (controls → state → figure), the control factories and the clock.

Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4, Notebook 7): only API both share is used
(the standard controls, Image, HTML, boxes, Layout, ``observe(names="value")``, ``on_click``,
``add_class``, ``close``, and the frontend's ``_view_count``).
"""

import asyncio
import base64
import contextlib
import html
import io
import time
import weakref

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import traitlets
from IPython import get_ipython
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from ..plotting import use_course_style

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@contextlib.contextmanager
def course_style():
    """The course's matplotlib style for the duration of a block, then the caller's again."""
    with mpl.rc_context():
        use_course_style()
        yield


class LiveFigure:
    """A matplotlib Figure drawn once and afterwards updated in place ("blitting").

    Subclasses build their artists in ``__init__`` (inside ``course_style()``), register the
    ones that change with ``self.animate(...)`` and change them in ``update(state)``. ``png()``
    lays the figure out and draws the static parts (axes, ticks, labels) once, keeps that
    picture, and for every later frame only pastes it back and redraws the changing artists.
    A subclass that changes something static (axis limits, ...) calls ``self.invalidate()``.
    No pyplot: nothing is shown by accident at the end of a cell.
    """

    #: Pixels per inch: sharp on a projector and a high-density screen, as the course's figures.
    DPI = 110

    def __init__(self, figsize, layout="constrained"):
        with course_style():
            self.fig = Figure(figsize=figsize, dpi=self.DPI, layout=layout)
            FigureCanvasAgg(self.fig)
        self.animated = []
        self._background = None
        self._laid_out = False

    def animate(self, *artists):
        """Mark artists that ``update`` changes: they are redrawn on every frame, in order."""
        for artist in artists:
            artist.set_animated(True)
            self.animated.append(artist)

    def invalidate(self):
        """Something static changed: redraw the whole figure at the next ``png()``."""
        self._background = None

    def update(self, state):  # pragma: no cover - overridden
        raise NotImplementedError

    def rgba(self):
        """Draw the current state; returns the canvas as an (h, w, 4) uint8 array."""
        canvas = self.fig.canvas
        if self._background is None:
            with course_style():
                if not self._laid_out:
                    canvas.draw()  # constrained layout runs once ...
                    self.fig.set_layout_engine("none")  # ... then the axes stay put
                    self._laid_out = True
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:  # their properties are set: no style context needed
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())

    def jpeg(self, quality=90):
        """The current state as JPEG bytes: about 5× faster to encode than PNG, for the
        playground's frames while it trains."""
        buf = io.BytesIO()
        PILImage.fromarray(self.rgba()[..., :3]).save(buf, format="jpeg", quality=quality)
        return buf.getvalue()

    def png(self, compress_level=1):
        """The current state as PNG bytes (level 1: fast, for live frames; 9: small files)."""
        rgba = self.rgba()
        buf = io.BytesIO()
        PILImage.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=compress_level)
        return buf.getvalue()


def current_cell():
    """(cell id, execution id) of the code that runs now, or (None, None) outside a kernel.

    JupyterLab, Notebook 7 and nbclient send the cell's id with each execute request
    (``metadata.cellId``); a frontend that sends none gives a cell id of None.
    """
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return None, None
    parent = kernel.get_parent() or {}
    cell = (parent.get("metadata") or {}).get("cellId")
    return cell, (parent.get("header") or {}).get("msg_id")


def close_tree(widget):
    """Close ``widget``, its children and their layout and style models (frees their comms)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, widgets.Widget):
            part.close()
    widget.close()


class CourseWidget:
    """What every widget function returns: a live widget with a static picture of its start.

    Attributes: ``name``, ``widget`` (the outer ipywidgets box), ``controls`` (name → control),
    ``figure`` (the ``LiveFigure``), ``text`` (one line saying what it shows), ``alt`` (the
    static picture's alternative text) and ``refresh()`` (redraw from the controls' values).
    Displayed, it sends a MIME bundle with the live widget view, a PNG of the state it was
    created in (with ``alt`` in the output metadata) and the text, so every kind of page shows
    something useful.

    Its lifetime: ``close()`` stops its clocks and closes its widgets. A widget made by a cell
    that runs again is closed (``CourseWidget.live`` maps each cell to the widgets its last run
    made); a clock also stops when the frontend reports that no view of the widget is left.
    """

    live = {}  # cell id → (execution id, weak references to the widgets that run made)

    def __init__(self, name, widget, controls, figure, refresh=None, text="", alt=None):
        self.name, self.widget, self.controls, self.figure = name, widget, controls, figure
        if refresh is not None:
            self.refresh = refresh
        self.text = text
        self.alt = alt or text
        self.closed = False
        self.shown = False  # a frontend has shown it (its view count rose above 0)
        self.clocks = []
        self.static_png = figure.png(compress_level=9)
        widget._view_count = 0  # the frontend counts the views from now on
        widget.observe(self.on_view_count, names="_view_count")
        self.replace_previous()

    def refresh(self, change=None):  # pragma: no cover - overridden or given
        raise NotImplementedError

    @property
    def clock(self):
        """The widget's (first) clock; setting it ties the clock's life to the widget's."""
        return self.clocks[0] if self.clocks else None

    @clock.setter
    def clock(self, clock):
        self.add_clock(clock)

    def add_clock(self, clock):
        """Stop ``clock`` when this widget closes or leaves the page; returns the clock."""
        clock.alive = self.alive
        if clock not in self.clocks:
            self.clocks.append(clock)
        return clock

    def alive(self):
        """True while the widget is open and (once it was shown) still has a view."""
        return not self.closed and not (self.shown and self.widget._view_count == 0)

    def on_view_count(self, change):
        if (change["new"] or 0) > 0:
            self.shown = True
        elif self.shown:  # its last view went away (cell re-run or output cleared)
            self.stop_clocks()

    def stop_clocks(self):
        for clock in self.clocks:
            clock.stop()

    def close(self):
        """Stop the clocks and close every widget of this one (its views disappear)."""
        if not self.closed:
            self.closed = True
            self.stop_clocks()
            close_tree(self.widget)

    def replace_previous(self):
        """Close the widgets an earlier run of the current cell made (none outside a kernel)."""
        cell, execution = current_cell()
        if cell is None:
            return
        previous_execution, previous = CourseWidget.live.get(cell, (execution, []))
        if previous_execution != execution:
            for ref in previous:
                old = ref()
                if old is not None:
                    old.close()
            previous = []
        CourseWidget.live[cell] = (execution, [*previous, weakref.ref(self)])

    def __repr__(self):
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "text/plain": self.text,
            "image/png": base64.b64encode(self.static_png).decode("ascii"),
            WIDGET_MIME: {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }
        return data, {"image/png": {"alt": self.alt}}


class Clock:
    """Calls ``tick()`` every ``interval`` seconds while running: the playground's Play.

    It runs as a task on the kernel's own event loop (ipykernel 6 and 7 run comm handlers,
    i.e. button clicks, inside that loop), so frames are computed while the kernel is idle and
    clicks are handled between frames. Not ``ipywidgets.Play``: under ipywidgets 7 (Colab) a
    Play widget started from Python does not play, its timer starts only from its own button
    (ipywidgets issue 1897). Without a running event loop (a script, a test) ``start()`` only
    sets ``running``: call ``tick()`` yourself. One clock runs at a time: starting one stops
    the previous. Before every tick it asks ``alive()`` (set by ``CourseWidget.add_clock``:
    the widget is open and on the page) and stops if not, so a replaced or closed widget's
    clock stops within one tick. ``on_stop()`` is called whenever the clock stops,
    ``on_error(error)`` if ``tick`` raised.
    """

    current = None  # the clock that runs now

    def __init__(self, tick, interval, on_stop=None, on_error=None, alive=None):
        self.tick, self.interval = tick, interval
        self.on_stop, self.on_error = on_stop, on_error
        self.alive = alive
        self.running = False
        self.task = None

    def start(self):
        if self.alive is not None and not self.alive():
            return
        previous, Clock.current = Clock.current, self
        if previous is not None and previous is not self:
            previous.stop()
        self.running = True
        if self.task is None or self.task.done():  # after a quick pause the task still runs
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            self.task = loop.create_task(self.run())

    def stop(self):
        was_running, self.running = self.running, False
        if Clock.current is self:
            Clock.current = None
        if was_running and self.on_stop is not None:
            self.on_stop()

    async def run(self):
        while self.running:
            if self.alive is not None and not self.alive():
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


# ---------------------------------------------------------------------------- the explorers
class Explorer(CourseWidget):
    """An explorer: controls whose values give a state (``compute``) that the figure draws.

    A subclass sets ``name`` and ``css``, builds ``controls`` (name → control) and its figure,
    and implements ``compute(**values)`` returning a dict with at least ``html`` (the caption).
    Layout: the controls in ``columns``, the caption, the figure. Every control change calls
    ``refresh``, which redraws the figure in place and sends the new picture.
    """

    name = css = ""
    columns = 2

    def __init__(self, controls, figure, state, text):
        alt = self.describe(state)
        self.image = picture(figure.png(), alt)
        self.caption = widgets.HTML(value=state.get("html", ""))
        self.caption.add_class("course-caption")
        for control in controls.values():
            control.observe(self.refresh, names="value")
        items = list(controls.values())
        per_column = int(np.ceil(len(items) / self.columns))
        cols = [widgets.VBox(items[i : i + per_column]) for i in range(0, len(items), per_column)]
        box = widgets.VBox([widgets.HBox(cols), self.caption, self.image])
        box.add_class("course-widget")
        box.add_class(self.css)
        super().__init__(self.name, box, controls, figure, text=text, alt=alt)

    def compute(self, **values):  # pragma: no cover - overridden
        raise NotImplementedError

    def describe(self, state):  # pragma: no cover - overridden
        """One or two sentences saying what the figure shows for ``state`` (its alt text)."""
        raise NotImplementedError

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, change=None):
        """Recompute the state from the controls, redraw the figure, update the caption."""
        try:
            state = self.compute(**self.values())
            self.figure.update(state)
            self.image.value = self.figure.png()
            set_alt_text(self.image, self.describe(state))
            self.caption.value = state.get("html", "")
        except Exception as error:  # show the problem where the student looks
            self.caption.value = f"<b>Could not redraw:</b> {html.escape(repr(error))}"


# -------------------------------------------------------------------------- control factories
DESCRIPTION_WIDTH = "110px"


def slider(kind, value, lo, hi, step, description, continuous=True, readout_format=None):
    """An ``IntSlider`` or ``FloatSlider`` (``kind``) in the course's layout. Keyboard: Tab
    focuses its handle, the arrow keys move it by ``step`` (not in Notebook 7, see the
    package's docstring), Page Up/Down by bigger steps; its readout takes a typed value."""
    args = dict(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=continuous,
        style={"description_width": DESCRIPTION_WIDTH},
        layout=widgets.Layout(width="330px"),
    )
    if readout_format:
        args["readout_format"] = readout_format
    return getattr(widgets, kind)(**args)


def log_slider(value, lo, hi, step, description, continuous=True, width="330px"):
    """A ``FloatLogSlider`` from ``lo`` to ``hi`` (values, not exponents); ``step`` is in
    decades (0.05: 20 positions per factor of 10)."""
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=np.log10(lo),
        max=np.log10(hi),
        step=step,
        description=description,
        readout_format=".3g",
        continuous_update=continuous,
        style={"description_width": DESCRIPTION_WIDTH},
        layout=widgets.Layout(width=width),
    )


def dropdown(options, value, description, width="230px", description_width="95px"):
    """A ``Dropdown``; ``options`` are values or (label, value) pairs."""
    return widgets.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": description_width},
        layout=widgets.Layout(width=width),
    )


def button(description, icon="", width="90px", tooltip=""):
    """A ``Button`` (a real ``<button>``: Tab reaches it, Space and Enter press it)."""
    return widgets.Button(
        description=description, icon=icon, tooltip=tooltip, layout=widgets.Layout(width=width)
    )


def picture(png, alt):
    """An ``Image`` widget showing ``png``, its ``<img>`` named by ``alt`` (``set_alt_text``)."""
    image = widgets.Image(value=png, format="png")
    image.add_class("course-figure")
    return set_alt_text(image, alt)


def set_alt_text(image, alt):
    """Give an ``Image`` widget's ``<img>`` the text ``alt`` as its accessible name (its title;
    screen readers read it, axe's image-alt rule accepts it). ipywidgets 8 puts a widget's
    ``tooltip`` into ``title`` only if the model has a ``description`` (an Image has none: its
    view fails to render), so the image gets an empty, synced one first. ipywidgets 7 has no
    ``tooltip``: nothing to do there. Returns ``image``."""
    if "tooltip" not in image.trait_names():
        return image
    if "description" not in image.trait_names():
        image.add_traits(description=traitlets.Unicode("").tag(sync=True))
    image.tooltip = alt
    return image


def fmt(v):
    """A number for a formula: 4.0 → '4', −1.5 → '−1.5' (true minus sign)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    s = "0" if s in ("-0", "") else s
    return s.replace("-", "−")


def swatch(colour):
    """A small square of ``colour`` with a border in the text's colour, for captions: the
    meaning stays in the words, which keep the theme's text colour (legible when dark)."""
    return (
        f"<span style='display:inline-block;width:0.8em;height:0.8em;background:{colour};"
        "border:1px solid currentColor;vertical-align:baseline;margin-right:0.3em'></span>"
    )
