"""The activation explorer: step, sigmoid, tanh and ReLU of z = w x + b."""

import numpy as np

from ..activations import relu, sigmoid, step, tanh
from ..plotting import COLORS
from ..validation import clip_to_slider
from ._base import Explorer, LiveFigure, course_style, fmt, slider

ACTIVATION_CURVES = (("step", step), ("sigmoid", sigmoid), ("tanh", tanh), ("ReLU", relu))


def wx_plus_b(w, b):
    """z = w x + b with the numbers in, the bias's sign written once: 1·x + 0, 2·x − 0.5."""
    return f"{fmt(w)}·x {'−' if b < 0 else '+'} {fmt(abs(b))}"


def activation_state(w=1.0, b=0.0, x=None):
    """f(w x + b) over x ∈ [−6, 6] for step, sigmoid, tanh and ReLU.

    Returns a dict with ``x``, ``curves`` (name → values), ``threshold`` (the x where
    w x + b = 0, i.e. −b/w, or None when w = 0) and a ``html`` line.
    """
    x = np.linspace(-6, 6, 481) if x is None else np.asarray(x, dtype=float)
    z = w * x + b
    threshold = -b / w if abs(w) > 1e-9 else None
    where = (
        f"w x + b = 0 at x = −b/w = {fmt(threshold)}"
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
            f"<div style='font-size:1.1em'>a = f(z) with z = w x + b = {wx_plus_b(w, b)}"
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
            legend = self.axes["step"].legend(loc="upper left", fontsize=13)
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
            f"Activation functions of z = w x + b (w = {fmt(state['w'])}, b = {fmt(state['b'])})"
        )


class ActivationExplorer(Explorer):
    """Sliders w and b → step, sigmoid, tanh and ReLU of z = w x + b over x."""

    name, css = "activation_explorer", "course-activation-explorer"
    RANGE = (-5, 5)

    def __init__(self, w, b):
        w, b = (clip_to_slider(v, n, *self.RANGE) for v, n in ((w, "w"), (b, "b")))
        controls = {
            "w": slider("FloatSlider", w, *self.RANGE, 0.1, "w (weight)"),
            "b": slider("FloatSlider", b, *self.RANGE, 0.1, "b (bias)"),
        }
        state = self.compute(w, b)
        super().__init__(
            controls,
            ActivationFigure(state),
            state,
            text=f"Activation explorer (sliders w, b): step, sigmoid, tanh and ReLU of "
            f"{wx_plus_b(w, b)}",
        )

    def compute(self, w, b):
        return activation_state(w, b)

    def describe(self, state):
        w, b = state["w"], state["b"]
        reference = (
            "the same as the grey reference curve"
            if (w, b) == (1.0, 0.0)
            else "beside the grey reference curve for w = 1, b = 0"
        )
        return (
            "Four panels, step, sigmoid, tanh and ReLU, each plotting a = f(w x + b) against x "
            f"from −6 to 6 for w = {fmt(w)} and b = {fmt(b)}, {reference}."
        )


def activation_explorer(w=1.0, b=0.0):
    """Sliders w and b → the response a = f(w x + b) of step, sigmoid, tanh and ReLU over x.

    The grey curve is w = 1, b = 0; the dotted line marks x = −b/w, where z = w x + b = 0.
    ``w`` and ``b`` are numbers from −5 to 5 (outside: the nearest end, with a note).
    """
    return ActivationExplorer(w, b)
