"""The learning-rate explorer: gradient descent's path on a contour plot."""

import html
import re

import numpy as np

from ..activations import sigmoid
from ..neuron import neuron_gradient, neuron_loss
from ..plotting import COLORS
from ..validation import check_pair, clip_to_slider
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
        return neuron_loss(params, x, y), neuron_gradient(params, x, y)

    return loss_and_grad, x, y


#: |β| beyond this many times (1 + |start|) counts as running away
RUNAWAY = 1e6


def where(theta, names=("w", "b")):
    """β as the student reads it: 'w = 1.5, b = −2'."""
    return ", ".join(
        f"{n} = {fmt(v) if abs(v) < 1e4 else f'{v:.3g}'}" for n, v in zip(names, theta, strict=True)
    )


def descend(loss_and_grad, start, learning_rate, steps, names=("w", "b")):
    """Gradient descent β ← β − η ∇L(β) from ``start`` for ``steps`` steps, stopping at the
    first step where the student's ``loss_and_grad`` raises, gives a loss or gradient that is
    NaN or infinite, or where β runs away (|β| > RUNAWAY · (1 + |start|)).

    Returns (path, losses, problem): path (steps + 1, 2) and the loss at each point, NaN from
    where it stopped; ``problem`` is None or one sentence saying what happened and what to try.
    """
    theta = np.asarray(start, dtype=float)
    path = np.full((steps + 1, theta.size), np.nan)
    losses = np.full(steps + 1, np.nan)
    limit = RUNAWAY * (1 + np.abs(theta).max())
    for k in range(steps + 1):
        problem = step_problem(loss_and_grad, theta, k, learning_rate, limit, names)
        if isinstance(problem, str):
            return path, losses, problem
        loss, grad = problem
        path[k], losses[k] = theta, loss
        with np.errstate(all="ignore"):
            theta = theta - learning_rate * grad
    return path, losses, None


def step_problem(loss_and_grad, theta, k, learning_rate, limit, names):
    """(loss, gradient) at β = ``theta`` (step ``k``), or a sentence saying why not."""
    at = f"at β = ({where(theta, names)})"
    after = "at the start" if k == 0 else f"after {k} step{'s' * (k > 1)}"
    smaller = "" if k == 0 else f": try a smaller η than {learning_rate:.3g}"
    if not np.all(np.isfinite(theta)) or np.abs(theta).max() > limit:
        return f"β ran away {after} (|β| > {limit:.3g}): η = {learning_rate:.3g} is far too large"
    try:
        with np.errstate(all="ignore"):
            loss, grad = loss_and_grad(theta.copy())
            loss, grad = float(loss), np.asarray(grad, dtype=float).reshape(theta.shape)
    except Exception as error:  # the student's function: say what it did and where
        return f"your loss_and_grad raised {type(error).__name__} ({error}) {at}, {after}"
    for what, value in (("loss", loss), ("gradient", grad)):
        if not np.all(np.isfinite(value)):
            kind = "NaN" if np.any(np.isnan(value)) else "infinite"
            return (
                f"the {what} became {kind} {after} ({at}){smaller or ': check your loss_and_grad'}"
            )
    return loss, grad


def gradient_descent_path(loss_and_grad, start, learning_rate, steps):
    """Run ``steps`` steps of gradient descent β ← β − η ∇L(β) from ``start``.

    Returns (path, losses): path of shape (steps + 1, 2) (the start first) and the loss at each
    point. If the loss becomes NaN or infinite (or β explodes) the rest is NaN (``descend``
    also says why).
    """
    path, losses, _ = descend(loss_and_grad, start, learning_rate, steps)
    return path, losses


