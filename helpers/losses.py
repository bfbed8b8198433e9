"""Loss functions L (slides "Fixing the accuracy problem" and "The loss function").

``y_pred`` holds the network's outputs ŷ, one row per sample (shape (n, outputs)); a 1-D
``y_pred`` is a single sample, like the slide's ŷ = [0.1, 0.8, 0.07, 0.03] (for one output per
sample, pass a column of shape (n, 1)). ``y_true`` is either one row of targets per sample (e.g.
one-hot rows) or a 1-D array of integer class labels, which is turned into one-hot rows.
n is the number of samples.
"""

import numpy as np

from .validation import as_float_array, as_labels

#: Predictions are clipped to [EPS, 1] inside logarithms so that ln 0 never gives -inf.
EPS = 1e-12


def one_hot(labels, n_classes):
    """Turn integer labels into one-hot rows: one_hot([1], 4) -> [[0, 1, 0, 0]].

    Returns a float array of shape (n_samples, n_classes).
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)):
        raise TypeError(f"n_classes must be a whole number, got {n_classes!r}")
    if n_classes < 1:
        raise ValueError(f"n_classes must be >= 1, got {n_classes}")
    labels = as_labels(labels, "labels", n_classes)
    rows = np.zeros((labels.size, n_classes))
    rows[np.arange(labels.size), labels] = 1.0
    return rows


def _targets_and_predictions(y_true, y_pred):
    """Check shapes and return (y, ŷ) as 2-D float arrays of the same shape.

    Rows are samples: a 1-D ``y_pred`` is ONE sample's outputs (like the slide's ŷ), so its
    ``y_true`` is that sample's target row of the same length, or its one integer label.
    """
    y_pred = as_float_array(y_pred, "y_pred", ndim=(1, 2))
    one_sample = y_pred.ndim == 1
    y = as_float_array(y_true, "y_true", ndim=(0, 1, 2) if one_sample else (1, 2))
    if one_sample:  # a row of outputs; y is its target row or its one class label
        y_pred = y_pred[None, :]
        if y.ndim == 1 and y.size not in (1, y_pred.shape[1]):
            raise ValueError(
                f"y_true has {y.size} values but y_pred has {y_pred.shape[1]}: for one sample "
                f"(a 1-D y_pred), y_true must be its {y_pred.shape[1]} targets or its class label"
            )
        y = y[None, :] if y.ndim == 1 and y.size == y_pred.shape[1] else y.reshape(-1)
    n, k = y_pred.shape
    if y.ndim == 1 and k > 1:  # integer labels, one per sample
        if y.size != n:
            raise ValueError(
                f"y_true has {y.size} labels but y_pred has {n} rows: expected one label per "
                "sample (row of y_pred)"
            )
        y = one_hot(as_labels(y, "y_true", k), k)
    elif y.ndim == 1:  # one target per sample: make it a column
        y = y[:, None]
    if y.shape != y_pred.shape:
        raise ValueError(
            f"y_true has shape {y.shape} but y_pred has shape {y_pred.shape}: "
            "expected one row of targets per row of predictions"
        )
    return y, y_pred


def mse(y_true, y_pred):
    """The quadratic loss (MSE) of the lecture: L = 1/(2n) Σ_x ‖y(x) − ŷ(x)‖².

    Example (the slide): y = [0, 1, 0, 0], ŷ = [0.1, 0.8, 0.07, 0.03] gives
    1/2 · (0.01 + 0.04 + 0.0049 + 0.0009) = 0.0279.
    """
    y, y_hat = _targets_and_predictions(y_true, y_pred)
    n = y.shape[0]
    return float(np.sum((y - y_hat) ** 2) / (2 * n))


def cross_entropy(y_true, y_pred):
    """The cross-entropy loss of the lecture: L = −1/n Σ_x y(x) · ln ŷ(x).

    Only the true class's probability counts: for y = [0, 1, 0, 0] and ŷ = [0.1, 0.8, 0.07, 0.03],
    y · ln ŷ = ln 0.8 = −0.223, so L = 0.223. ŷ is clipped to at least 1e-12 so that a
    predicted probability of 0 gives a large but finite loss.
    """
    y, y_hat = _targets_and_predictions(y_true, y_pred)
    if np.any(y_hat < 0):
        raise ValueError("y_pred must hold probabilities (>= 0) for the cross-entropy")
    n = y.shape[0]
    return float(-np.sum(y * np.log(np.clip(y_hat, EPS, 1.0))) / n)


def binary_cross_entropy(y_true, y_pred):
    """Cross-entropy for independent yes/no outputs (sigmoid output units):

    L = −1/n Σ_x Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)]

    With a single sigmoid output this is the cross-entropy of a yes/no question; it reduces to
    the lecture's formula when we count both answers, "yes" (y) and "no" (1 − y), as classes.
    """
    y, y_hat = _targets_and_predictions(y_true, y_pred)
    if np.any((y_hat < 0) | (y_hat > 1)):
        raise ValueError("y_pred must hold probabilities between 0 and 1")
    n = y.shape[0]
    p = np.clip(y_hat, EPS, 1 - EPS)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / n)


def log_softmax(z):
    """ln softmax(z), row by row, computed stably: ln aᵢ = zᵢ − ln Σⱼ e^(zⱼ) ("log-sum-exp").

    With m = max z: ln Σⱼ e^(zⱼ) = m + ln Σⱼ e^(zⱼ − m), where the largest exponent is e⁰ = 1, so
    nothing overflows and no probability is rounded to 0 before its logarithm is taken. ``z``
    is one sample's scores (1-D) or one row of scores per sample (2-D).
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    if not np.all(np.isfinite(z)):
        raise ValueError("z must hold finite scores (no NaN or inf)")
    m = z.max(axis=-1, keepdims=True)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))


def softmax_cross_entropy(y_true, z):
    """The cross-entropy of softmax(z) from the output layer's scores z, with no clipping:

    L = −1/n Σ_x y(x) · ln softmax(z(x)) = −1/n Σ_x y(x) · (z(x) − logsumexp(z(x))).

    Equal to ``cross_entropy(y_true, softmax(z))`` wherever that one's 1e-12 clip does not bite;
    where it does (a true class scored 30 or more below the best), this one still gives the exact
    loss, z_max − z_true + ln Σ e^(z − z_max), instead of the clip's ceiling ≈ 27.6.
    """
    log_a = log_softmax(z)
    y, _ = _targets_and_predictions(y_true, np.exp(log_a))  # checks y_true against the shape
    log_a = np.atleast_2d(log_a)
    return float(-np.sum(y * log_a) / y.shape[0])
