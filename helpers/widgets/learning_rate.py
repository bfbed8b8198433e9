"""The learning-rate explorer: gradient descent's path on a contour plot."""

import re

import numpy as np

from ..activations import sigmoid
from ..losses import binary_cross_entropy
from ..plotting import COLORS
from . import _arguments as check
from ._base import Explorer, LiveFigure, course_style, fmt, log_slider, slider


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
    """Run ``steps`` steps of gradient descent β ← β − η ∇L(β) from ``start``.

    Returns (path, losses): path of shape (steps + 1, 2) (the start first) and the loss at each
    point. If the loss becomes NaN or infinite (or β explodes) the rest is NaN.
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
        end = ", ".join(f"{n} = {fmt(v)}" for n, v in zip(names, path[-1], strict=True))
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
            ax.set_title("Loss $L$ and the path of $\\beta$")
            ax.grid(False)
            legend = ax.legend(loc="lower left", fontsize=13)
            (self.curve,) = ax2.plot([], [], "-o", color=COLORS["orange"], ms=3)
            ax2.set_xlim(0, max_steps)
            self.loss_axes, self.shown_steps = ax2, None
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
        if state["steps"] != self.shown_steps:  # the loss panel spans the steps asked for
            self.shown_steps = state["steps"]
            self.loss_axes.set_xlim(0, max(self.shown_steps, 1))
            self.invalidate()
        self.title.set_text(
            f"Gradient descent with η = {state['learning_rate']:.3g}, {state['steps']} steps"
        )


def check_loss_and_grad(loss_and_grad, start):
    """A clear error unless ``loss_and_grad(start)`` gives (a number, two numbers)."""
    if not callable(loss_and_grad):
        raise TypeError(
            f"loss_and_grad must be a function params -> (loss, gradient), got {loss_and_grad!r}"
        )
    result = loss_and_grad(np.asarray(start, dtype=float))
    try:
        loss, grad = result
        ok = np.ndim(loss) == 0 and np.shape(np.asarray(grad, dtype=float)) == (2,)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            "loss_and_grad(params) must return (loss, gradient): one number and two numbers, "
            f"got {result!r}"
        )


class LearningRateExplorer(Explorer):
    """A log slider for η and a slider for the number of steps → gradient descent's path."""

    name, css = "learning_rate_explorer", "course-lr-explorer"

    def __init__(
        self, loss_and_grad, start, learning_rate, steps, xlim, ylim, names, max_steps, eta_range
    ):
        self.loss_and_grad, self.start, self.names = loss_and_grad, np.asarray(start), names
        controls = {
            "learning_rate": log_slider(
                learning_rate, *eta_range, 0.05, "η (learning rate)", width="400px"
            ),
            "steps": slider("IntSlider", steps, 0, max_steps, 1, "steps"),
        }
        state = self.compute(learning_rate, steps)
        super().__init__(
            controls,
            LearningRateFigure(state, loss_and_grad, xlim, ylim, names, max_steps),
            state,
            text=f"Learning-rate explorer (sliders η, steps): η = {learning_rate:.3g}, "
            f"{steps} steps",
        )

    def describe(self, state):
        first, second = self.names
        return (
            f"Left: contour lines of the loss over {first} and {second} with the path of "
            f"{state['steps']} gradient-descent steps at learning rate "
            f"{state['learning_rate']:.3g}; right: the loss after each step. "
            + strip_tags(state["html"]).rstrip(".")
            + "."
        )

    def compute(self, learning_rate, steps):
        return learning_rate_state(learning_rate, steps, self.loss_and_grad, self.start, self.names)


def strip_tags(text):
    """The words of a one-line caption without its HTML tags."""
    return re.sub(r"<[^>]+>", "", text)


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
    of steps, and watch the path β ← β − η ∇L(β).

    Default model: one sigmoid neuron (w, b) with the cross-entropy on a small seeded 1-D data
    set (``sigmoid_neuron_problem``). Pass your own ``loss_and_grad(params) -> (loss, grad)`` for
    two parameters, with ``start``, ``xlim``/``ylim`` (the plotted range) and ``names``.
    ``eta_range`` (two numbers > 0) is the slider's range of η and ``max_steps`` (1–1000) its
    number of steps; a ``learning_rate`` or ``steps`` outside them starts at the nearest end,
    with a note.
    """
    start = check.pair(start, "start")
    xlim, ylim = check.pair(xlim, "xlim", increasing=True), check.pair(ylim, "ylim", True)
    if isinstance(names, str) or len(list(names)) != 2:
        raise ValueError(f"names must be two names, e.g. ('w', 'b'), got {names!r}")
    names = tuple(str(n) for n in names)
    eta_range = check.pair(eta_range, "eta_range", increasing=True)
    if eta_range[0] <= 0:
        raise ValueError(f"eta_range must hold two numbers > 0, got {eta_range!r}")
    learning_rate = check.in_range(learning_rate, "learning_rate", *eta_range)
    max_steps = check.in_range(max_steps, "max_steps", 1, 1000, integer=True)
    steps = check.in_range(steps, "steps", 0, max_steps, integer=True)
    if loss_and_grad is None:
        loss_and_grad = sigmoid_neuron_problem()[0]
    check_loss_and_grad(loss_and_grad, start)
    return LearningRateExplorer(
        loss_and_grad, start, learning_rate, steps, xlim, ylim, names, max_steps, eta_range
    )
