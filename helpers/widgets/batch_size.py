"""The batch-size explorer: full-batch, mini-batch and pure SGD loss curves."""

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..data import make_toy
from ..network import Network, TrainingDiverged
from ..plotting import COLORS
from ..validation import check_argument, clip_to_slider
from ._base import Explorer, LiveFigure, course_style, log_slider, slider


def batch_problem(n_samples=64, seed=0):
    """The batch-size explorer's small seeded problem: two Gaussian blobs (``make_toy("gauss")``
    with 50 % noise: the classes overlap), inputs scaled to about [−1, 1]. Returns (X, y)."""
    X, y = make_toy("gauss", n_samples=n_samples, noise=0.5, seed=seed)
    return X / 5.0, y


def train_loss_curve(X, y, batch_size, learning_rate, epochs, seed=0, hidden=(8,)):
    """Train ``Network([2, *hidden, 2], "tanh")`` with ``helpers.Network.fit`` and return the loss
    on the whole training set after each epoch (index 0: before training), shape (epochs + 1,).
    A diverged run is NaN from where it diverged."""
    return LossCurves(X, y, seed, hidden).curve(batch_size, learning_rate, epochs)


class LossCurves:
    """Training-loss curves on (X, y), one per (batch size, η), from the same initial weights.

    A curve asked for again is not retrained: it is cut from the one trained before, or, if
    more epochs are asked for, that run's network trains on for the missing epochs only (one
    longer run of ``Network.fit``: it shuffles with the network's own generator, which carries
    on from where it stopped). So a slider move retrains only what it changes. The last
    ``keep`` runs are kept.
    """

    def __init__(self, X, y, seed=0, hidden=(8,), keep=60):
        self.X, self.y, self.seed, self.hidden, self.keep = X, y, seed, tuple(hidden), keep
        self.runs = {}  # (batch size, η) → {"net", "loss" (list), "diverged"}

    def run(self, batch_size, learning_rate):
        key = (int(batch_size), float(learning_rate))
        if key not in self.runs:
            net = Network(
                [self.X.shape[1], *self.hidden, 2], hidden_activation="tanh", seed=self.seed
            )
            self.runs[key] = {"net": net, "loss": [net.loss(self.X, self.y)], "diverged": False}
            while len(self.runs) > self.keep:  # forget the oldest
                del self.runs[next(iter(self.runs))]
        return self.runs[key]

    def curve(self, batch_size, learning_rate, epochs):
        """The loss before training and after each of ``epochs`` epochs; NaN once diverged."""
        run = self.run(batch_size, learning_rate)
        missing = epochs - (len(run["loss"]) - 1)
        if missing > 0 and not run["diverged"]:
            try:
                history = run["net"].fit(
                    self.X,
                    self.y,
                    epochs=missing,
                    batch_size=batch_size,
                    learning_rate=learning_rate,
                )
                run["loss"].extend(history["loss"])
            except TrainingDiverged as error:  # the epochs before it diverged, where known
                history = getattr(error, "history", None) or {}
                run["loss"].extend(history.get("loss", []) if isinstance(history, dict) else [])
                run["diverged"] = True
        loss = np.full(epochs + 1, np.nan)
        known = run["loss"][: epochs + 1]
        loss[: len(known)] = known
        return loss


#: A run has diverged once its loss is NaN or infinite or above this many times its start (the
#: loss of the untrained network, about that of knowing nothing): gradient descent that works
#: never climbs that far.
DIVERGED = 3.0


def diverged_at(loss):
    """The first epoch at which the curve ``loss`` (index 0: before training) diverged, or None.
    (``LossCurves.curve`` is NaN from where ``Network.fit`` raised ``TrainingDiverged``.)"""
    loss = np.asarray(loss, dtype=float)
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(loss) | (loss > DIVERGED * loss[0])
    hits = np.flatnonzero(bad)
    return int(hits[0]) if hits.size else None


def final(run):
    """A run's last loss, or when it diverged."""
    at = run["diverged"]
    return f"{run['loss'][-1]:.3f}" if at is None else f"diverged at epoch {at}"


def batch_size_state(batch_size, learning_rate, epochs, curves):
    """Loss curves of full-batch gradient descent, mini-batch SGD (``batch_size``) and pure SGD
    (batch size 1), all with the same η, initial weights and epochs, from ``curves`` (a
    ``LossCurves`` on the training data). A run that diverged (``diverged_at``: NaN, or a loss
    above ``DIVERGED`` times its start, or ``Network.fit`` said so) is cut where it diverged,
    and the caption says so."""
    n = len(curves.X)
    runs = {}
    for kind, size in (("full batch", n), ("mini-batch", batch_size), ("pure SGD", 1)):
        steps = int(np.ceil(n / size))
        loss = curves.curve(size, learning_rate, epochs)
        at = diverged_at(loss)  # NaN from where Network.fit stopped it, too
        if at is not None:
            loss = loss.copy()
            loss[at:] = np.nan
        runs[kind] = {"batch_size": size, "steps_per_epoch": steps, "loss": loss, "diverged": at}
    finals = "; ".join(
        f"{k}: "
        + (
            f"{r['loss'][-1]:.3f}"
            if r["diverged"] is None
            else f"diverged at epoch {r['diverged']}"
        )
        for k, r in runs.items()
    )
    note = (
        f" <b>η = {learning_rate:.3g} is too large for "
        + ", ".join(k for k, r in runs.items() if r["diverged"] is not None)
        + ": the loss blew up. Try a smaller η.</b>"
        if any(r["diverged"] is not None for r in runs.values())
        else ""
    )
    return {
        "runs": runs,
        "epochs": int(epochs),
        "learning_rate": float(learning_rate),
        "html": (
            f"<div style='font-size:1.1em'>{n} training samples, η = {learning_rate:.3g}, "
            f"{epochs} epochs. Loss at the end: {finals}.{note}</div>"
        ),
    }


