"""Interactive widgets for the notebooks: five small explorers and the playground.

    from helpers.widgets import perceptron_explorer
    perceptron_explorer()

Every widget function returns a ``CourseWidget``. Shown as a cell's value it carries the live
widget (for JupyterLab, Jupyter Notebook and Colab) *and* a PNG of its default state with a short
text, so that a page without a live kernel (GitHub, nbval, a printout) still shows a meaningful
figure. Figures are plain matplotlib PNGs/JPEGs pushed into an ``Image`` widget: no ipympl.

Each widget is split into a plain *state* function (controls → numbers, unit-tested) and a
*figure* class that draws a state once and afterwards only updates its artists (``set_data``,
``set_height``, ...), so that a slider move costs one re-render, not a new figure.

Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4): only API both share is used
(FloatSlider, IntSlider, FloatLogSlider, Dropdown with (label, value) pairs, Checkbox(indent),
Text, BoundedIntText, Button with style.button_color and FontAwesome 4 icons, HTML, Label,
Image, Box/HBox/VBox/GridBox, Layout, ``observe(names="value")``, ``on_click``,
``add_class``). Checked without a browser under both ipywidgets 7.7.1 (with numpy 2.1.3,
matplotlib 3.10.0, scikit-learn 1.6.1, ipykernel 6.17.1, IPython 7.34.0) and 8.1.9 (ipykernel
7.4): every widget constructs; IPython's display formatter gives the widget view (protocol 2.0,
the box's model id), a PNG and the text; ``add_class`` sets ``_dom_classes``; changing any
control's value from Python changes the shown Image bytes (and the caption); in a real kernel
driven by a frontend's comm messages (slider and dropdown updates, button clicks), the new
Image bytes are sent, Step/Reset and the digit pad's cells work, Play ticks (~6.7 frames/s)
and Pause stops it. JupyterLab 4 is also tested in a real browser (tests/test_browser.py).
The playground's Play is a ``Clock`` on the kernel's event loop, not ``ipywidgets.Play``: in
7.x a Play widget started from Python never starts its timer (ipywidgets issue 1897).
"""

import asyncio
import base64
import contextlib
import html
import io
import time

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from PIL import Image as PILImage

from .activations import relu, sigmoid, step, tanh
from .data import load_digits_split, make_toy, snack_example
from .losses import binary_cross_entropy
from .network import Network, TrainingDiverged
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
            legend = ax.legend(handles=handles, loc="upper left", fontsize=12, framealpha=0.9)
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
            legend = self.axes["step"].legend(loc="upper left", fontsize=12)
            self.axes["ReLU"].set_ylim(-0.3, 6.3)
            self.suptitle = self.fig.suptitle(" ")
        for name in self.lines:
            self.animate(self.lines[name], self.marks[name])
        self.animate(legend, self.suptitle)  # the legend over the step curve
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


# ---------------------------------------------------------------------- learning-rate explorer
def sigmoid_neuron_problem(n_samples=30, seed=0):
    """The learning-rate explorer's default model: one sigmoid neuron a = σ(w x + b) with the
    cross-entropy loss on a small seeded 1-D data set (x, y), y ∈ {0, 1}.

    Returns (loss_and_grad, x, y); ``loss_and_grad(params)`` takes params = (w, b) and returns
    (L, ∇L) with L = −1/n Σ [y ln a + (1 − y) ln(1 − a)] and ∇L = (mean((a − y) x), mean(a − y)).
    """
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-3, 3, n_samples))
    y = (rng.uniform(0, 1, n_samples) < sigmoid(2.0 * x - 1.0)).astype(float)

    def loss_and_grad(params):
        w, b = params
        a = sigmoid(w * x + b)
        loss = binary_cross_entropy(y[:, None], a[:, None])  # columns: one row per sample
        return loss, np.array([np.mean((a - y) * x), np.mean(a - y)])

    return loss_and_grad, x, y


def gradient_descent_path(loss_and_grad, start, learning_rate, steps):
    """Run ``steps`` steps of gradient descent θ ← θ − η ∇L(θ) from ``start``.

    Returns (path, losses): path of shape (steps + 1, 2) (the start first) and the loss at each
    point. If the loss becomes NaN or infinite (or θ explodes) the rest is NaN.
    """
    theta = np.asarray(start, dtype=float)
    path = np.full((steps + 1, theta.size), np.nan)
    losses = np.full(steps + 1, np.nan)
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            loss, grad = loss_and_grad(theta)
            if not (np.isfinite(loss) and np.all(np.isfinite(theta))) or np.abs(theta).max() > 1e6:
                break
            path[k], losses[k] = theta, loss
            theta = theta - learning_rate * np.asarray(grad, dtype=float)
    return path, losses


