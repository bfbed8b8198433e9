"""Numerical gradients by central differences, to check backpropagation (notebook 07).

    ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / (2ε)

for every single parameter θ in turn: slow (two loss evaluations per parameter) but simple,
and so a trustworthy reference for the fast gradient from backpropagation.
"""

import numpy as np

from .validation import check_scalar


def numerical_gradient(f, params, eps=1e-5):
    """Central-difference gradient of ``f()`` with respect to each array in ``params``.

    ``f`` takes no arguments and returns the loss computed from the current values of ``params``
    (a list of float arrays, changed in place during the computation and restored afterwards).
    Returns a list of arrays shaped like ``params``.
    """
    check_scalar(eps, "eps", low=0, low_open=True)
    grads = []
    for p in params:
        g = np.zeros_like(p, dtype=float)
        for index in np.ndindex(p.shape):
            original = p[index]
            p[index] = original + eps
            loss_plus = f()
            p[index] = original - eps
            loss_minus = f()
            p[index] = original  # restore
            g[index] = (loss_plus - loss_minus) / (2 * eps)
        grads.append(g)
    return grads


def relative_error(a, b):
    """max |a − b| / max(|a|, |b|, 1e-8), element-wise over all arrays in two lists."""
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        scale = np.maximum(np.maximum(np.abs(x), np.abs(y)), 1e-8)
        worst = max(worst, float(np.max(np.abs(x - y) / scale)))
    return worst


def gradient_check(network, X, y, eps=1e-5):
    """Compare ``network.gradients(X, y)`` with the numerical gradient of ``network.loss``.

    Returns the largest relative error over all weights and biases: below about 1e-6 means
    backpropagation and central differences agree.
    """
    dW, db = network.gradients(X, y)
    params = network.weights + network.biases
    numeric = numerical_gradient(lambda: network.loss(X, y), params, eps)
    return relative_error(dW + db, numeric)
