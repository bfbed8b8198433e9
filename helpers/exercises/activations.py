"""Checkers for notebook 03, "Activation functions".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a wrong type or a student function that crashes all get friendly feedback.
"""

import numpy as np

from ..activations import sigmoid, softmax
from . import (
    Feedback,
    as_array,
    as_letter,
    call_safely,
    close,
    letter_feedback,
    matches_shown,
    never_raise,
    not_yet_answered,
    unfinished,
)

#: Exercise 1: the points at which the student's sigmoid is compared with σ(z) = 1 / (1 + e^(−z)).
SIGMOID_POINTS = np.array([-5.0, -2.0, -0.5, 0.0, 0.5, 2.0, 5.0])

#: Exercise 2: the scores of a three-class output layer.
SCORES = np.array([2.0, 1.0, 0.1])
#: Exercise 2 shows its probabilities to 2 decimals: answers right to 2 decimals pass.
DECIMALS = 2

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
        return problem  # unfinished, raised, or printed: call_safely says what to do
    values = as_array(result)
    if values is None:
        return Feedback(
            title,
            False,
            [f"my_sigmoid(z) should return finite numbers, got {result!r:.60}."],
            "Return the value of the formula σ(z) = 1 / (1 + e^(−z)), computed with np.exp.",
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

    Expected: e^z / Σ e^z ≈ (0.659, 0.242, 0.099); any array-like of three numbers is accepted
    if each is right to the 2 decimals the exercise shows (0.66, 0.24, 0.10 pass).
    """
    title = SOFTMAX_TITLE
    if unfinished(probabilities):
        return not_yet_answered(title, "the three probabilities (computed with NumPy)")
    expected = softmax(SCORES)
    p = as_array(probabilities)
    if p is None:
        return Feedback(
            title,
            False,
            [f"Expected three finite numbers, got {probabilities!r:.60}."],
            "Compute e^z for each score with np.exp, then divide by their sum.",
        )
    p = p.reshape(-1) if p.size == 3 else p
    if p.shape != (3,):
        return Feedback(
            title,
            False,
            [f"Expected three probabilities (one per class), got shape {p.shape}."],
            "Apply softmax to the whole vector of scores at once: one probability per class.",
        )
    if _shown(p, expected):
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
    if _shown(p, np.exp(SCORES)):
        messages.append(
            f"These are e^z = {_fmt(np.round(np.exp(SCORES), 3))}: they sum to {total:.3f}, "
            "not to 1."
        )
        hint = "Divide by the sum: e = np.exp(scores); e / e.sum()."
    elif _shown(p, SCORES / SCORES.sum()):
        messages.append(
            "You divided the scores by their sum: that gives numbers that sum to 1, but it is "
            "not softmax (and fails for negative scores)."
        )
        hint = "Take np.exp of the scores first, then divide by the sum of those exponentials."
    elif _shown(np.sort(p), np.sort(expected)):
        messages.append("The right three numbers, but in the wrong order.")
        hint = "Keep the order of the scores: class 1 (score 2.0) gets the largest probability."
    else:
        if abs(total - 1) <= 0.015:  # three numbers rounded to 2 decimals may sum to 1.01
            messages.append("Your numbers sum to 1 (good), but they are not e^z / Σ e^z.")
        else:
            messages.append(f"Your numbers sum to {total:.3f}; probabilities must sum to 1.")
        wrong = [
            f"{v:g}" for v, e in zip(p, expected, strict=True) if not matches_shown(v, e, DECIMALS)
        ]
        messages.append(f"Not right to {DECIMALS} decimals: {', '.join(wrong)}.")
        hint = "softmax(z)_i = e^(z_i) / Σ_j e^(z_j): e = np.exp(scores); e / e.sum()."
    return Feedback(title, False, messages, hint)


RANGES_TITLE = "Exercise 3: which activation gives which outputs?"


def _letter(value):
    """One whole option letter A–E ("a", " B "), or None ("Dunno", "All of them", "AB")."""
    return as_letter(value, "".join(RANGE_OPTIONS))


@never_raise(RANGES_TITLE)
def check_output_ranges(answer):
    """Exercise 3: ``answer`` maps each activation to the letter of its output range.

    Expected: {"step": "D", "sigmoid": "A", "tanh": "B", "relu": "C", "softmax": "E"}. Each value
    must be one whole letter (any case, spaces ignored): "Dunno" is not an answer "D".
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
            wrong.append(f"{name}: {value!r:.40} is not an answer: answer with one letter, A–E.")
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


DEAD_TITLE = "Exercise 4: which neuron is dead?"

#: Exercise 4: four ReLU neurons max(0, w x + b) on inputs x in [0, 5]: (w, b) per letter.
NEURONS = {"A": (1.0, -2.0), "B": (-1.0, 4.0), "C": (0.5, -3.0), "D": (-2.0, 12.0)}
X_RANGE = (0.0, 5.0)


def _largest_z(w, b):
    """The largest z = w x + b for x in X_RANGE (a line is largest at one of its ends)."""
    return max(w * x + b for x in X_RANGE)


def _where_on(w, b):
    """Where on X_RANGE the neuron w x + b has z > 0, in words."""
    boundary = -b / w
    low, high = X_RANGE
    if _largest_z(w, b) <= 0:
        return "nowhere"
    if min(w * x + b for x in X_RANGE) > 0 or not low < boundary < high:
        return "for every x"
    return f"for x > {boundary:g}" if w > 0 else f"for x < {boundary:g}"


@never_raise(DEAD_TITLE)
def check_dead_neuron(letter):
    """Exercise 4: the letter of the ReLU neuron whose z = w x + b < 0 for every x in [0, 5].

    Expected: "C" (w = 0.5, b = −3: z runs from −3 to −0.5). The others are on for part of
    the inputs (A for x > 2, B for x < 4) or all of them (D).
    """
    title = DEAD_TITLE
    if unfinished(letter):
        return not_yet_answered(title, 'one letter, "A", "B", "C" or "D"')
    answer = as_letter(letter, "".join(NEURONS))
    if answer is None:
        return letter_feedback(title, "".join(NEURONS))
    dead = [k for k, (w, b) in NEURONS.items() if _largest_z(w, b) <= 0]
    w, b = NEURONS[answer]
    low, high = X_RANGE
    ends = f"z = {w * low + b:g} at x = {low:g} and {w * high + b:g} at x = {high:g}"
    if answer in dead:
        others = ", ".join(f"{k} is on {_where_on(*NEURONS[k])}" for k in NEURONS if k != answer)
        return Feedback(
            title,
            True,
            [
                f"{answer}: {ends}, negative for every input, so its output and slope are 0.",
                f"The others still learn: {others}.",
            ],
        )
    return Feedback(
        title,
        False,
        [f"{answer} is alive: {ends}, so z > 0 {_where_on(w, b)}, and there it learns."],
        "z = w x + b is a straight line in x: look at its values at x = 0 and x = 5. A neuron "
        "is dead only if z is negative at both ends.",
    )


def _shown(values, expected):
    """True if each of ``values`` matches ``expected`` to the DECIMALS the exercise shows."""
    return all(matches_shown(v, e, DECIMALS) for v, e in zip(values, expected, strict=True))


def _right_for(keys, name):
    return _letter(keys.get(name)) == RANGE_ANSWERS[name]


def _fmt(values):
    """Numbers as '(a, b, c)', with plain minus signs and no trailing zeros."""
    return "(" + ", ".join(f"{v:g}" for v in np.ravel(values)) + ")"
