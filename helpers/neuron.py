"""The one sigmoid neuron of notebooks 05 and 06: a = σ(w x + b) on 1-D data, cross-entropy loss.

Its two parameters β = (w, b) make the loss a landscape that can be drawn, so the gradient-descent
and SGD lessons (and their checkers and the learning-rate explorer) all walk on it. This is the
one copy of its loss and gradient; the notebooks write them inline for the student, in cells
tagged ``twin:helpers.neuron.neuron_loss`` / ``twin:helpers.neuron.neuron_gradient`` that
``tests/test_twins.py`` compares with these.
"""

import numpy as np

from .activations import sigmoid


def neuron_loss(beta, x, y):
    """Mean cross-entropy L(w, b) = −1/n Σ [y ln a + (1 − y) ln(1 − a)] of a = σ(w x + b).

    ``beta`` = (w, b); ``x`` and ``y`` are 1-D arrays of inputs and 0/1 labels. Computed as
    1/n Σ [ln(1 + e^z) − y z] with z = w x + b (the same number, written so that it never takes
    ln 0, even where a rounds to 0 or 1).
    """
    z = beta[0] * x + beta[1]
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def neuron_gradient(beta, x, y):
    """∇L = (∂L/∂w, ∂L/∂b) = (1/n Σ (a − y) x, 1/n Σ (a − y)) of ``neuron_loss``.

    The σ′ of the chain rule cancels against the loss's 1/(a(1 − a)) (derived in notebook 04),
    leaving the error a − y. Pass a subset ``x[batch], y[batch]`` for SGD's estimate.
    """
    a = sigmoid(beta[0] * x + beta[1])
    return np.array([np.mean((a - y) * x), np.mean(a - y)])
