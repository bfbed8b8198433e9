"""Checkers for notebook 03, "Activation functions".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a wrong type or a student function that crashes all get friendly feedback.
"""

import numpy as np

from ..activations import softmax
from . import (
    Feedback,
    as_array,
    as_letter,
    call_safely,
    is_close,
    letter_feedback,
    matches_shown,
    never_raise,
    not_yet_answered,
    unfinished,
)

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
#: Letters that are true of a function but not its most specific description (each letter is
#: used once): softmax's outputs do each lie in (0, 1), so "A" is not false, only incomplete.
RANGE_TRUE_BUT_LESS = {("softmax", "A"): "each output is indeed in (0, 1)"}
RANGE_REASONS = {
    "step": "the step jumps from 0 straight to 1: nothing in between.",
    "sigmoid": "σ(z) = 1 / (1 + e^(−z)) comes close to 0 and to 1 but never reaches them.",
    "tanh": "tanh is a sigmoid stretched to (−1, 1): tanh(z) = 2σ(2z) − 1.",
    "relu": "max(0, z) is 0 for z ≤ 0 and z itself above: no upper limit.",
    "softmax": "softmax turns a whole layer's scores into probabilities that sum to 1.",
}


LEAKY_TITLE = "Exercise 1: the leaky ReLU and its slope"

#: Exercise 1: the leaky ReLU's slope for z < 0, and the points where the student's functions
#: are compared (z = 0 left out: the slope is not defined there).
LEAK = 0.01
LEAKY_POINTS = np.array([-4.0, -1.5, -0.2, 0.3, 1.0, 5.0])


def _leaky(z):
    return np.maximum(LEAK * z, z)


def _leaky_prime(z):
    return np.where(z > 0, 1.0, LEAK)


def _called_on_points(title, function, name):
    """(values, None) if ``function(LEAKY_POINTS)`` gives one finite number per point, else
    (None, Feedback) saying what went wrong."""
    result, problem = call_safely(title, function, LEAKY_POINTS.copy())
    if problem is not None:
        problem.messages = [
            f"{name}: {m}" + (f" (at z = {_fmt(LEAKY_POINTS)})" if "raised" in m else "")
            for m in problem.messages
        ]
        if any("ambiguous" in m for m in problem.messages):
            problem.hint = (
                "Python's max (and `if z > 0`) cannot compare a whole array at once: use "
                "np.maximum or np.where, which work element by element."
            )
        return None, problem
    values = as_array(result)
    if values is None:
        return None, Feedback(
            title,
            False,
            [
                f"{name}(z) at z = {_fmt(LEAKY_POINTS)} should return finite numbers, "
                f"got {result!r:.60}."
            ],
            "Return an array with one value per z, computed with NumPy.",
        )
    if values.shape != LEAKY_POINTS.shape:
        return None, Feedback(
            title,
            False,
            [
                f"For an array of {LEAKY_POINTS.size} values of z, {name} returned shape "
                f"{values.shape}: expected one value per z."
            ],
            "Use np.maximum or np.where, which work element by element (np.max, or a plain "
            "number, gives one value for the whole array).",
        )
    return values, None


@never_raise(LEAKY_TITLE)
def check_leaky_relu(my_leaky_relu, my_leaky_relu_prime):
    """Exercise 1: ``my_leaky_relu(z)`` = max(0.01 z, z) and its slope ``my_leaky_relu_prime(z)``
    (1 for z > 0, 0.01 for z < 0), both element by element on a NumPy array.

    Both are called on the array LEAKY_POINTS and compared with the formulas; the typical slips
    (the plain ReLU, a slope of 0.01 z, Python's max on an array) are named.
    """
    title = LEAKY_TITLE
    if unfinished(my_leaky_relu) or unfinished(my_leaky_relu_prime):
        return not_yet_answered(title, "the bodies of both functions")
    values, problem = _called_on_points(title, my_leaky_relu, "my_leaky_relu")
    if problem is not None:
        return problem
    slopes, problem = _called_on_points(title, my_leaky_relu_prime, "my_leaky_relu_prime")
    if problem is not None:
        return problem
    z = LEAKY_POINTS
    messages, hints = [], []
    if is_close(values, _leaky(z)):
        messages.append(f"✓ my_leaky_relu{_fmt(z)} = {_fmt(_leaky(z))}.")
    elif is_close(values, np.maximum(0.0, z)):
        messages.append("✗ my_leaky_relu gives 0 for z < 0: that is the plain ReLU.")
        hints.append("For z < 0 the leaky ReLU gives 0.01 z, a small negative number.")
    else:
        messages.append(f"✗ my_leaky_relu{_fmt(z)} gives {_fmt(np.round(values, 4))}.")
        hints.append("max(0.01 z, z) element by element: np.maximum(0.01 * z, z).")
    if is_close(slopes, _leaky_prime(z)):
        messages.append(f"✓ the slope is 1 for z > 0 and {LEAK:g} for z < 0, never 0.")
    elif is_close(slopes, (z > 0).astype(float)):
        messages.append("✗ your slope is 0 for z < 0: that is the plain ReLU's slope.")
        hints.append("For z < 0 the leaky ReLU is 0.01 z: what is the slope of 0.01 z?")
    elif is_close(slopes, np.where(z > 0, 1.0, LEAK * z)):
        messages.append("✗ your slope is 0.01 z for z < 0: the slope of 0.01 z is a constant.")
        hints.append("The slope of c·z is c, whatever z is.")
    else:
        messages.append(f"✗ my_leaky_relu_prime{_fmt(z)} gives {_fmt(np.round(slopes, 4))}.")
        hints.append("Measure it: (f(z + h) − f(z − h)) / 2h for a small h, as in step 3.")
    passed = not any(m.startswith("✗") for m in messages)
    return Feedback(title, passed, messages, " ".join(hints) or None)


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
        elif (name, letter) in RANGE_TRUE_BUT_LESS:
            wrong.append(
                f"~ {name}: {letter} is true ({RANGE_TRUE_BUT_LESS[name, letter]}), but another "
                "letter says more: each letter is used once, for its most specific match."
            )
        else:
            wrong.append(f"✗ {name}: not {letter} ({RANGE_OPTIONS[letter]}).")
    if missing and not right and not wrong:
        return not_yet_answered(title, "a letter A–E for each activation function")
    if missing:
        wrong.append("Still to answer: " + ", ".join(missing) + ".")
    hint = None
    if wrong:
        first = next(n for n in RANGE_ANSWERS if n in missing or not _right_for(keys, n))
        hint = f"Look at the plots in step 3 (softmax: step 6). {first}: " + RANGE_REASONS[first]
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
