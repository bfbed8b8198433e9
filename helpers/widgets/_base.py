"""The widgets' shared base: the live figure, the course widget that shows it live and as a
static PNG, the explorer (controls → state → figure), the control factories and the clock.

Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4, Notebook 7): only API both share is used
(the standard controls, Image, HTML, boxes, Layout, ``observe(names="value")``, ``on_click``,
``add_class``, ``close``, and the frontend's ``_view_count``).
"""

import contextlib
import html
import io
import time
import weakref

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import traitlets
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from ..plotting import use_course_style
from ._clock import Clock as Clock  # re-exported: the playground's Play
from ._clock import collect_now_and_then, current_cell, give_back_memory, weak
from ._still import HIDE_STILL, outputs
from ._still import WIDGET_MIME as WIDGET_MIME  # re-exported


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

    def png(self, compress_level=1):
        """The current state as PNG bytes (level 1: fast, for live frames; 9: small files)."""
        rgba = self.rgba()
        buf = io.BytesIO()
        PILImage.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=compress_level)
        return buf.getvalue()

    def close(self):
        """Free the picture: the figure's artists and the kept background (a closed widget's
        figure draws nothing more)."""
        self.fig.clear()
        self.animated, self._background = [], None


def close_tree(widget):
    """Close ``widget``, its children and their layout and style models (frees their comms)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, widgets.Widget):
            part.close()
    widget.close()


def close_and_give_back(widget):
    """Close ``widget``'s tree and hand freed memory back (when a widget is collected)."""
    close_tree(widget)
    give_back_memory(collect=False)  # inside a collection: no second one


#: The heartbeat: while a clock runs, a hidden ``Play`` on the page counts every BEAT_MS; a clock
#: that heard it and then not for BEAT_LOST seconds (the tab or the notebook was closed, the
#: browser slept) stops. Where Play does not start from Python (ipywidgets 7, Colab) nothing is
#: heard and nothing stops this way.
BEAT_MS, BEAT_LOST = 500, 4.0

#: What a widget says when its kernel is gone (restarted or shut down while the page stays):
#: ipywidgets then marks every view ``jupyter-widgets-disconnected`` and draws a broken-link icon
#: on each control, with no word of what to do. Hidden while the widget is live; shown at the
#: top of the widget (``order: -1``) instead of the icons, the dead controls dimmed.
LOST_KERNEL = """<div class="course-lost-kernel" role="status">This widget lost its kernel
(restarted or shut down): <b>run the cell again</b> to get a live one.</div>
<style>
.course-lost-kernel { display: none; }
.course-widget.jupyter-widgets-disconnected .course-lost-kernel {
  display: block; font-size: 1.1em; padding: 4px 8px; margin-bottom: 6px;
  border-left: 4px solid var(--jp-warn-color0, #B34700); }
.course-widget.jupyter-widgets-disconnected .jupyter-widgets-disconnected::before,
.course-widget.jupyter-widgets-disconnected::before { display: none; }
.course-widget.jupyter-widgets-disconnected > :not(.course-lost-kernel-box) { opacity: 0.5; }
"""
LOST_KERNEL += HIDE_STILL + "\n</style>"  # and no still beside a live widget (``_still``)