def learning_rate_state(learning_rate, steps, loss_and_grad, start, names=("w", "b")):
    """Gradient descent's path for η = ``learning_rate`` and ``steps`` steps, with a caption."""
    path, losses = gradient_descent_path(loss_and_grad, start, learning_rate, steps)
    done = int(np.sum(np.isfinite(losses))) - 1
    if done < steps:
        result = f"diverged after {done} steps: η is far too large"
    else:
        end = ", ".join(f"{n} = {_fmt(v)}" for n, v in zip(names, path[-1], strict=True))
        result = (
            f"after {steps} steps: {end}, L = {losses[-1]:.3f} (at the start L = {losses[0]:.3f})"
        )
    return {
        "path": path,
        "losses": losses,
        "learning_rate": float(learning_rate),
        "steps": int(steps),
        "html": f"<div style='font-size:1.1em'>η = {learning_rate:.3g}; {result}</div>",
    }


class LearningRateFigure(LiveFigure):
    """Left: the loss as contours over the two parameters, with the path of gradient descent.
    Right: the loss after each step."""

    def __init__(self, state, loss_and_grad, xlim, ylim, names, max_steps, figsize=(9, 4.2)):
        super().__init__(figsize)
        gx, gy = np.meshgrid(np.linspace(*xlim, 81), np.linspace(*ylim, 81))
        with np.errstate(all="ignore"):
            grid = np.array(
                [loss_and_grad(np.array([a, b]))[0] for a, b in zip(gx.flat, gy.flat, strict=True)]
            ).reshape(gx.shape)
        finite = grid[np.isfinite(grid)]
        levels = np.quantile(finite, np.linspace(0, 1, 16) ** 2) if finite.size else 10
        levels = np.unique(levels) if np.ndim(levels) else levels
        start_loss = state["losses"][0]
        with course_style():
            ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1.25, 1])
            ax.contourf(gx, gy, grid, levels=levels, cmap="Blues_r", alpha=0.8)
            ax.contour(gx, gy, grid, levels=levels, colors="white", linewidths=0.6)
            ax.plot(*state["path"][0], "o", color=COLORS["black"], ms=9, label="start")
            (self.path,) = ax.plot(
                [], [], "-o", color=COLORS["orange"], ms=4, lw=1.8, label="gradient descent"
            )
            (self.end,) = ax.plot(
                [], [], "*", color=COLORS["vermillion"], ms=18, mec="black", label="end"
            )
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            ax.set_xlabel(f"${names[0]}$")
            ax.set_ylabel(f"${names[1]}$")
            ax.set_title("Loss $L$ and the path of $\\theta$")
            ax.grid(False)
            legend = ax.legend(loc="lower left", fontsize=12)
            (self.curve,) = ax2.plot([], [], "-o", color=COLORS["orange"], ms=3)
            ax2.set_xlim(0, max_steps)
            top = 1.3 * start_loss if np.isfinite(start_loss) else 1.0
            ax2.set_ylim(0, top)
            ax2.set_xlabel("step")
            ax2.set_ylabel("loss $L$")
            ax2.set_title("Loss after each step")
            self.title = self.fig.suptitle(" ")
        self.animate(self.path, self.end, legend, self.curve, self.title)
        self.update(state)

    def update(self, state):
        path, losses = state["path"], state["losses"]
        ok = np.isfinite(losses)
        self.path.set_data(path[ok, 0], path[ok, 1])
        last = np.flatnonzero(ok)[-1]
        self.end.set_data([path[last, 0]], [path[last, 1]])
        self.curve.set_data(np.flatnonzero(ok), losses[ok])
        self.title.set_text(
            f"Gradient descent with η = {state['learning_rate']:.3g}, {state['steps']} steps"
        )


def learning_rate_explorer(
    loss_and_grad=None,
    start=(-2.0, 3.0),
    learning_rate=0.5,
    steps=20,
    xlim=(-3.0, 6.0),
    ylim=(-5.0, 4.0),
    names=("w", "b"),
    max_steps=100,
    eta_range=(1e-2, 30.0),
):
    """Gradient descent on a contour plot: choose the learning rate η (log slider) and the number
    of steps, and watch the path θ ← θ − η ∇L(θ).

    Default model: one sigmoid neuron (w, b) with the cross-entropy on a small seeded 1-D data
    set (``sigmoid_neuron_problem``). Pass your own ``loss_and_grad(params) -> (loss, grad)`` for
    two parameters, with ``start``, ``xlim``/``ylim`` (the plotted range) and ``names``.
    """
    if loss_and_grad is None:
        loss_and_grad = sigmoid_neuron_problem()[0]
    start = np.asarray(start, dtype=float)

    def compute(learning_rate, steps):
        return learning_rate_state(learning_rate, steps, loss_and_grad, start, names)

    lo, hi = np.log10(eta_range[0]), np.log10(eta_range[1])
    controls = {
        "learning_rate": _ipywidgets().FloatLogSlider(
            value=learning_rate,
            base=10,
            min=lo,
            max=hi,
            step=0.05,
            description="η (learning rate)",
            readout_format=".3g",
            style={"description_width": "110px"},
            layout=_ipywidgets().Layout(width="400px"),
        ),
        "steps": _slider("IntSlider", steps, 0, max_steps, 1, "steps"),
    }
    state = compute(learning_rate, steps)
    figure = LearningRateFigure(state, loss_and_grad, xlim, ylim, names, max_steps)
    return _assemble(
        "learning_rate_explorer",
        "course-lr-explorer",
        controls,
        figure,
        compute,
        caption=state["html"],
        columns=2,
        text=f"Learning-rate explorer (sliders η, steps): η = {learning_rate:.3g}, {steps} steps",
    )


