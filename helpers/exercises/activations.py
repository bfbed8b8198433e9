"""Checkers for notebook 03, "Activation functions".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a wrong type or a student function that crashes all get friendly feedback.
"""

import numpy as np

from ..activations import sigmoid, softmax
from . import Feedback, call_safely, close, never_raise, not_yet_answered, unfinished

#: Exercise 1: the points at which the student's sigmoid is compared with σ(z) = 1 / (1 + e^(−z)).
SIGMOID_POINTS = np.array([-5.0, -2.0, -0.5, 0.0, 0.5, 2.0, 5.0])

#: Exercise 2: the scores of a three-class output layer.
SCORES = np.array([2.0, 1.0, 0.1])

#: Exercise 3: the options, and which output range belongs to which activation function.
RANGE_OPTIONS = {
    "A": "every value in (0, 1)",
    "B": "every value in (−1, 1)",
    "C": "every value in [0, ∞)",
    "D": "only the two values 0 and 1",
    "E": "each value in (0, 1), and all of them together sum to 1",
}
RANGE_ANSWERS = {"step": "D", "sigmoid": "A", "tanh": "B", "relu": "C", "softmax": "E"}
RANGE_REASONS = {
    "step": "the step jumps from 0 straight to 1: nothing in between.",
    "sigmoid": "σ(z) = 1 / (1 + e^(−z)) comes close to 0 and to 1 but never reaches them.",
    "tanh": "tanh is a sigmoid stretched to (−1, 1): tanh(z) = 2σ(2z) − 1.",
    "relu": "max(0, z) is 0 for z ≤ 0 and z itself above: no upper limit.",
    "softmax": "softmax turns a whole layer's scores into probabilities that sum to 1.",
}


SIGMOID_TITLE = "Exercise 1: write the sigmoid"


@never_raise(SIGMOID_TITLE)
def check_sigmoid(my_sigmoid):
    """Exercise 1: a function ``my_sigmoid(z)`` computing σ(z) = 1 / (1 + e^(−z)).

    It is called on single numbers and on an array; it must give σ(0) = 0.5 and agree with
    ``helpers.sigmoid`` to 6 digits on ``SIGMOID_POINTS``.
    """
    title = SIGMOID_TITLE
    if unfinished(my_sigmoid):
        return not_yet_answered(title, "your function")
    expected = sigmoid(SIGMOID_POINTS)
    result, problem = call_safely(title, my_sigmoid, SIGMOID_POINTS.copy())
    if problem is not None:
        problem.hint = "Start from `1 / (1 + np.exp(-z))`; np.exp works on whole arrays."
        return problem
    try:
        values = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return Feedback(
            title,
            False,
            [f"my_sigmoid(z) should return numbers, got {type(result).__name__}."],
            "Return `1 / (1 + np.exp(-z))`.",
        )
    if values.shape != expected.shape:
        return Feedback(
            title,
            False,
            [
                f"For an array of {expected.size} values of z it returned shape {values.shape}: "
                "expected one σ(z) per z."
            ],
            "Use np.exp (not math.exp), which works element by element on a whole array.",
        )
    if close(values, expected):
        at_zero, _ = call_safely(title, my_sigmoid, 0.0)
        messages = ["σ(z) agrees with helpers.sigmoid on all of " + _fmt(SIGMOID_POINTS) + "."]
        if at_zero is not None and close(at_zero, 0.5):
            messages.append("σ(0) = 0.5: halfway between 0 and 1.")
        return Feedback(title, True, messages)
    if close(values, sigmoid(-SIGMOID_POINTS)):
        messages = ["Your function gives σ(−z): it falls where σ rises (σ(2) should be 0.881)."]
        hint = "Check the sign in the exponent: σ(z) = 1 / (1 + e^(−z)), so np.exp(-z)."
    elif close(values, 1.0 / (1.0 + np.exp(-SIGMOID_POINTS)) ** 2):
        messages = ["Your values are σ(z)²: is the whole denominator in brackets only once?"]
        hint = "1 / (1 + np.exp(-z))"
    elif close(values, np.exp(-SIGMOID_POINTS)):
        messages = ["Your function returns e^(−z), which is only part of the formula."]
        hint = "Add 1 to e^(−z) and take 1 divided by that: 1 / (1 + np.exp(-z))."
    else:
        got = np.round(values, 3)
        messages = [
            f"At z = {_fmt(SIGMOID_POINTS)} σ(z) is {_fmt(np.round(expected, 3))}, "
            f"your function gives {_fmt(got)}."
        ]
        hint = "σ(z) = 1 / (1 + e^(−z)): in NumPy, 1 / (1 + np.exp(-z))."
    return Feedback(title, False, messages, hint)


SOFTMAX_TITLE = "Exercise 2: softmax of three scores"


