"""Input checks shared by the modules of ``helpers``.

Every public function calls these before doing any arithmetic, so that bad input gives a clear
``ValueError`` (or ``TypeError``) that names the argument and says what was expected, instead of
a silent NaN or a confusing NumPy broadcasting error.
"""

import numpy as np


def as_float_array(value, name, ndim=None, allow_empty=False):
    """Return ``value`` as a float array, checking dimensions and that it is finite.

    ``ndim`` is an int or a tuple of allowed ints (``None``: anything).
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of numbers, got {type(value).__name__}"
        ) from error
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {wanted}, got an array of shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: expected at least one value")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or inf: expected finite numbers only")
    return array


def as_labels(y, name="y", n_classes=None):
    """Return integer class labels 0..n_classes-1 as a 1-D int array, or raise ``ValueError``."""
    array = as_float_array(y, name, ndim=1)
    if not np.all(array == np.round(array)):
        raise ValueError(f"{name} must hold integer class labels, got non-integer values")
    labels = array.astype(int)
    if labels.min() < 0 or (n_classes is not None and labels.max() >= n_classes):
        top = "n_classes-1" if n_classes is None else n_classes - 1
        raise ValueError(
            f"{name} holds labels from {labels.min()} to {labels.max()}: expected 0..{top}"
        )
    return labels


def check_positive(value, name, integer=False):
    """Check that ``value`` is a number > 0 (an int if ``integer``) and return it."""
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if isinstance(value, bool) or not isinstance(value, kinds):
        kind = "a whole number" if integer else "a number"
        raise TypeError(f"{name} must be {kind}, got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return value


def check_choice(value, name, choices):
    """Check that ``value`` is one of ``choices`` (names of activations, losses, ...)."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value
