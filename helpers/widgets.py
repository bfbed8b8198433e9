"""Interactive widgets for the notebooks: five small explorers and the playground.

    from helpers.widgets import perceptron_explorer
    perceptron_explorer()

Every widget function returns a ``CourseWidget``. Shown as a cell's value it carries the live
widget (for JupyterLab, Jupyter Notebook and Colab) *and* a PNG of its default state with a short
text, so that a page without a live kernel (GitHub, nbval, a printout) still shows a meaningful
figure. Only controls that ipywidgets 7.7 (Colab) and 8 share are used, and figures are plain
matplotlib PNGs pushed into an ``Image`` widget: no ipympl.

Each widget is split into a plain *state* function (controls → numbers, unit-tested) and a
*figure* class that draws a state once and afterwards only updates its artists (``set_data``,
``set_height``, ...), so that a slider move costs one re-render, not a new figure.
"""

import base64
import contextlib
import html
import io

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from PIL import Image as PILImage

from .activations import relu, sigmoid, step, tanh
from .data import snack_example
from .plotting import COLORS, use_course_style

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
DECISIONS = {0: "stay on the couch", 1: "get snacks"}


# ------------------------------------------------------------------------------------ plumbing
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
        with course_style():
            if not self._laid_out:
                canvas.draw()  # constrained layout runs once ...
                self.fig.set_layout_engine("none")  # ... then the axes stay where they are
                self._laid_out = True
            if self._background is None:
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.fig.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self.animated:
                if artist.get_visible():
                    self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())

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


def _ipywidgets():
    import ipywidgets  # imported late: the pure state/figure functions do not need it

    return ipywidgets


def _slider(kind, value, lo, hi, step, description, continuous=True, readout_format=None):
    w = _ipywidgets()
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


def _assemble(name, css, controls, figure, compute, caption=None, columns=2, text=""):
    """Standard layout and wiring: sliders in columns, a caption (HTML), the figure (Image)."""
    w = _ipywidgets()
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