# ------------------------------------------------------------------------ batch-size explorer
def batch_problem(n_samples=64, seed=0):
    """The batch-size explorer's small seeded problem: two Gaussian blobs (``make_toy("gauss")``
    with 50 % noise: the classes overlap), inputs scaled to about [−1, 1]. Returns (X, y)."""
    X, y = make_toy("gauss", n_samples=n_samples, noise=0.5, seed=seed)
    return X / 5.0, y


def train_loss_curve(X, y, batch_size, learning_rate, epochs, seed=0, hidden=(8,)):
    """Train ``Network([2, *hidden, 2], "tanh")`` with ``helpers.Network.fit`` and return the loss
    on the whole training set after each epoch (index 0: before training), shape (epochs + 1,).
    A diverged run is NaN from where it diverged."""
    net = Network([X.shape[1], *hidden, 2], hidden_activation="tanh", seed=seed)
    start = net.loss(X, y)
    try:
        history = net.fit(X, y, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate)
        losses = history["loss"]
    except TrainingDiverged:
        losses = [np.nan] * epochs
    return np.array([start, *losses], dtype=float)


def batch_size_state(batch_size, learning_rate, epochs, X, y, seed=0, cache=None):
    """Loss curves of full-batch gradient descent, mini-batch SGD (``batch_size``) and pure SGD
    (batch size 1), all with the same η, initial weights and epochs. ``cache`` (a dict) keeps
    curves already computed, so that moving one slider retrains only what changed."""
    n = len(X)
    cache = {} if cache is None else cache
    runs = {}
    for kind, size in (("full batch", n), ("mini-batch", batch_size), ("pure SGD", 1)):
        key = (size, float(learning_rate), int(epochs), seed)
        if key not in cache:
            cache[key] = train_loss_curve(X, y, size, learning_rate, epochs, seed)
        steps = int(np.ceil(n / size))
        runs[kind] = {"batch_size": size, "steps_per_epoch": steps, "loss": cache[key]}
    finals = "; ".join(
        f"{k}: " + (f"{r['loss'][-1]:.3f}" if np.isfinite(r["loss"][-1]) else "diverged")
        for k, r in runs.items()
    )
    return {
        "runs": runs,
        "epochs": int(epochs),
        "learning_rate": float(learning_rate),
        "html": (
            f"<div style='font-size:1.1em'>{n} training samples, η = {learning_rate:.3g}, "
            f"{epochs} epochs. Loss at the end: {finals}.</div>"
        ),
    }


class BatchSizeFigure(LiveFigure):
    """The training loss after each epoch for full-batch, mini-batch and pure SGD."""

    KINDS = ("full batch", "mini-batch", "pure SGD")

    def __init__(self, state, figsize=(7.5, 4.5)):
        super().__init__(figsize)
        colours = [COLORS["blue"], COLORS["orange"], COLORS["green"]]
        start = state["runs"]["full batch"]["loss"][0]
        with course_style():
            ax = self.ax = self.fig.add_subplot()
            self.lines = {
                k: ax.plot([], [], "-o", ms=3, color=c, label=k)[0]
                for k, c in zip(self.KINDS, colours, strict=True)
            }
            ax.set_ylim(0, 1.25 * start)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs
            ax.set_xlabel("epoch (one pass over the training data)")
            ax.set_ylabel("training loss $L$")
            self.title = ax.set_title(" ")
            self.legend = ax.legend(loc="upper right", fontsize=12)
        self.animate(*self.lines.values(), self.title, self.legend)
        self.update(state)

    def update(self, state):
        if self.ax.get_xlim() != (0, state["epochs"]):  # the axis changes: redraw everything
            self.ax.set_xlim(0, state["epochs"])
            self.invalidate()
        for kind, line in self.lines.items():
            run = state["runs"][kind]
            line.set_data(np.arange(len(run["loss"])), run["loss"])
            steps = run["steps_per_epoch"]
            label = f"{kind} (batch {run['batch_size']}, {steps} step{'s' * (steps > 1)}/epoch)"
            line.set_label(label)
            text = self.legend.get_texts()[self.KINDS.index(kind)]
            text.set_text(label)
        self.title.set_text(f"Same η = {state['learning_rate']:.3g}, different batch sizes")


