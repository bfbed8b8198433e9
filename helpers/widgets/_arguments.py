"""Checks for the widget functions' arguments: a clear error that names the argument, or the
nearest value a control allows with a printed note, never a raw error from ipywidgets.

A value outside a slider's range would otherwise be clipped silently by the slider (and the
first picture drawn for the unclipped value), a float given to an integer slider raises
``TraitError``: the widgets check their arguments here first.
"""

import math
import numbers


def number(value, name, integer=False):
    """``value`` as a float (an int if ``integer``); ``TypeError``/``ValueError`` naming
    ``name`` if it is not one finite real number (bools, strings and NaN are not)."""
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {kind}, got {value!r}")
    try:
        as_float = float(value)
    except OverflowError:
        raise ValueError(f"{name} is too large: got {value!r}") from None
    if not math.isfinite(as_float):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if integer:
        if as_float != int(as_float):
            raise ValueError(f"{name} must be a whole number, got {value!r}")
        return int(as_float)
    return as_float


def in_range(value, name, lo, hi, integer=False):
    """``value`` checked by ``number``; outside [lo, hi] the nearest end, with a note."""
    value = number(value, name, integer)
    if lo <= value <= hi:
        return value
    nearest = min(max(value, lo), hi)
    print(f"Note: {name} = {value:g} is outside the range {lo:g} to {hi:g}; using {nearest:g}.")
    return nearest


def pair(value, name, increasing=False):
    """Two finite numbers (a tuple or array of length 2) as a tuple of floats; with
    ``increasing`` the first must be smaller than the second (a range such as ``xlim``)."""
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be two numbers, got {value!r}") from None
    if len(items) != 2:
        raise ValueError(f"{name} must be two numbers, got {len(items)} values: {value!r}")
    lo, hi = (number(v, f"{name}[{i}]") for i, v in enumerate(items))
    if increasing and not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    return lo, hi


def seed(value, name="seed"):
    """A seed for NumPy's generator: a whole number ≥ 0."""
    value = number(value, name, integer=True)
    if value < 0:
        raise ValueError(f"{name} must be a whole number ≥ 0, got {value!r}")
    return value