def _fmt(v):
    """A number for a formula: 4.0 → '4', −1.5 → '−1.5' (true minus sign)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    s = "0" if s in ("-0", "") else s
    return s.replace("-", "−")


# ------------------------------------------------------------------------ perceptron explorer
def perceptron_state(x1, x2, w1, w2, b):
    """The snack perceptron for inputs (x₁, x₂), weights (w₁, w₂) and bias b.

    Returns a dict: z = w₁x₁ + w₂x₂ + b, output (1 if z > 0 else 0), decision (words),
    the inputs/weights, and ``html``/``text`` lines that spell out the sum.
    """
    z = w1 * x1 + w2 * x2 + b
    output = int(z > 0)
    sum_text = (
        f"z = w₁x₁ + w₂x₂ + b = ({_fmt(w1)})·({_fmt(x1)}) + ({_fmt(w2)})·({_fmt(x2)}) "
        f"+ ({_fmt(b)}) = {_fmt(z)}"
    )
    verdict = f"{_fmt(z)} {'>' if output else '≤'} 0 → output {output}: {DECISIONS[output]}"
    colour = COLORS["orange"] if output else COLORS["blue"]
    return {
        "x": np.array([x1, x2], dtype=float),
        "w": np.array([w1, w2], dtype=float),
        "b": float(b),
        "z": float(z),
        "output": output,
        "decision": DECISIONS[output],
        "text": f"{sum_text}; {verdict}",
        "html": (
            f"<div style='font-size:1.15em'>{sum_text}<br><b style='color:{colour}'>"
            f"{verdict}</b></div>"
        ),
    }


class PerceptronFigure(LiveFigure):
    """The (x₁, x₂) plane: where the perceptron says 1 (orange) or 0 (blue), the decision line
    w₁x₁ + w₂x₂ + b = 0 and the current evening as a star."""

    LIMITS = (-0.5, 6.5, -0.5, 4.5)

    def __init__(self, state, figsize=(6.4, 4.4)):
        super().__init__(figsize)
        x0, x1, y0, y1 = self.LIMITS
        self.gx, self.gy = np.meshgrid(np.linspace(x0, x1, 261), np.linspace(y0, y1, 201))
        with course_style():
            ax = self.ax = self.fig.add_subplot()
            cmap = ListedColormap(["#cfe3f1", "#f8e2b3"])  # light blue (0), light orange (1)
            self.region = ax.imshow(
                self._regions(state),
                extent=self.LIMITS,
                origin="lower",
                cmap=cmap,
                vmin=0,
                vmax=1,
                aspect="auto",
                interpolation="nearest",
            )
            (self.line,) = ax.plot([], [], color=COLORS["black"], lw=2.5, label="w·x + b = 0")
            (self.point,) = ax.plot(
                [], [], marker="*", ms=24, mec="black", mew=1.2, ls="none", label="this evening"
            )
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_xlabel("$x_1$: effort to get the snacks")
            ax.set_ylabel("$x_2$: hunger")
            handles = [
                Patch(color="#f8e2b3", label="1: get snacks"),
                Patch(color="#cfe3f1", label="0: stay on the couch"),
                self.line,
                self.point,
            ]
            legend = ax.legend(handles=handles, loc="upper left", fontsize=11, framealpha=0.9)
            self.title = ax.set_title(" ")
        # the region is drawn over the static background, so the legend must come after it
        self.animate(self.region, self.line, self.point, self.title, legend)
        self.update(state)

    def _regions(self, state):
        (w1, w2), b = state["w"], state["b"]
        return (w1 * self.gx + w2 * self.gy + b > 0).astype(float)

    def update(self, state):
        self.region.set_data(self._regions(state))
        (w1, w2), b = state["w"], state["b"]
        x0, x1, y0, y1 = self.LIMITS
        if abs(w2) > 1e-9:  # x₂ = −(w₁x₁ + b)/w₂
            xs = np.array([x0, x1])
            self.line.set_data(xs, -(w1 * xs + b) / w2)
        elif abs(w1) > 1e-9:  # vertical line x₁ = −b/w₁
            self.line.set_data([-b / w1] * 2, [y0, y1])
        else:  # no weights: no line, the bias alone decides
            self.line.set_data([], [])
        self.point.set_data([state["x"][0]], [state["x"][1]])
        self.point.set_color(COLORS["orange"] if state["output"] else COLORS["blue"])
        self.point.set_markeredgecolor("black")
        sign = ">" if state["output"] else "≤"
        self.title.set_text(
            f"z = {_fmt(state['z'])} {sign} 0 → output {state['output']}: {state['decision']}"
        )


def perceptron_explorer(x=None, w=None, b=None):
    """Sliders for the snack example's inputs x₁, x₂, weights w₁, w₂ and bias b.

    Shows z = w·x + b and the decision (0: stay on the couch, 1: get snacks) live, and the
    decision line in the (x₁, x₂) plane with the current evening. Defaults: the slide's numbers
    ``helpers.snack_example()``: x = (4, 1), w = (−1, 2), b = 1.
    """
    snack = snack_example()
    x = snack.x if x is None else np.asarray(x, dtype=float)
    w = snack.w if w is None else np.asarray(w, dtype=float)
    b = snack.b if b is None else float(b)
    controls = {
        "x1": _slider("FloatSlider", x[0], 0, 6, 0.5, "x₁ effort"),
        "x2": _slider("FloatSlider", x[1], 0, 4, 0.5, "x₂ hunger"),
        "w1": _slider("FloatSlider", w[0], -3, 3, 0.1, "w₁"),
        "w2": _slider("FloatSlider", w[1], -3, 3, 0.1, "w₂"),
        "b": _slider("FloatSlider", b, -5, 5, 0.1, "b (bias)"),
    }
    state = perceptron_state(x[0], x[1], w[0], w[1], b)
    return _assemble(
        "perceptron_explorer",
        "course-perceptron-explorer",
        controls,
        PerceptronFigure(state),
        perceptron_state,
        caption=state["html"],
        columns=2,
        text=f"Perceptron explorer (sliders x₁, x₂, w₁, w₂, b): {state['text']}",
    )


# ------------------------------------------------------------------------ activation explorer
ACTIVATION_CURVES = (("step", step), ("sigmoid", sigmoid), ("tanh", tanh), ("ReLU", relu))


def activation_state(w=1.0, b=0.0, x=None):
    """f(w x + b) over x ∈ [−6, 6] for step, sigmoid, tanh and ReLU.

    Returns a dict with ``x``, ``curves`` (name → values), ``threshold`` (the x where
    w x + b = 0, i.e. −b/w, or None when w = 0) and a ``html`` line.
    """
    x = np.linspace(-6, 6, 481) if x is None else np.asarray(x, dtype=float)
    z = w * x + b
    threshold = -b / w if abs(w) > 1e-9 else None
    where = (
        f"w x + b = 0 at x = −b/w = {_fmt(threshold)}"
        if threshold is not None
        else "w = 0: every x gives the same z = b"
    )
    return {
        "x": x,
        "w": float(w),
        "b": float(b),
        "curves": {name: f(z) for name, f in ACTIVATION_CURVES},
        "threshold": threshold,
        "html": (
            f"<div style='font-size:1.1em'>a = f(z) with z = w x + b = {_fmt(w)}·x + ({_fmt(b)})"
            f"; {where}. A larger |w| makes the switch steeper, b shifts it.</div>"
        ),
    }


class ActivationFigure(LiveFigure):
    """Four panels: step, sigmoid, tanh and ReLU of z = w x + b against x (grey: w=1, b=0)."""

    def __init__(self, state, figsize=(8, 5)):
        super().__init__(figsize)
        colours = [COLORS[c] for c in ("vermillion", "blue", "green", "orange")]
        ref = activation_state(1.0, 0.0, state["x"])
        self.lines, self.marks, self.axes = {}, {}, {}
        with course_style():
            axes = self.fig.subplots(2, 2, sharex=True)
            for ax, (name, _), colour in zip(axes.flat, ACTIVATION_CURVES, colours, strict=True):
                ax.plot(state["x"], ref["curves"][name], color="0.75", lw=1.5, label="w=1, b=0")
                (self.lines[name],) = ax.plot([], [], color=colour, label="f(w x + b)")
                self.marks[name] = ax.axvline(0, color="0.3", ls=":", lw=1.5)
                ax.set_title(name)
                ax.set_xlim(-6, 6)
                self.axes[name] = ax
            for ax in axes[1]:
                ax.set_xlabel("input $x$")
            for ax in axes[:, 0]:
                ax.set_ylabel("$a = f(wx+b)$")
            self.axes["step"].set_ylim(-0.1, 1.1)
            self.axes["sigmoid"].set_ylim(-0.1, 1.1)
            self.axes["tanh"].set_ylim(-1.15, 1.15)
            self.axes["step"].legend(loc="upper left", fontsize=10)
            self.axes["ReLU"].set_ylim(-0.3, 6.3)
            self.suptitle = self.fig.suptitle(" ")
        for name in self.lines:
            self.animate(self.lines[name], self.marks[name])
        self.animate(self.suptitle)
        self.update(state)

    def update(self, state):
        for name, line in self.lines.items():
            line.set_data(state["x"], state["curves"][name])
            t = state["threshold"]
            visible = t is not None and -6 <= t <= 6
            self.marks[name].set_visible(visible)
            if visible:
                self.marks[name].set_xdata([t, t])
        self.suptitle.set_text(
            f"Activation functions of z = w x + b (w = {_fmt(state['w'])}, b = {_fmt(state['b'])})"
        )


def activation_explorer(w=1.0, b=0.0):
    """Sliders w and b → the response a = f(w x + b) of step, sigmoid, tanh and ReLU over x.

    The grey curve is w = 1, b = 0; the dotted line marks x = −b/w, where z = w x + b = 0.
    """
    controls = {
        "w": _slider("FloatSlider", w, -5, 5, 0.1, "w (weight)"),
        "b": _slider("FloatSlider", b, -5, 5, 0.1, "b (bias)"),
    }
    state = activation_state(w, b)
    return _assemble(
        "activation_explorer",
        "course-activation-explorer",
        controls,
        ActivationFigure(state),
        activation_state,
        caption=state["html"],
        columns=2,
        text=f"Activation explorer (sliders w, b): step, sigmoid, tanh and ReLU of "
        f"{_fmt(w)}·x + ({_fmt(b)})",
    )
