"""Activation functions a = f(z) and their derivatives f'(z).

Slides "Fixing the perceptron problem" and "Different activation functions".

All functions work element-wise on numbers and arrays of any shape, except ``softmax``, which
turns each row of scores into probabilities. ``z`` may be a number, a list or an array;
``None``, strings and other non-numbers raise a ``TypeError`` (never a silent NaN). NaN or inf
in ``z`` pass through as they would in NumPy (a diverging network shows its NaN).

``ACTIVATIONS`` at the end is the one table of (f, f') pairs that ``helpers.Network``, the
playground and the notebooks use.
"""

import numpy as np

from .validation import as_float_array


def _numbers(z):
    """``z`` as a float array (any shape, NaN and inf allowed), or a TypeError naming ``z``."""
    return as_float_array(z, "z", allow_empty=True, finite=False)


def step(z):
    """The perceptron's step: 1 if z > 0 else 0."""
    return (_numbers(z) > 0).astype(float)


def sigmoid(z):
    """The sigmoid σ(z) = 1 / (1 + e^(−z)), between 0 and 1.

    Computed without overflow: for z < 0 we use the equal form e^z / (1 + e^z), so e^(−z) is never
    evaluated for a large negative z (sigmoid(-1000) is 0.0, with no warning).
    """
    z = _numbers(z)
    e = np.exp(-np.abs(z))  # always <= 1: cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """Derivative of the sigmoid: σ'(z) = σ(z) (1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """The hyperbolic tangent tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), between −1 and 1."""
    return np.tanh(_numbers(z))


def tanh_prime(z):
    """Derivative of tanh: tanh'(z) = 1 − tanh(z)²."""
    return 1.0 - np.tanh(_numbers(z)) ** 2


def relu(z):
    """The rectified linear unit ReLU(z) = max(0, z)."""
    return np.maximum(0.0, _numbers(z))


def relu_prime(z):
    """Derivative of ReLU: 1 if z > 0 else 0 (we take 0 at z = 0)."""
    return (_numbers(z) > 0).astype(float)


def linear(z):
    """No activation at all: a = z (used for regression outputs and in the playground)."""
    return _numbers(z)


def linear_prime(z):
    """Derivative of the identity: 1 everywhere."""
    return np.ones_like(_numbers(z))


def softmax(z):
    """softmax(z)_i = e^(z_i) / Σ_j e^(z_j): scores -> probabilities that sum to 1.

    ``z`` is one vector of scores (1-D) or one row of scores per sample (2-D, row-wise).
    Subtracting the largest score first gives the same result (the factor e^(−max) cancels)
    and keeps e^z from overflowing, so logits of ±1000 are fine.

    Example (the slide): softmax([5, 2.5, 0.5]) = [0.915, 0.075, 0.010] (the slide rounds to
    0.92, 0.08, 0.01).
    """
    z = _numbers(z)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D or 2-D array of scores, got shape {z.shape}")
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


#: The derivative table: name -> (f, f'), both functions of the weighted input z.
#: ``helpers.Network`` uses it for its hidden layers (aˡ = f(zˡ) forward, f'(zˡ) in BP2).
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "linear": (linear, linear_prime),
}
