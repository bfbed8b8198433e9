"""The bump builder: one hidden layer of steep sigmoids, placed by hand, approximating a curve.

Two hidden neurons with the same steep weight w and the edges l < r make a bump of height h:
h·σ(w(x − l)) − h·σ(w(x − r)) is about h between l and r and about 0 elsewhere. Side by side,
bumps build any continuous curve: the idea behind "usually one hidden layer is enough".
"""

import numpy as np

from ..network import Network
from ..plotting import COLORS
from ..validation import clip_to_slider
from ._base import Explorer, LiveFigure, fmt, slider

#: The curve the student matches, its range, and the default bump edges: six bumps of width 1.
X_RANGE = (-3.0, 3.0)
EDGES = np.linspace(*X_RANGE, 7)
HEIGHT_RANGE = (-1.5, 1.5)
STEEPNESS_RANGE = (1.0, 50.0)


def target(x):
    """The curve to build: y = sin x."""
    return np.sin(x)


def bump_network(heights, edges=EDGES, steepness=20.0):
    """A ``Network([1, 2N, 1])`` (sigmoid hidden layer, linear output) whose output is N bumps.

    Bump i (edges l = ``edges[i]``, r = ``edges[i + 1]``, height h = ``heights[i]``) is the hidden
    neurons 2i and 2i + 1, both with weight w = ``steepness``: biases −w·l and −w·r (they switch
    on at x = l and x = r), output weights +h and −h. So ŷ(x) = Σᵢ hᵢ [σ(w(x − lᵢ)) − σ(w(x − rᵢ))].
    """
    heights = np.asarray(heights, dtype=float)
    edges = np.asarray(edges, dtype=float)
    n = heights.size
    # positional: sizes, hidden activation, output activation (linear: a = z), loss
    net = Network([1, 2 * n, 1], "sigmoid", "linear", "mse", seed=0)
    net.weights[0] = np.full((1, 2 * n), float(steepness))
    net.biases[0] = -steepness * np.column_stack([edges[:-1], edges[1:]]).ravel() + 0.0  # no −0
    net.weights[1] = np.column_stack([heights, -heights]).reshape(2 * n, 1)
    net.biases[1] = np.zeros(1)
    return net


def bump_state(heights, steepness=20.0, x=None):
    """The network of ``bump_network`` against y = sin x: curves, each bump and the error.

    ``error`` is the mean squared error ½·mean((ŷ − y)²) on 61 points of [−3, 3], the quadratic
    loss of notebook 04.
    """
    x = np.linspace(*X_RANGE, 241) if x is None else np.asarray(x, dtype=float)
    net = bump_network(heights, EDGES, steepness)
    samples = np.linspace(*X_RANGE, 61)[:, None]
    error = 0.5 * float(np.mean((net.forward(samples) - target(samples)) ** 2))
    singles = [bump_network([h], EDGES[i : i + 2], steepness) for i, h in enumerate(heights)]
    return {
        "x": x,
        "heights": [float(h) for h in heights],
        "steepness": float(steepness),
        "output": net.forward(x[:, None])[:, 0],
        "bumps": [b.forward(x[:, None])[:, 0] for b in singles],
        "error": error,
        "html": (
            f"<div style='font-size:1.1em'>Network([1, {2 * len(heights)}, 1]): "
            f"{len(heights)} bumps, each two hidden neurons with w = {fmt(steepness)}; "
            f"error ½·mean((ŷ − sin x)²) = {error:.4f}</div>"
        ),
    }


class BumpFigure(LiveFigure):
    """The target sin x (dots), each bump (thin, coloured) and their sum, the network (thick)."""

    def __init__(self, state, figsize=(8, 4.2)):
        super().__init__(figsize)
        ax = self.fig.subplots()
        x = state["x"]
        ax.plot(x[::8], target(x[::8]), "o", color=COLORS["black"], ms=4, label="target: sin x")
        for edge in EDGES:
            ax.axvline(edge, color="0.85", lw=1, zorder=0)
        colours = [COLORS[c] for c in ("blue", "green", "orange", "sky", "purple", "yellow")]
        self.bumps = [
            ax.plot([], [], color=colours[i % len(colours)], lw=1.5)[0]
            for i in range(len(state["heights"]))
        ]
        (self.output,) = ax.plot([], [], color=COLORS["vermillion"], lw=3, label="network's ŷ")
        ax.set(xlim=X_RANGE, ylim=(-1.7, 1.7), xlabel="input $x$", ylabel="$y$")
        ax.legend(loc="upper left", fontsize=12)
        self.title = ax.set_title(" ")
        self.animate(*self.bumps, self.output, self.title)
        self.update(state)

    def update(self, state):
        for line, bump in zip(self.bumps, state["bumps"], strict=True):
            line.set_data(state["x"], bump)
        self.output.set_data(state["x"], state["output"])
        self.title.set_text(f"Bumps placed by hand: error {state['error']:.4f}")


class BumpExplorer(Explorer):
    """A slider per bump height, and one for the steepness w, → the network's curve."""

    name, css = "bump_explorer", "course-bump-explorer"
    columns = 2

    def __init__(self, heights, steepness):
        heights = [clip_to_slider(h, f"heights[{i}]", *HEIGHT_RANGE) for i, h in enumerate(heights)]
        steepness = clip_to_slider(steepness, "steepness", *STEEPNESS_RANGE)
        controls = {
            f"h{i + 1}": slider(
                "FloatSlider", h, *HEIGHT_RANGE, 0.05, f"h{i + 1} ({fmt(lo)}…{fmt(hi)})"
            )
            for i, (h, lo, hi) in enumerate(zip(heights, EDGES[:-1], EDGES[1:], strict=True))
        }
        controls["steepness"] = slider("FloatSlider", steepness, *STEEPNESS_RANGE, 1, "steepness w")
        state = self.compute(**{k: c.value for k, c in controls.items()})
        super().__init__(
            controls,
            BumpFigure(state),
            state,
            text=f"Bump builder (sliders h1 to h{len(heights)} and the steepness w): "
            f"{len(heights)} bumps of two sigmoid neurons each against y = sin x",
        )

    def compute(self, steepness, **heights):
        ordered = [heights[f"h{i + 1}"] for i in range(len(heights))]
        return bump_state(ordered, steepness)

    def describe(self, state):
        heights = ", ".join(fmt(h) for h in state["heights"])
        return (
            "The curve y = sin x as dots from x = −3 to 3, six bumps of width 1 with heights "
            f"{heights} as thin coloured lines, and their sum, the network's output, as a thick "
            f"line; error {state['error']:.4f}."
        )


def bump_explorer(heights=(0, 0, 0, 0, 0, 0), steepness=20.0):
    """Sliders for six bump heights (−1.5 to 1.5) and the steepness w (1 to 50) → the output of
    ``bump_network``, a one-hidden-layer network of 12 sigmoid neurons, against y = sin x.

    ``heights`` is six numbers; values outside a slider's range become its nearest end, with a
    note.
    """
    try:
        heights = list(heights)
    except TypeError:
        raise TypeError(f"heights must be six numbers, got {heights!r}") from None
    if len(heights) != len(EDGES) - 1:
        raise ValueError(f"heights must be {len(EDGES) - 1} numbers, got {len(heights)}")
    return BumpExplorer(heights, steepness)