@never_raise(SOFTMAX_TITLE)
def check_softmax(probabilities):
    """Exercise 2: ``probabilities`` = softmax of the scores (2.0, 1.0, 0.1).

    Expected: e^z / Σ e^z ≈ (0.659, 0.242, 0.099); any array-like of three numbers is accepted.
    """
    title = SOFTMAX_TITLE
    if unfinished(probabilities):
        return not_yet_answered(title, "the three probabilities (computed with NumPy)")
    expected = softmax(SCORES)
    try:
        p = np.asarray(probabilities, dtype=float)
    except (TypeError, ValueError):
        return Feedback(
            title,
            False,
            [f"Expected three numbers, got {type(probabilities).__name__}."],
            "np.exp(scores) / np.exp(scores).sum() gives an array of three probabilities.",
        )
    p = p.reshape(-1) if p.size == 3 else p
    if p.shape != (3,):
        return Feedback(
            title,
            False,
            [f"Expected three probabilities (one per class), got shape {p.shape}."],
            "Apply softmax to the whole vector of scores at once: one probability per class.",
        )
    if not np.isfinite(p).all():
        return Feedback(
            title,
            False,
            [f"Some of your values are not a finite number (nan or inf): got {_fmt(p)}."],
            "Compute all three with NumPy: e = np.exp(scores); e / e.sum().",
        )
    if close(p, expected, rtol=1e-3, atol=1e-3):
        return Feedback(
            title,
            True,
            [
                f"softmax(2.0, 1.0, 0.1) = {_fmt(np.round(expected, 3))}.",
                f"They sum to {expected.sum():.1f}, and the largest score gets the largest "
                "probability.",
            ],
        )
    messages = []
    total = p.sum()
    if close(p, np.exp(SCORES), rtol=1e-3):
        messages.append(
            f"These are e^z = {_fmt(np.round(np.exp(SCORES), 3))}: they sum to {total:.3f}, "
            "not to 1."
        )
        hint = "Divide by the sum: e = np.exp(scores); e / e.sum()."
    elif close(p, SCORES / SCORES.sum(), rtol=1e-3):
        messages.append(
            "You divided the scores by their sum: that gives numbers that sum to 1, but it is "
            "not softmax (and fails for negative scores)."
        )
        hint = "Take np.exp of the scores first, then divide by the sum of those exponentials."
    elif close(np.sort(p), np.sort(expected), rtol=1e-3, atol=1e-3):
        messages.append("The right three numbers, but in the wrong order.")
        hint = "Keep the order of the scores: class 1 (score 2.0) gets the largest probability."
    else:
        if np.isfinite(total) and abs(total - 1) < 1e-3:
            messages.append("Your numbers sum to 1 (good), but they are not e^z / Σ e^z.")
        else:
            messages.append(f"Your numbers sum to {total:.3f}; probabilities must sum to 1.")
        hint = "softmax(z)_i = e^(z_i) / Σ_j e^(z_j): e = np.exp(scores); e / e.sum()."
    return Feedback(title, False, messages, hint)


RANGES_TITLE = "Exercise 3: which activation gives which outputs?"


def _letter(value):
    """The option letter in ``value`` ("a", " B ", "C: ...") or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    letter = value.strip()[0].upper()
    return letter if letter in RANGE_OPTIONS else None


@never_raise(RANGES_TITLE)
def check_output_ranges(answer):
    """Exercise 3: ``answer`` maps each activation to the letter of its output range.

    Expected: {"step": "D", "sigmoid": "A", "tanh": "B", "relu": "C", "softmax": "E"}.
    """
    title = RANGES_TITLE
    if unfinished(answer):
        return not_yet_answered(title, "the dictionary of letters")
    if not isinstance(answer, dict):
        return Feedback(
            title,
            False,
            [f"Expected a dictionary like {{'step': 'D', ...}}, got {type(answer).__name__}."],
            "Keep the dictionary of the exercise and replace each `...` by a letter.",
        )
    keys = {str(k).strip().lower(): v for k, v in answer.items()}
    right, wrong, missing = [], [], []
    for name, correct in RANGE_ANSWERS.items():
        value = keys.get(name, ...)
        if unfinished(value):
            missing.append(name)
            continue
        letter = _letter(value)
        if letter is None:
            wrong.append(f"{name}: {value!r} is not one of the letters A–E.")
        elif letter == correct:
            right.append(f"✓ {name}: {correct}, {RANGE_OPTIONS[correct]}.")
        else:
            wrong.append(f"✗ {name}: not {letter} ({RANGE_OPTIONS[letter]}).")
    if missing and not right and not wrong:
        return not_yet_answered(title, "a letter A–E for each activation function")
    if missing:
        wrong.append("Still to answer: " + ", ".join(missing) + ".")
    hint = None
    if wrong:
        first = next(n for n in RANGE_ANSWERS if n in missing or not _right_for(keys, n))
        hint = f"Look at the plots in step 3 (softmax: step 5). {first}: " + RANGE_REASONS[first]
    return Feedback(title, not wrong, right + wrong, hint)


def _right_for(keys, name):
    return _letter(keys.get(name)) == RANGE_ANSWERS[name]


def _fmt(values):
    """Numbers as '(a, b, c)', with plain minus signs and no trailing zeros."""
    return "(" + ", ".join(f"{v:g}" for v in np.ravel(values)) + ")"