def batch_size_explorer(batch_size=8, learning_rate=0.5, epochs=20, n_samples=64, seed=0):
    """Loss curves for full-batch gradient descent, mini-batch SGD and pure SGD (batch size 1)
    on a small seeded problem, trained with ``helpers.Network.fit``: sliders for the mini-batch
    size, the learning rate η (log scale) and the number of epochs."""
    X, y = batch_problem(n_samples, seed)
    cache = {}

    def compute(batch_size, learning_rate, epochs):
        return batch_size_state(batch_size, learning_rate, epochs, X, y, seed, cache)

    w = _ipywidgets()
    controls = {
        "batch_size": _slider("IntSlider", batch_size, 1, n_samples, 1, "batch size", False),
        "learning_rate": w.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-3,
            max=1,
            step=0.1,
            description="η (learning rate)",
            readout_format=".3g",
            continuous_update=False,
            style={"description_width": "110px"},
            layout=w.Layout(width="330px"),
        ),
        "epochs": _slider("IntSlider", epochs, 1, 50, 1, "epochs", False),
    }
    state = compute(batch_size, learning_rate, epochs)
    return _assemble(
        "batch_size_explorer",
        "course-batch-explorer",
        controls,
        BatchSizeFigure(state),
        compute,
        caption=state["html"],
        columns=2,
        text=f"Batch-size explorer (sliders batch size, η, epochs): batch size {batch_size}, "
        f"η = {learning_rate:.3g}, {epochs} epochs",
    )


# --------------------------------------------------------------------------------- digit pad
_DEFAULT_DIGIT_NETWORK = {}


def default_digit_network(seed=0):
    """A small network trained on the digits (64 → 32 tanh → 10 softmax, 30 epochs, seeded),
    for ``digit_pad()`` called without a network. Trained once per session (about a second)."""
    if seed not in _DEFAULT_DIGIT_NETWORK:
        data = load_digits_split()
        net = Network([64, 32, 10], hidden_activation="tanh", seed=seed)
        net.fit(data.X_train, data.y_train, epochs=30, batch_size=32, learning_rate=0.3)
        _DEFAULT_DIGIT_NETWORK[seed] = net
    return _DEFAULT_DIGIT_NETWORK[seed]


def example_digits():
    """One test-set image per digit 0–9 (the first of each in ``load_digits_split()``'s test
    set): an array of shape (10, 64) with pixels in [0, 1]."""
    data = load_digits_split()
    return np.array([data.X_test[np.flatnonzero(data.y_test == d)[0]] for d in range(10)])


def _probabilities(network, pixels):
    x = np.asarray(pixels, dtype=float).reshape(1, 64)
    if hasattr(network, "forward"):
        out = np.asarray(network.forward(x), dtype=float)[0]
    else:  # a scikit-learn classifier
        out = np.asarray(network.predict_proba(x), dtype=float)[0]
    return out


def digit_pad_state(pixels, network):
    """What the network makes of an 8×8 drawing: ``pixels`` (64 values in [0, 1], row by row).

    Returns a dict with ``pixels`` (8×8), ``probabilities`` (the softmax outputs), the
    ``prediction`` (most probable digit), its probability ``p`` and ``html``/``text`` lines.
    """
    pixels = np.clip(np.asarray(pixels, dtype=float).reshape(8, 8), 0, 1)
    probs = _probabilities(network, pixels)
    prediction = int(np.argmax(probs))
    p = float(probs[prediction])
    empty = " (the pad is empty: draw a digit!)" if not pixels.any() else ""
    return {
        "pixels": pixels,
        "probabilities": probs,
        "prediction": prediction,
        "p": p,
        "text": f"Prediction: {prediction} (p = {p:.2f}){empty}",
        "html": (
            f"<div style='font-size:1.4em'>Prediction: <b>{prediction}</b> "
            f"(p = {p:.2f}){empty}</div>"
        ),
    }