class CourseWidget:
    """What every widget function returns: a live widget with a static picture of its start.

    Attributes: ``name``, ``widget`` (the outer ipywidgets box), ``controls`` (name → control),
    ``figure`` (the ``LiveFigure``), ``text`` (one line saying what it shows), ``alt`` (the
    static picture's alternative text) and ``refresh()`` (redraw from the controls' values).
    Displayed, it shows the live widget and a still picture of the state it was created in
    (with ``alt`` in the output metadata) with the text, so every kind of page shows something
    useful: two outputs, of which a page shows one (``_still``), one bundle on Colab.

    Its lifetime. ``close()`` stops its clocks, closes its widgets and lets go of its figure,
    caches and controls (``release``), so that a closed widget kept in IPython's output cache
    (``Out``, ``_``) weighs a few hundred bytes. It is closed when

    * the code that made it runs again (the same cell, or the same code where the frontend sends
      no cell id): ``CourseWidget.live`` holds the widgets of each cell's last run;
    * nobody holds it any more (outside a kernel: a script, a test): its controls call it
      through ``weak`` callbacks, so it is collected, and then closed (what matplotlib leaves
      in cycles waits at most a few widgets: ``collect_now_and_then``).

    Its clocks also stop, and it stays usable, when the frontend reports that its last view went
    away, when its views stop beating (the tab or the notebook was closed: see ``BEAT_MS``) and
    on Kernel → Interrupt.
    """

    live = {}  # cell (or code) → (execution id, the widgets that run made)
    KEEP = ("name", "text", "alt", "closed", "clocks")  # what a closed widget keeps

    def __init__(self, name, widget, controls, figure, refresh=None, text="", alt=None):
        self.name, self.widget, self.controls, self.figure = name, widget, controls, figure
        if refresh is not None:
            self.refresh = refresh
        self.text = text
        self.alt = alt or text
        self.closed = False
        self.shown = False  # a frontend has shown it (its view count rose above 0)
        self.clocks, self.beat, self.last_beat, self.ticks_unheard = [], None, None, 0
        self.static_png = figure.png(compress_level=9)
        hint = widgets.HTML(LOST_KERNEL, layout=widgets.Layout(order="-1"))
        hint.add_class("course-lost-kernel-box")
        widget.children = (*widget.children, hint)
        widget._view_count = 0  # the frontend counts the views from now on
        widget.observe(weak(self.on_view_count), names="_view_count")
        self._closer = weakref.finalize(self, close_and_give_back, widget)
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
        clock.alive = weak(self.alive)
        if clock not in self.clocks:
            self.clocks.append(clock)
            clock.listeners.append(weak(self.on_clock))
        if self.beat is None:
            self.beat = widgets.Play(
                value=0,
                min=0,
                max=10**9,
                interval=BEAT_MS,
                repeat=True,
                layout=widgets.Layout(display="none"),
            )
            self.beat.observe(weak(self.on_beat), names="value")
            self.widget.children = (*self.widget.children, self.beat)
        return clock

    def alive(self):
        """True while the widget is open and someone may see it: it was never shown, or it
        still has a view, and its views have not stopped beating."""
        if self.closed or (self.shown and self.widget._view_count == 0):
            return False
        self.ticks_unheard += 1
        unheard = self.last_beat is not None and time.monotonic() - self.last_beat > BEAT_LOST
        return not (unheard and self.ticks_unheard > 5)  # a busy kernel hears late, not never

    def on_clock(self, running):
        """A clock started (the heartbeat starts: forget the old beats) or stopped."""
        self.last_beat = None
        if self.beat is not None:
            self.beat.playing = running

    def on_beat(self, change):
        self.last_beat, self.ticks_unheard = time.monotonic(), 0

    def on_view_count(self, change):
        if (change["new"] or 0) > 0:
            self.shown = True
        elif self.shown:  # its last view went away (cell re-run or output cleared)
            self.stop_clocks()

    def stop_clocks(self):
        for clock in self.clocks:
            clock.stop()

    def close(self):
        """Stop the clocks, close every widget of this one (its views disappear) and let go of
        the figure, caches and controls."""
        if not self.closed:
            self.stop_clocks()
            self.closed = True
            self._closer()
            self.release()
            give_back_memory()

    def release(self):
        """Close the figure and drop everything but ``KEEP``: a closed widget weighs little."""
        figure = self.__dict__.get("figure")
        if hasattr(figure, "close"):
            figure.close()
        for key in [k for k in vars(self) if k not in self.KEEP]:
            delattr(self, key)

    def __getattr__(self, attribute):
        if self.__dict__.get("closed"):
            raise AttributeError(
                f"{attribute}: this {type(self).__name__} was closed (its cell ran again, or "
                "close() was called) and let go of its parts; use the new one, or run its cell "
                "again"
            )
        raise AttributeError(attribute)

    def replace_previous(self):
        """Close the widgets an earlier run of the current cell made, and keep this one while
        its cell's run is the last. Outside a cell: ``collect_now_and_then``."""
        cell, execution = current_cell()
        if cell is None:
            collect_now_and_then()
            return
        previous_execution, previous = CourseWidget.live.get(cell, (execution, []))
        if previous_execution != execution:
            for old in previous:
                old.close()
            previous = []
        CourseWidget.live[cell] = (execution, [*previous, self])

    def __repr__(self):
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None):
        """One bundle: the live view, the still PNG and the text (what Colab is shown)."""
        if self.closed:
            return {"text/plain": f"{self.text} (closed: run its cell again for a live one)"}, {}
        model, png = self.widget.model_id, self.static_png
        return outputs(model, png, self.text, self.alt, colab=True)[0]

    def _ipython_display_(self):
        """Display the live widget and its still as two outputs (one bundle on Colab)."""
        if self.closed:
            display(self._repr_mimebundle_()[0], raw=True)
            return
        for data, metadata in outputs(self.widget.model_id, self.static_png, self.text, self.alt):
            display(data, metadata=metadata, raw=True)


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
            control.observe(weak(self.refresh), names="value")
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


#: The room a widget's controls, caption and the notebook's own bars take on a screen: the
#: picture is at most the rest of the window's height (at 1280 × 800 controls and picture are
#: on the screen together), and never more than its own size (sharp: one PNG pixel per CSS pixel).
PICTURE_MAX_HEIGHT = "calc(100vh - 330px)"


def picture(png, alt):
    """An ``Image`` widget showing ``png`` at its own size, smaller (never larger) where the
    window is low or narrow, its ``<img>`` named by ``alt`` (``set_alt_text``). Without a width a
    picture in a column box is stretched to the box's width (ipywidgets' boxes are flex boxes
    that stretch their items): on a wide screen it grew 2×, blurred, below the screen's edge."""
    layout = widgets.Layout(
        width="auto",
        height="auto",
        max_width="100%",
        max_height=PICTURE_MAX_HEIGHT,
        align_self="flex-start",
        object_fit="contain",
    )
    image = widgets.Image(value=png, format="png", layout=layout)
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
