"""The perceptron explorer: sliders for the snack example's inputs, weights and bias."""

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..data import snack_example
from ..plotting import COLORS
from ..validation import check_pair, clip_to_slider
from ._base import Explorer, LiveFigure, course_style, fmt, slider, swatch

DECISIONS = {0: "stay on the couch", 1: "get snacks"}


def perceptron_state(x1, x2, w1, w2, b):
    """The snack perceptron for inputs (x₁, x₂), weights (w₁, w₂) and bias b.

    Returns a dict: z = w₁x₁ + w₂x₂ + b, output (1 if z > 0 else 0), decision (words),
    the inputs/weights, and ``html``/``text`` lines that spell out the sum.
    """
    z = w1 * x1 + w2 * x2 + b
    output = int(z > 0)
    sum_text = (
        f"z = w₁x₁ + w₂x₂ + b = ({fmt(w1)})·({fmt(x1)}) + ({fmt(w2)})·({fmt(x2)}) "
        f"+ ({fmt(b)}) = {fmt(z)}"
    )
    verdict = f"{fmt(z)} {'>' if output else '≤'} 0 → output {output}: {DECISIONS[output]}"
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
            f"<div style='font-size:1.15em'>{sum_text}<br>{swatch(colour)}<b>{verdict}</b></div>"
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
            legend = ax.legend(handles=handles, loc="upper left", fontsize=13, framealpha=0.9)
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
            f"z = {fmt(state['z'])} {sign} 0 → output {state['output']}: {state['decision']}"
        )


class PerceptronExplorer(Explorer):
    """Sliders x₁, x₂, w₁, w₂, b → z = w·x + b, the decision and the (x₁, x₂) plane."""

    name, css = "perceptron_explorer", "course-perceptron-explorer"
    RANGES = {"x1": (0, 6), "x2": (0, 4), "w1": (-3, 3), "w2": (-3, 3), "b": (-5, 5)}
    ARGUMENTS = {"x1": "x[0]", "x2": "x[1]", "w1": "w[0]", "w2": "w[1]", "b": "b"}

    def __init__(self, x1, x2, w1, w2, b):
        values = {"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b}
        values = {
            k: clip_to_slider(v, self.ARGUMENTS[k], *self.RANGES[k]) for k, v in values.items()
        }
        labels = {"x1": "x₁ effort", "x2": "x₂ hunger", "w1": "w₁", "w2": "w₂", "b": "b (bias)"}
        steps = {"x1": 0.5, "x2": 0.5, "w1": 0.1, "w2": 0.1, "b": 0.1}
        controls = {
            k: slider("FloatSlider", v, *self.RANGES[k], steps[k], labels[k])
            for k, v in values.items()
        }
        state = self.compute(**values)
        super().__init__(
            controls,
            PerceptronFigure(state),
            state,
            text=f"Perceptron explorer (sliders x₁, x₂, w₁, w₂, b): {state['text']}",
        )

    def compute(self, x1, x2, w1, w2, b):
        return perceptron_state(x1, x2, w1, w2, b)

    def describe(self, state):
        return (
            "The (x1, x2) plane split by the decision line w·x + b = 0 into an orange region "
            "(output 1, get snacks) and a blue one (output 0, stay on the couch), with this "
            f"evening as a star; {state['text']}."
        )


def perceptron_explorer(x=None, w=None, b=None):
    """Sliders for the snack example's inputs x₁, x₂, weights w₁, w₂ and bias b.

    Shows z = w·x + b and the decision (0: stay on the couch, 1: get snacks) live, and the
    decision line in the (x₁, x₂) plane with the current evening. Defaults: the slide's numbers
    ``helpers.snack_example()``: x = (4, 1), w = (−1, 2), b = 1. ``x`` and ``w`` are two
    numbers each; a value outside its slider's range (x₁ 0–6, x₂ 0–4, w −3–3, b −5–5) starts
    at the nearest end, with a note.
    """
    snack = snack_example()
    x = snack.x if x is None else check_pair(x, "x")
    w = snack.w if w is None else check_pair(w, "w")
    b = snack.b if b is None else b
    return PerceptronExplorer(*x, *w, b)