class DigitPadFigure(LiveFigure):
    """Left: the 8×8 image the network sees. Right: its softmax probabilities, one bar per
    digit, the predicted one highlighted."""

    def __init__(self, state, figsize=(7.5, 3.3)):
        super().__init__(figsize)
        k = len(state["probabilities"])
        with course_style():
            ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1, 2.2])
            self.image = ax.imshow(state["pixels"], cmap="gray_r", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            for spine in ax.spines.values():  # a thin frame around all 8×8 cells
                spine.set_visible(True)
                spine.set_color("0.6")
            ax.set_title("the input, 8×8", fontsize=14)
            self.bars = ax2.bar(np.arange(k), np.zeros(k), color=COLORS["sky"])
            ax2.set_xticks(np.arange(k))
            ax2.set_ylim(0, 1)
            ax2.set_xlabel("digit")
            ax2.set_ylabel("probability")
            self.title = ax2.set_title(" ")
        # the frame after the image that it surrounds (the image would cover half of it)
        self.animate(self.image, *ax.spines.values(), *self.bars, self.title)
        self.update(state)

    def update(self, state):
        self.image.set_data(state["pixels"])
        for j, (bar, p) in enumerate(zip(self.bars, state["probabilities"], strict=True)):
            bar.set_height(p)
            bar.set_color(COLORS["orange"] if j == state["prediction"] else COLORS["sky"])
        self.title.set_text(f"prediction {state['prediction']} (p = {state['p']:.2f})")


def _ink(value):
    """Button colour for a pixel value in [0, 1]: white (0) to near-black (1)."""
    level = int(round(255 - 225 * float(np.clip(value, 0, 1))))
    return f"#{level:02x}{level:02x}{level:02x}"


def digit_pad(network=None, start=3):
    """An 8×8 pad to draw a digit on, with ``network``'s prediction and its softmax
    probabilities as a bar chart, updated at every click.

    Click a cell to cycle its ink: empty → full → half → empty. "Clear" empties the pad; the
    buttons 0–9 load a digit of the test set. ``network``: a trained ``helpers.Network`` with 64
    inputs and 10 softmax outputs (or anything with ``predict_proba``); None trains a small one.
    ``start``: the test-set digit shown first (None: an empty pad).
    """
    w = _ipywidgets()
    network = default_digit_network() if network is None else network
    examples = example_digits()
    pixels = np.zeros(64) if start is None else examples[int(start)].copy()
    state = digit_pad_state(pixels, network)
    figure = DigitPadFigure(state)
    image = w.Image(value=figure.png(), format="png")
    prediction = w.HTML(value=state["html"])
    prediction.add_class("digit-pad-prediction")

    cells = []
    for _ in range(64):
        cell = w.Button(description="", layout=w.Layout(width="30px", height="30px", padding="0"))
        cell.add_class("digit-pad-cell")
        cells.append(cell)

    def paint(index=None):
        for i in range(64) if index is None else [index]:
            cells[i].style.button_color = _ink(pixels[i])

    def refresh():
        new = digit_pad_state(pixels, network)
        figure.update(new)
        image.value = figure.png()
        prediction.value = new["html"]

    def on_cell(button):
        i = cells.index(button)
        v = pixels[i]
        pixels[i] = 1.0 if v < 0.25 else (0.5 if v > 0.75 else 0.0)
        paint(i)
        refresh()

    for cell in cells:
        cell.on_click(on_cell)
    paint()

    def load(digit):
        pixels[:] = 0.0 if digit is None else examples[digit]
        paint()
        refresh()

    clear = w.Button(description="Clear", icon="eraser", layout=w.Layout(width="90px"))
    clear.on_click(lambda _: load(None))
    loaders = []
    for d in range(10):
        b = w.Button(description=str(d), layout=w.Layout(width="34px"))
        b.on_click(lambda _, d=d: load(d))
        loaders.append(b)
    grid = w.GridBox(
        cells,
        layout=w.Layout(
            grid_template_columns="repeat(8, 30px)", grid_gap="2px", width="max-content"
        ),
    )
    grid.add_class("digit-pad-grid")
    pad = w.VBox([grid, w.HBox([clear])], layout=w.Layout(margin="0 20px 0 0"))
    examples_row = w.HBox([w.Label("Load a test digit:"), *loaders])
    box = w.VBox([w.HBox([pad, w.VBox([prediction, image])]), examples_row])
    box.add_class("course-widget")
    box.add_class("course-digit-pad")
    controls = {"cells": cells, "clear": clear, "examples": loaders}
    text = f"Digit pad (8×8 cells to click, Clear, test digits 0–9): {state['text']}"
    result = CourseWidget("digit_pad", box, controls, figure, refresh, text)
    result.pixels = pixels
    result.load = load
    return result


# -------------------------------------------------------------------------------- playground
class _Composite:
    """Live figures arranged as one picture, as the playground widget shows them (its static
    PNG): ``figures`` maps names to figures (looked up at each draw: the playground replaces
    its network figure), ``columns`` lists columns of names stacked top to bottom."""

    GAP = 8  # white pixels between figures

    def __init__(self, figures, columns):
        self.figures, self.columns = figures, columns

    def rgb(self):
        def stack(arrays, axis):
            size = max(a.shape[1 - axis] for a in arrays)
            pad = [[0, 0], [0, 0], [0, 0]]
            out = []
            for i, a in enumerate(arrays):
                pad[1 - axis] = [0, size - a.shape[1 - axis]]
                pad[axis] = [0, self.GAP if i < len(arrays) - 1 else 0]
                out.append(np.pad(a, pad, constant_values=255))
            return np.concatenate(out, axis=axis)

        columns = [
            stack([self.figures[name].rgba()[..., :3] for name in column], 0)
            for column in self.columns
        ]
        return stack(columns, 1)

    def jpeg(self, quality=90):
        buf = io.BytesIO()
        PILImage.fromarray(self.rgb()).save(buf, format="jpeg", quality=quality)
        return buf.getvalue()

    def png(self, compress_level=1):
        buf = io.BytesIO()
        PILImage.fromarray(self.rgb()).save(buf, format="png", compress_level=compress_level)
        return buf.getvalue()


def _dropdown(options, value, description, width="230px"):
    w = _ipywidgets()
    return w.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "95px"},
        layout=w.Layout(width=width),
    )


