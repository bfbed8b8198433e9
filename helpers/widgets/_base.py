"""The widgets' shared base: the live figure with its static fallback, the course widget that
shows both, the control factories and the clock.

Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4): only API both share is used.
"""

import asyncio
import base64
import contextlib
import html
import io
import time

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
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

    def __init__(self, figsize, layout="constrained"):
        with course_style():
            self.fig = Figure(figsize=figsize, dpi=80, layout=layout)
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


class CourseWidget:
    """What every widget function returns.

    Attributes: ``widget`` (the outer ipywidgets box), ``controls`` (name → control widget),
    ``figure`` (the ``LiveFigure``) and ``refresh()`` (redraw from the controls' values).
    Displayed, it sends a MIME bundle with the live widget view, a PNG of the state it was
    created in and a deterministic text, so every kind of page shows something useful.
    """

    def __init__(self, name, widget, controls, figure, refresh, text):
        self.name = name
        self.widget = widget
        self.controls = controls
        self.figure = figure
        self.refresh = refresh
        self.text = text
        self.static_png = figure.png(compress_level=9)

    def __repr__(self):
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/plain": self.text,
            "image/png": base64.b64encode(self.static_png).decode("ascii"),
            WIDGET_MIME: {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }


class Clock:
    """Calls ``tick()`` every ``interval`` seconds while running: the playground's Play.

    It runs as a task on the kernel's own event loop (ipykernel 6 and 7 run comm handlers,
    i.e. button clicks, inside that loop), so frames are computed while the kernel is idle and
    clicks are handled between frames. Not ``ipywidgets.Play``: under ipywidgets 7 (Colab) a
    Play widget started from Python does not play, its timer starts only from its own button
    (ipywidgets issue 1897). Without a running event loop (a script, a test) ``start()`` only
    sets ``running``: call ``tick()`` yourself. One clock runs at a time: starting one stops
    the previous, so a playground left playing in an old cell's output stops.
    ``on_stop()`` is called whenever the clock stops, ``on_error(error)`` if ``tick`` raised.
    """

    current = None  # the clock that runs now

    def __init__(self, tick, interval, on_stop=None, on_error=None):
        self.tick, self.interval = tick, interval
        self.on_stop, self.on_error = on_stop, on_error
        self.running = False
        self.task = None

    def start(self):
        previous, Clock.current = Clock.current, self
        if previous is not None and previous is not self:
            previous.stop()
        self.running = True
        if self.task is None or self.task.done():  # after a quick pause the task still runs
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            self.task = loop.create_task(self._run())

    def stop(self):
        was_running, self.running = self.running, False
        if was_running and self.on_stop is not None:
            self.on_stop()

    async def _run(self):
        while self.running:
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


def slider(kind, value, lo, hi, step, description, continuous=True, readout_format=None):
    w = widgets
    args = dict(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=continuous,
        style={"description_width": "110px"},
        layout=w.Layout(width="330px"),
    )
    if readout_format:
        args["readout_format"] = readout_format
    return getattr(w, kind)(**args)


def assemble(name, css, controls, figure, compute, caption=None, columns=2, text=""):
    """Standard layout and wiring: sliders in columns, a caption (HTML), the figure (Image)."""
    w = widgets
    image = w.Image(value=figure.png(), format="png")
    image.add_class("course-figure")
    caption_widget = w.HTML(value=caption or "")

    def refresh(change=None):
        try:
            state = compute(**{k: c.value for k, c in controls.items()})
            figure.update(state)
            image.value = figure.png()
            caption_widget.value = state.get("html", "")
        except Exception as error:  # show the problem where the student looks
            caption_widget.value = f"<b>Could not redraw:</b> {html.escape(repr(error))}"

    for control in controls.values():
        control.observe(refresh, names="value")
    items = list(controls.values())
    per_column = int(np.ceil(len(items) / columns))
    cols = [w.VBox(items[i : i + per_column]) for i in range(0, len(items), per_column)]
    box = w.VBox([w.HBox(cols), caption_widget, image])
    box.add_class("course-widget")
    box.add_class(css)
    return CourseWidget(name, box, controls, figure, refresh, text)


def fmt(v):
    """A number for a formula: 4.0 → '4', −1.5 → '−1.5' (true minus sign)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    s = "0" if s in ("-0", "") else s
    return s.replace("-", "−")