def learning_rate_state(learning_rate, steps, loss_and_grad, start, names=("w", "b")):
    """Gradient descent's path for η = ``learning_rate`` and ``steps`` steps, with a caption
    (which says so when the descent stopped early, and why)."""
    path, losses, problem = descend(loss_and_grad, start, learning_rate, steps, names)
    done = int(np.sum(np.isfinite(losses))) - 1
    if problem is not None:
        result = f"<b>stopped:</b> {html.escape(problem)}"
    else:
        end = where(path[-1], names)
        result = (
            f"after {steps} steps: {end}, L = {losses[-1]:.3f} (at the start L = {losses[0]:.3f})"
        )
    return {
        "start": np.asarray(start, dtype=float),
        "path": path,
        "losses": losses,
        "learning_rate": float(learning_rate),
        "steps": int(steps),
        "done": done,
        "problem": problem,
        "html": f"<div style='font-size:1.1em'>η = {learning_rate:.3g}; {result}</div>",
    }


def loss_grid(loss_and_grad, gx, gy):
    """The loss at every point of the grid (gx, gy) for the contours; NaN where the student's
    function raises or gives no number (the path's caption says what went wrong)."""

    def loss_at(a, b):
        try:
            with np.errstate(all="ignore"):
                return float(loss_and_grad(np.array([a, b]))[0])
        except Exception:  # the student's function: the contours leave that point out
            return np.nan

    return np.array([loss_at(a, b) for a, b in zip(gx.flat, gy.flat, strict=True)]).reshape(
        gx.shape
    )


class LearningRateFigure(LiveFigure):
    """Left: the loss as contours over the two parameters, with the path of gradient descent.
    Right: the loss after each step."""

    def __init__(self, state, loss_and_grad, xlim, ylim, names, max_steps, figsize=(9, 4.2)):
        super().__init__(figsize)
        gx, gy = np.meshgrid(np.linspace(*xlim, 81), np.linspace(*ylim, 81))
        grid = loss_grid(loss_and_grad, gx, gy)
        finite = grid[np.isfinite(grid)]
        levels = np.unique(np.quantile(finite, np.linspace(0, 1, 16) ** 2)) if finite.size else []
        start_loss = state["losses"][0]
        with course_style():
            ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1.25, 1])
            if np.size(levels) > 1:  # no contours where the function gave no numbers
                ax.contourf(gx, gy, grid, levels=levels, cmap="Blues_r", alpha=0.8)
                ax.contour(gx, gy, grid, levels=levels, colors="white", linewidths=0.6)
            ax.plot(*state["start"], "o", color=COLORS["black"], ms=9, label="start")
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
            top = 1.3 * start_loss if np.isfinite(start_loss) and start_loss > 0 else 1.0
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
        last = np.flatnonzero(ok)[-1:]  # none when the very start failed
        self.end.set_data(path[last, 0], path[last, 1])
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
    try:
        result = loss_and_grad(np.asarray(start, dtype=float))
    except Exception:  # the widget shows what it raised, and where
        return
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
    start = check_pair(start, "start")
    xlim, ylim = check_pair(xlim, "xlim", increasing=True), check_pair(ylim, "ylim", True)
    if isinstance(names, str) or len(list(names)) != 2:
        raise ValueError(f"names must be two names, e.g. ('w', 'b'), got {names!r}")
    names = tuple(str(n) for n in names)
    eta_range = check_pair(eta_range, "eta_range", increasing=True)
    if eta_range[0] <= 0:
        raise ValueError(f"eta_range must hold two numbers > 0, got {eta_range!r}")
    learning_rate = clip_to_slider(learning_rate, "learning_rate", *eta_range)
    max_steps = clip_to_slider(max_steps, "max_steps", 1, 1000, "int")
    steps = clip_to_slider(steps, "steps", 0, max_steps, "int")
    if loss_and_grad is None:
        loss_and_grad = sigmoid_neuron_problem()[0]
    check_loss_and_grad(loss_and_grad, start)
    return LearningRateExplorer(
        loss_and_grad, start, learning_rate, steps, xlim, ylim, names, max_steps, eta_range
    )
