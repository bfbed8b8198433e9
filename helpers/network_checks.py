"""``Network``'s argument checks, divergence check and progress lines (its apparatus).

Each check raises a ``ValueError`` or ``TypeError`` that names the argument and says what was
expected, before any arithmetic.
"""

import copy

import numpy as np

from .activations import ACTIVATIONS
from .validation import check_argument, check_choice, check_scalar

#: The output layer's activations by name (the functions live in ``helpers.network.OUTPUTS``).
OUTPUT_ACTIVATIONS = ("softmax", "sigmoid", "linear")
LOSSES = ("cross_entropy", "mse")
#: A classifier's outputs are squashed into (0, 1), so its loss stays finite however far its
#: weights run (the cross-entropy is clipped at ln(1/EPS) = 27.6 per sample, the quadratic loss
#: is at most 1 per output). So for classifiers ``fit`` also calls training diverged when the
#: loss exceeds DIVERGED_FACTOR times the larger of its value at the start and the loss of a
#: network that knows nothing (``baseline_loss``): outputs pinned at 0 and 1 pay about 27.6 per
#: wrong sample, 10 to 20 times what knowing nothing costs (ln k for k ≤ 10 classes), while a
#: network that merely trains badly stays within a few times. Or when a weight passes
#: ±MAX_WEIGHT: no classifier here needs more than a few hundred, and the bounded quadratic
#: loss shows nothing else. A regression's (linear output's) loss has no bound: it becomes inf.
DIVERGED_FACTOR = 8.0
MAX_WEIGHT = 1e6


def check_sizes(sizes):
    """``sizes`` as a list of whole numbers > 0, at least two of them (input and output)."""
    if isinstance(sizes, (list, tuple, np.ndarray)) and np.ndim(sizes) == 1:
        sizes = list(sizes)
    if not isinstance(sizes, list) or len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least two layer sizes (input and output), got {sizes!r}"
        )
    for size in sizes:
        check_scalar(size, "every entry of sizes", "int", low=0, low_open=True)
    return [int(size) for size in sizes]


def check_network_settings(sizes, hidden_activation, output_activation, loss, seed):
    """Check the constructor's choices, each error naming its argument."""
    check_choice(hidden_activation, "hidden_activation", tuple(ACTIVATIONS))
    check_choice(output_activation, "output_activation", OUTPUT_ACTIVATIONS)
    check_choice(loss, "loss", LOSSES)
    if output_activation == "linear" and loss == "cross_entropy":
        raise ValueError(
            'loss="cross_entropy" needs probabilities: use output_activation="softmax" or '
            '"sigmoid", or loss="mse" for a linear (regression) output'
        )
    if output_activation == "softmax" and sizes[-1] < 2:
        raise ValueError(
            'output_activation="softmax" needs at least 2 output neurons (one per class)'
        )
    if seed is not None:
        check_argument(seed, "seed")


def check_fit_settings(epochs, batch_size, learning_rate, momentum, weight_decay, anneal):
    """Check ``fit``'s numbers before any training, each error naming its argument."""
    check_argument(epochs, "epochs")
    check_argument(batch_size, "batch_size")
    check_argument(learning_rate, "learning_rate")
    check_argument(momentum, "momentum")
    check_argument(weight_decay, "weight_decay")
    if not isinstance(anneal, (bool, np.bool_)):
        raise TypeError(f"anneal must be True or False, got {anneal!r}")


def progress_every(verbose, epochs):
    """Print a progress line every k epochs: k = about epochs/10 for True, 0 (never) for False."""
    if isinstance(verbose, (bool, np.bool_)):
        return max(1, epochs // 10) if verbose else 0
    return check_scalar(verbose, "verbose (True, False or every how many epochs)", "int", low=0)


def progress_line(history, epoch, epochs):
    parts = [f"epoch {epoch:>{len(str(epochs))}}/{epochs}"]
    for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
        if key in history:
            parts.append(f"{key} {history[key][-1]:.4f}")
    return "  ".join(parts)


def divergence(loss, weights, ceiling):
    """Why training has diverged, in words, or None. ``loss`` is the last epoch's, ``weights``
    the network's; ``ceiling`` (classifiers only, else None) is DIVERGED_FACTOR times the larger
    of the loss at the start and the loss of knowing nothing."""
    largest = max(float(np.max(np.abs(W), initial=0.0)) for W in weights)
    if not np.isfinite(loss):
        return f"the loss became {loss}"
    if not np.isfinite(largest):
        return f"a weight became {largest}"
    if ceiling is None:
        return None
    if ceiling and loss > ceiling:
        return (
            f"the loss rose to {loss:.3g}, more than {DIVERGED_FACTOR:g} times the "
            f"{ceiling / DIVERGED_FACTOR:.3g} it had at the start (or that a network that "
            "knows nothing has)"
        )
    if largest > MAX_WEIGHT:
        return (
            f"a weight reached {largest:.3g}, far beyond the few hundred at most that a "
            "working network needs"
        )
    return None


def divergence_ceiling(network, X, Y):
    """For ``fit``'s divergence check of a classifier, before training: a ``DivergenceCeiling``
    whose loss at the start is that of a copy of the network as it is now. None for a
    regression (a linear output): its loss is unbounded, it shows divergence as inf."""
    if network.output_activation == "linear":
        return None
    start = copy.copy(network)  # with copies of the weights, which fit changes in place
    start.weights = [W.copy() for W in network.weights]
    start.biases = [b.copy() for b in network.biases]
    return DivergenceCeiling(network.baseline_loss(Y), lambda: start.loss(X, Y))


class DivergenceCeiling:
    """A classifier's ceiling for ``divergence``: DIVERGED_FACTOR times the larger of the loss
    of a network that knows nothing (``baseline``) and the loss at the start of ``fit``.

    The loss at the start costs a forward pass over the training data (as much as one epoch's
    scoring for the history), and it can raise the ceiling only for a loss above
    DIVERGED_FACTOR times the baseline: ``start_loss``, a function of no arguments, is called
    then, once."""

    def __init__(self, baseline, start_loss):
        self.baseline = baseline
        self.start_loss = start_loss
        self.start = None  # the loss at the start, once computed

    def for_loss(self, loss):
        """The ceiling that an epoch's ``loss`` is compared with."""
        ceiling = DIVERGED_FACTOR * self.baseline
        if loss > ceiling:  # only here can the loss at the start matter
            if self.start is None:
                self.start = self.start_loss()
            ceiling = DIVERGED_FACTOR * max(self.baseline, self.start)
        return ceiling
