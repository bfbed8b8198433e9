"""Input checks shared by the modules of ``helpers``: the course's one validator.

Every public function calls these before doing any arithmetic, so that bad input gives a clear
``ValueError`` (or ``TypeError``) that names the argument and says what was expected, instead of
a silent NaN or a confusing NumPy broadcasting error. ``check_scalar`` follows
``sklearn.utils.check_scalar`` (name, type, bounds), but also refuses booleans and NaN.

One rule per argument: an argument that several functions take (the learning rate of
``Network.fit``, of the explorers and of the playground, ...) has one rule in ``RULES``,
applied by ``check_argument``. A whole number is an ``int`` (or a NumPy integer), never a
float such as 5.0. Only where a slider cannot show a value does a widget start at the nearest
end of the slider instead of refusing it, with a printed note: ``clip_to_slider``, the one
place that clips.
"""

import math
import numbers

import numpy as np

#: The kinds ``check_scalar`` knows: what Python/NumPy types count, and how to say it.
KINDS = {
    "int": ((numbers.Integral,), "a whole number"),
    "real": ((numbers.Real,), "a number"),
}


def check_scalar(value, name, kind="real", *, low=None, high=None, low_open=False, high_open=False):
    """Check that ``value`` is one number of ``kind`` ("int" or "real") within the bounds.

    ``low``/``high`` are the smallest/largest allowed values (``None``: no bound); with
    ``low_open``/``high_open`` the bound itself is excluded (``low=0, low_open=True``: > 0).
    Booleans are refused (``True`` is not a learning rate), and so are NaN and ±inf.
    Returns ``value``; raises ``TypeError`` for a wrong type and ``ValueError`` for a value out
    of bounds, naming the argument, e.g. "learning_rate must be > 0, got 0".
    """
    plain = type(value) is int or (type(value) is float and kind == "real")
    if plain and _within(value, low, high, low_open, high_open):
        return value  # the quick case: a plain number within the bounds (every training step)
    types, kind_text = KINDS[kind]
    if not plain and (isinstance(value, (bool, np.bool_)) or not isinstance(value, types)):
        raise TypeError(f"{name} must be {kind_text}, got {value!r}")
    conditions = []
    if low is not None:
        conditions.append((value > low) if low_open else (value >= low))
    if high is not None:
        conditions.append((value < high) if high_open else (value <= high))
    finite = isinstance(value, numbers.Integral) or math.isfinite(value)  # ints are finite
    if not finite or not all(conditions):
        raise ValueError(
            f"{name} must be {_bounds_text(kind_text, low, high, low_open, high_open)}, "
            f"got {value!r}"
        )
    return value


#: The one rule of each argument that several functions take: ``check_scalar``'s keywords.
RULES = {
    "learning_rate": {"low": 0, "low_open": True},  # η > 0
    "momentum": {"low": 0, "high": 1, "high_open": True},
    "weight_decay": {"low": 0},
    "regularization_rate": {"low": 0},
    "batch_size": {"kind": "int", "low": 0, "low_open": True},
    "epochs": {"kind": "int", "low": 0},
    "steps": {"kind": "int", "low": 0},
    "n_samples": {"kind": "int", "low": 0, "low_open": True},
    "seed": {"kind": "int", "low": 0},
    "data_seed": {"kind": "int", "low": 0},
}


def check_argument(value, name, rule=None):
    """``value`` checked by the one rule of the argument ``name`` (``RULES[rule or name]``);
    ``rule`` names the rule when the argument's name differs (``max_steps``: "steps")."""
    return check_scalar(value, name, **RULES[rule or name])


def clip_to_slider(value, name, low, high, kind="real", rule=None):
    """The value a slider from ``low`` to ``high`` starts at for the argument ``name``.

    ``value`` must pass the argument's rule (``RULES``, if it has one; otherwise be a finite
    number of ``kind``), else ``TypeError``/``ValueError``. A value that passes but lies
    outside the slider's range gives the nearest end, and a printed note says so. Returns a
    float (an int for ``kind="int"``).
    """
    rule = rule or name
    kind = RULES[rule].get("kind", "real") if rule in RULES else kind
    if rule in RULES:
        check_argument(value, name, rule)
    else:
        check_scalar(value, name, kind)
    value = int(value) if kind == "int" else _as_float(value, name)
    if low <= value <= high:
        return value
    nearest = min(max(value, low), high)
    print(f"Note: {name} = {value:g} is outside the range {low:g} to {high:g}; using {nearest:g}.")
    return nearest


def check_pair(value, name, increasing=False):
    """Two finite numbers (a tuple or array of length 2) as a tuple of floats; with
    ``increasing`` the first must be smaller than the second (a range such as ``xlim``)."""
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be two numbers, got {value!r}") from None
    if len(items) != 2:
        raise ValueError(f"{name} must be two numbers, got {len(items)} values: {value!r}")
    low, high = (
        _as_float(check_scalar(v, f"{name}[{i}]"), f"{name}[{i}]") for i, v in enumerate(items)
    )
    if increasing and not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    return low, high


def _as_float(value, name):
    """A checked number as a float (an int such as 10**400 has none: ``ValueError``)."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} is too large: got {value!r}") from None


def _within(value, low, high, low_open, high_open):
    """True if the plain int or float ``value`` is finite and within the bounds."""
    if type(value) is float and not math.isfinite(value):  # ints are finite (10**400 too)
        return False
    if low is not None and not (value > low if low_open else value >= low):
        return False
    return high is None or (value < high if high_open else value <= high)


def _bounds_text(kind_text, low, high, low_open, high_open):
    """'a finite number > 0', 'a whole number >= 0', ...: the allowed values in words."""
    parts = [kind_text if kind_text == "a whole number" else "a finite number"]
    if low is not None:
        parts.append(f"{'>' if low_open else '>='} {low}")
    if high is not None:
        parts.append(("and " if low is not None else "") + f"{'<' if high_open else '<='} {high}")
    return " ".join(parts)


def as_float_array(value, name, ndim=None, allow_empty=False, finite=True):
    """Return ``value`` as a float array, checking its type, dimensions and (if ``finite``)
    that it holds no NaN or inf.

    ``ndim`` is an int or a tuple of allowed ints (``None``: anything). Numbers, booleans and
    (nested) lists or arrays of them are accepted; ``None``, strings and ragged lists are not.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # a ragged list such as [[1, 2], [3]]
        raise ValueError(
            f"{name} must be a rectangular array of numbers: its rows have different lengths"
        ) from error
    if array.dtype.kind not in "biuf":  # None, strings, objects
        raise TypeError(f"{name} must be an array of numbers (or one number), got {_what(value)}")
    array = array.astype(float, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {wanted}, got an array of shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: expected at least one value")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or inf: expected finite numbers only")
    return array


def _what(value):
    """A short description of a bad value for an error message: its type, and a preview."""
    text = repr(value)
    return type(value).__name__ + ("" if len(text) > 40 else f" {text}")


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


def check_choice(value, name, choices):
    """Check that ``value`` is one of ``choices`` (names of activations, losses, ...)."""
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value