def _format_rate(r):
    return f"{r:g}"


def playground(
    dataset="circle",
    n_classes=2,
    noise=0,
    train_ratio=50,
    features=("x1", "x2"),
    hidden=(4, 2),
    activation="tanh",
    learning_rate=0.03,
    batch_size=10,
    regularization=None,
    regularization_rate=0.0,
    loss="cross_entropy",
    seed=0,
    data_seed=0,
    show_test=False,
    discretize=False,
    n_samples=400,
    epochs=0,
    frame_ms=150,
):
    """The course's Neural Network Playground: the TensorFlow Playground on ``helpers.Network``.

    Data: circle, xor, gauss, spiral (gauss and spiral also with 3–6 classes: softmax output
    and cross-entropy); noise 0–50 %; training:test ratio; Regenerate draws new points.
    Inputs: any of x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. Network: 0–6 hidden layers of 1–8
    neurons (typed as "4, 2"), activation ReLU/tanh/sigmoid/linear, quadratic or cross-entropy
    loss. Training: learning rate 0.00001–10, batch size 1–30, L1/L2 regularisation, seed.
    Play/Pause, Step (one epoch), Reset; the epoch counter, the loss curve, the output as a
    heatmap under the points (test points and a discretised output on request), a picture of
    the network with each neuron's own heatmap, and the one line of Python that recreates the
    configuration. ``epochs`` trains that many epochs before showing; ``frame_ms`` is the time
    between frames while playing.
    """
    from .playground import (
        ACTIVATIONS as PG_ACTIVATIONS,
    )
    from .playground import (
        FEATURES,
        LEARNING_RATES,
        REGULARIZATION_RATES,
        PlaygroundConfig,
        PlaygroundModel,
        curve_figure,
        network_figure,
        surface_figure,
    )

    w = _ipywidgets()
    config = PlaygroundConfig(
        dataset=dataset,
        n_classes=n_classes,
        noise=noise,
        train_ratio=train_ratio,
        n_samples=n_samples,
        features=features,
        hidden=hidden,
        activation=activation,
        learning_rate=learning_rate,
        batch_size=batch_size,
        regularization=regularization,
        regularization_rate=regularization_rate,
        loss=loss,
        seed=seed,
        data_seed=data_seed,
        show_test=show_test,
        discretize=discretize,
    )
    model = PlaygroundModel(config)
    if epochs:  # in about 60 chunks: the loss curve gets points along the way
        chunk = max(1, epochs // 60)
        while model.epoch < epochs and model.train(min(chunk, epochs - model.epoch)):
            pass

    # ----------------------------------------------------------------------- controls
    c = {}
    c["dataset"] = _dropdown(["circle", "xor", "gauss", "spiral"], dataset, "data")
    c["n_classes"] = _slider("IntSlider", n_classes, 2, 4, 1, "classes", False)
    c["noise"] = _slider("IntSlider", noise, 0, 50, 5, "noise %", False)
    c["train_ratio"] = _slider("IntSlider", train_ratio, 10, 90, 10, "training %", False)
    c["show_test"] = w.Checkbox(value=show_test, description="show test data", indent=False)
    c["discretize"] = w.Checkbox(value=discretize, description="discretise output", indent=False)
    feature_boxes = {
        f: w.Checkbox(
            value=f in features, description=label, indent=False, layout=w.Layout(width="110px")
        )
        for f, (label, _) in FEATURES.items()
    }
    c["hidden"] = w.Text(
        value=", ".join(str(h) for h in hidden),
        description="hidden layers",
        placeholder="e.g. 4, 2 (empty: none)",
        style={"description_width": "95px"},
        layout=w.Layout(width="230px"),
    )
    c["activation"] = _dropdown(list(PG_ACTIVATIONS), activation, "activation")
    c["loss"] = _dropdown([("cross-entropy", "cross_entropy"), ("quadratic", "mse")], loss, "loss")
    c["seed"] = w.BoundedIntText(
        value=seed,
        min=0,
        max=10**6,
        description="seed",
        style={"description_width": "95px"},
        layout=w.Layout(width="180px"),
    )
    c["learning_rate"] = _dropdown(
        [(_format_rate(r), r) for r in LEARNING_RATES], learning_rate, "learning rate"
    )
    c["batch_size"] = _slider("IntSlider", batch_size, 1, 30, 1, "batch size", False)
    c["regularization"] = _dropdown(
        ["none", "L1", "L2"], regularization or "none", "regularisation"
    )
    c["regularization_rate"] = _dropdown(
        [(_format_rate(r), r) for r in REGULARIZATION_RATES], regularization_rate, "reg. rate"
    )
    for ctl in list(c.values()) + list(feature_boxes.values()):
        ctl.layout.margin = "1px 0"
    for ctl in (c["noise"], c["train_ratio"], c["n_classes"], c["batch_size"]):
        ctl.layout.width = "300px"
        ctl.style.description_width = "95px"

    play_button = w.Button(
        description="Play", button_style="success", icon="play", layout=w.Layout(width="100px")
    )
    step_button = w.Button(description="Step", icon="step-forward", layout=w.Layout(width="90px"))
    reset_button = w.Button(description="Reset", icon="undo", layout=w.Layout(width="90px"))
    regenerate = w.Button(description="Regenerate", icon="refresh", layout=w.Layout(width="120px"))
    epoch_label = w.HTML()
    epoch_label.add_class("playground-epoch")
    message = w.HTML()
    code = w.HTML()

    # ------------------------------------------------------------------------- figures
    fig = {
        "surface": surface_figure(model),
        "network": network_figure(model),
        "curve": curve_figure(),
    }
    # fixed-size pictures: never stretched or shrunk by the flex boxes around them
    images = {k: w.Image(format="jpeg", layout=w.Layout(flex="0 0 auto")) for k in fig}
    curve_box = w.Box([images["curve"]])
    curve_box.add_class("playground-curve")
    pg = {"model": model, "epoch_time": 0.005, "frames": 0}

    def redraw():
        m = pg["model"]
        snap = m.snapshot()
        snap["show_test"] = m.config.show_test
        snap["discretize"] = m.config.discretize
        for k, f in fig.items():
            f.update(snap)
            images[k].value = f.jpeg()
        train, test = snap["losses"]
        epoch_label.value = (
            f"<span style='font-size:1.25em'>Epoch <b>{snap['epoch']}</b></span> &nbsp; "
            f"training loss {train:.3f} &nbsp; test loss {test:.3f}"
        )
        code.value = (
            "<span style='color:#555'>Recreate this configuration:</span> "
            f"<code>{html.escape(m.config.call(), quote=False)}</code>"
        )
        if snap["diverged"]:
            message.value = (
                "<b style='color:#D55E00'>Training diverged</b> (the loss became NaN or the "
                "weights exploded): choose a smaller learning rate and press Reset."
            )
        pg["frames"] += 1

    def show_playing(on):
        play_button.description = "Pause" if on else "Play"
        play_button.icon = "pause" if on else "play"
        play_button.button_style = "warning" if on else "success"

    def set_playing(on):
        if on and pg["model"].diverged:
            on = False
        if on:
            clock.start()
        else:
            clock.stop()
        show_playing(on)

    def current_config():
        text = c["hidden"].value.replace(";", ",").strip()
        try:
            layers = tuple(int(t) for t in text.split(",") if t.strip()) if text else ()
        except ValueError:
            raise ValueError(
                "hidden layers: type whole numbers separated by commas, e.g. 4, 2"
            ) from None
        if c["dataset"].value in ("circle", "xor"):
            c["n_classes"].value = 2
        return PlaygroundConfig(
            dataset=c["dataset"].value,
            n_classes=c["n_classes"].value,
            noise=c["noise"].value,
            train_ratio=c["train_ratio"].value,
            n_samples=n_samples,
            features=tuple(f for f, box in feature_boxes.items() if box.value),
            hidden=layers,
            activation=c["activation"].value,
            learning_rate=c["learning_rate"].value,
            batch_size=c["batch_size"].value,
            regularization=None
            if c["regularization"].value == "none"
            else c["regularization"].value,
            regularization_rate=c["regularization_rate"].value,
            loss=c["loss"].value,
            seed=c["seed"].value,
            data_seed=pg["model"].config.data_seed,
            show_test=c["show_test"].value,
            discretize=c["discretize"].value,
        )

    def rebuild(change=None, data_seed=None):
        try:
            new = current_config()
            if data_seed is not None:
                new.data_seed = data_seed
        except ValueError as error:
            message.value = f"<b style='color:#D55E00'>{html.escape(str(error))}</b>"
            return
        message.value = ""
        c["n_classes"].disabled = new.dataset in ("circle", "xor")
        pg["model"] = PlaygroundModel(new)
        fig["network"] = network_figure(pg["model"])
        fig["surface"].set_points(pg["model"])
        redraw()

    def adjust(change=None):  # settings that apply from the next step on, as in TF's playground
        try:
            new = current_config()
        except ValueError as error:
            message.value = f"<b style='color:#D55E00'>{html.escape(str(error))}</b>"
            return
        m = pg["model"].config
        for key in (
            "learning_rate",
            "batch_size",
            "regularization",
            "regularization_rate",
            "show_test",
            "discretize",
        ):
            setattr(m, key, getattr(new, key))
        redraw()

    def train_and_draw(epochs):
        t0 = time.perf_counter()
        ok = pg["model"].train(epochs)
        pg["epoch_time"] = 0.7 * pg["epoch_time"] + 0.3 * (time.perf_counter() - t0) / epochs
        redraw()
        if not ok:
            set_playing(False)

    def on_tick(change=None):
        """One frame while playing: train for ~30 % of a frame, then redraw."""
        if not clock.running:
            return
        budget = 0.3 * frame_ms / 1000  # at most ~30 % of a frame for training
        train_and_draw(int(np.clip(budget / max(pg["epoch_time"], 1e-4), 1, 25)))

    def on_play(_):
        set_playing(not clock.running)

    def on_step(_):
        set_playing(False)
        train_and_draw(1)

    def on_reset(_):
        pg["model"].reset()
        message.value = ""
        redraw()

    def on_error(error):
        message.value = f"<b>Training stopped:</b> {html.escape(repr(error))}"

    clock = Clock(on_tick, frame_ms / 1000, on_stop=lambda: show_playing(False), on_error=on_error)
    play_button.on_click(on_play)
    step_button.on_click(on_step)
    reset_button.on_click(on_reset)
    regenerate.on_click(lambda _: rebuild(data_seed=pg["model"].config.data_seed + 1))
    for key in (
        "dataset",
        "n_classes",
        "noise",
        "train_ratio",
        "hidden",
        "activation",
        "loss",
        "seed",
    ):
        c[key].observe(rebuild, names="value")
    for box in feature_boxes.values():
        box.observe(rebuild, names="value")
    for key in (
        "learning_rate",
        "batch_size",
        "regularization",
        "regularization_rate",
        "show_test",
        "discretize",
    ):
        c[key].observe(adjust, names="value")
    c["n_classes"].disabled = dataset in ("circle", "xor")
    redraw()

    def heading(text):
        return w.HTML(f"<b>{text}</b>")

    column = dict(layout=w.Layout(margin="0 14px 0 0"))
    data_col = w.VBox(
        [
            heading("Data"),
            c["dataset"],
            c["n_classes"],
            c["noise"],
            c["train_ratio"],
            regenerate,
            c["show_test"],
            c["discretize"],
        ],
        **column,
    )
    feature_col = w.VBox([heading("Features"), *feature_boxes.values()], **column)
    net_col = w.VBox(
        [heading("Network"), c["hidden"], c["activation"], c["loss"], c["seed"]], **column
    )
    train_col = w.VBox(
        [
            heading("Training"),
            c["learning_rate"],
            c["batch_size"],
            c["regularization"],
            c["regularization_rate"],
        ],
        **column,
    )
    top = w.HBox(
        [play_button, step_button, reset_button, epoch_label],
        layout=w.Layout(align_items="center"),
    )
    # the network with the loss curve under it, the output beside them (below on a narrow page)
    pictures = w.HBox(
        [
            # flex-start: a narrow network picture is not stretched to the curve's width
            w.VBox([images["network"], curve_box], layout=w.Layout(align_items="flex-start")),
            images["surface"],
        ],
        layout=w.Layout(align_items="flex-start", flex_flow="row wrap"),
    )
    box = w.VBox(
        [top, w.HBox([data_col, feature_col, net_col, train_col]), message, pictures, code]
    )
    box.add_class("course-widget")
    box.add_class("course-playground")

    controls = dict(
        c,
        features=feature_boxes,
        play_button=play_button,
        step=step_button,
        reset=reset_button,
        regenerate=regenerate,
    )
    cw = CourseWidget(
        "playground",
        box,
        controls,
        _Composite(fig, [["network", "curve"], ["surface"]]),
        redraw,
        f"Neural Network Playground at epoch {model.epoch}: {model.config.call()}",
    )
    cw.state = pg
    cw.images = images
    cw.labels = {"epoch": epoch_label, "message": message, "code": code}
    cw.tick = on_tick
    cw.set_playing = set_playing
    cw.clock = clock
    cw.figures = fig
    return cw