class BatchSizeFigure(LiveFigure):
    """The training loss after each epoch for full-batch, mini-batch and pure SGD."""

    KINDS = ("full batch", "mini-batch", "pure SGD")

    def __init__(self, state, figsize=(7.5, 4.5)):
        super().__init__(figsize)
        colours = [COLORS["blue"], COLORS["orange"], COLORS["green"]]
        with course_style():
            ax = self.ax = self.fig.add_subplot()
            self.lines = {
                k: ax.plot([], [], "-o", ms=3, color=c, label=k)[0]
                for k, c in zip(self.KINDS, colours, strict=True)
            }
            ax.set_ylim(0, self.top(state))
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs
            ax.set_xlabel("epoch (one pass over the training data)")
            ax.set_ylabel("training loss $L$")
            self.title = ax.set_title(" ")
            self.legend = ax.legend(loc="upper right", fontsize=13)
        self.animate(*self.lines.values(), self.title, self.legend)
        self.update(state)

    @staticmethod
    def top(state):
        """The loss axis's top: 1.25 × the loss at the start, or more if a curve climbs higher."""
        losses = np.concatenate([r["loss"] for r in state["runs"].values()])
        start = state["runs"]["full batch"]["loss"][0]
        return float(max(1.25 * start, 1.05 * np.nanmax(losses)))

    def update(self, state):
        if self.ax.get_xlim() != (0, state["epochs"]):  # the axis changes: redraw everything
            self.ax.set_xlim(0, state["epochs"])
            self.invalidate()
        top = self.top(state)
        if self.ax.get_ylim()[1] != top:  # every curve on the plot (diverged ones are cut)
            self.ax.set_ylim(0, top)
            self.invalidate()
        for kind, line in self.lines.items():
            run = state["runs"][kind]
            line.set_data(np.arange(len(run["loss"])), run["loss"])
            steps = run["steps_per_epoch"]
            label = f"{kind} (batch {run['batch_size']}, {steps} step{'s' * (steps > 1)}/epoch)"
            if run["diverged"] is not None:
                label += f": diverged at epoch {run['diverged']}"
            line.set_label(label)
            text = self.legend.get_texts()[self.KINDS.index(kind)]
            text.set_text(label)
        self.title.set_text(f"Same η = {state['learning_rate']:.3g}, different batch sizes")


class BatchSizeExplorer(Explorer):
    """Sliders batch size, η and epochs → the loss curves of full batch, mini-batch and pure SGD.
    Curves already trained are kept (``self.curves``): a change retrains only what it changes."""

    name, css = "batch_size_explorer", "course-batch-explorer"
    ETA_RANGE = (1e-3, 10.0)
    MAX_EPOCHS = 50
    SAMPLES_RANGE = (10, 200)  # pure SGD retrains in ≲ 150 ms up to here

    def __init__(self, batch_size, learning_rate, epochs, n_samples, seed):
        self.X, self.y = batch_problem(n_samples, seed)
        self.curves = LossCurves(self.X, self.y, seed)
        controls = {
            "batch_size": slider("IntSlider", batch_size, 1, n_samples, 1, "batch size", False),
            "learning_rate": log_slider(
                learning_rate, *BatchSizeExplorer.ETA_RANGE, 0.1, "η (learning rate)", False
            ),
            "epochs": slider(
                "IntSlider", epochs, 1, BatchSizeExplorer.MAX_EPOCHS, 1, "epochs", False
            ),
        }
        state = self.compute(batch_size, learning_rate, epochs)
        super().__init__(
            controls,
            BatchSizeFigure(state),
            state,
            text=f"Batch-size explorer (sliders batch size, η, epochs): batch size {batch_size}, "
            f"η = {learning_rate:.3g}, {epochs} epochs",
        )

    def describe(self, state):
        runs = state["runs"]
        return (
            "The training loss after each epoch for full-batch gradient descent, mini-batch "
            f"SGD (batch size {runs['mini-batch']['batch_size']}) and pure SGD (batch size 1) "
            f"on {runs['full batch']['batch_size']} points, all with learning rate "
            f"{state['learning_rate']:.3g}, over {state['epochs']} epochs."
        )

    def compute(self, batch_size, learning_rate, epochs):
        return batch_size_state(batch_size, learning_rate, epochs, self.curves)


def batch_size_explorer(batch_size=8, learning_rate=0.5, epochs=20, n_samples=64, seed=0):
    """Loss curves for full-batch gradient descent, mini-batch SGD and pure SGD (batch size 1)
    on a small seeded problem of ``n_samples`` points (``batch_problem``), trained with
    ``helpers.Network.fit``: sliders for the mini-batch size (1 to ``n_samples``), the learning
    rate η (0.001–10, log scale) and the number of epochs (1–50). ``n_samples``: 10–200;
    a value outside its range starts at the nearest end, with a note."""
    lo, hi = BatchSizeExplorer.SAMPLES_RANGE
    n_samples = clip_to_slider(n_samples, "n_samples", lo, hi, "int")
    batch_size = clip_to_slider(batch_size, "batch_size", 1, n_samples, "int")
    learning_rate = clip_to_slider(learning_rate, "learning_rate", *BatchSizeExplorer.ETA_RANGE)
    epochs = clip_to_slider(epochs, "epochs", 1, BatchSizeExplorer.MAX_EPOCHS, "int")
    return BatchSizeExplorer(
        batch_size, learning_rate, epochs, n_samples, check_argument(seed, "seed")
    )
