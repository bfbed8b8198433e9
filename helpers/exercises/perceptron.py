"""Checkers for notebook 01, "What is a neural network? The perceptron".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises. Numbers are read
with :func:`helpers.exercises.as_number` (a string holding a number, such as "0.5", counts).
"""

import numpy as np

from . import (
    Feedback,
    as_array,
    as_number,
    call_safely,
    is_close,
    never_raise,
    not_yet_answered,
    unfinished,
)

#: Exercise 1: a friend's evening on the couch (effort 2, hunger 3) and her own perceptron.
FRIEND_X = np.array([2.0, 3.0])
FRIEND_W = np.array([-1.5, 1.0])
FRIEND_B = 0.5

#: Exercise 2: the slide's evening and weights; the bias is what the student predicts.
SLIDE_X = np.array([4.0, 1.0])
SLIDE_W = np.array([-1.0, 2.0])

#: The four input pairs of a logic gate, in truth-table order.
GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
NOR_TABLE = np.array([1, 0, 0, 0])


def _as_output(value):
    """A perceptron output 0 or 1 as an int, or None (True/False and 0.5 are not outputs)."""
    number = as_number(value)
    return int(number) if number in (0.0, 1.0) else None


def _shown(value):
    """``value`` as a student would write it: NumPy scalars as plain Python (False, -1.0)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _not_an_output(name, value):
    """The message for a decision that is not the number 0 or 1."""
    if isinstance(value, (bool, np.bool_)):
        return f"{name} is {_shown(value)}: write the number 1 or 0 (e.g. int(z > 0))."
    return f"{name} must be 0 (stay) or 1 (get snacks), got {_shown(value)}."


SNACK_TITLE = "Exercise 1: your friend's snack decision"


@never_raise(SNACK_TITLE)
def check_snack_decision(z, decision):
    """Exercise 1: the weighted sum ``z`` and the ``decision`` (0 or 1) for the friend's evening.

    Expected: z = 2·(−1.5) + 3·1 + 0.5 = 0.5 > 0, so decision = 1 (get snacks).
    """
    title = SNACK_TITLE
    if unfinished(z) or unfinished(decision):
        return not_yet_answered(title, "the weighted sum z and the decision (0 or 1)")
    expected_z = float(FRIEND_X @ FRIEND_W + FRIEND_B)
    expected_decision = int(expected_z > 0)
    right, wrong = [], []
    z_value = as_number(z)
    if z_value is None:
        wrong.append(f"z should be one number, got {z!r}.")
    elif is_close(z_value, expected_z):
        right.append(f"z = w · x + b = {expected_z:g}: right.")
    else:
        wrong.append(f"z = {z_value:g} is not the weighted sum w · x + b.")
    d_value = _as_output(decision)
    if d_value is None:
        wrong.append(_not_an_output("The decision", decision))
    elif d_value == expected_decision:
        action = "get snacks" if expected_decision else "stay on the couch"
        right.append(f"Decision {expected_decision}: {action}. Right.")
    elif z_value is not None and int(z_value > 0) == d_value:
        wrong.append("Your decision follows from your z, but z itself is off.")
    else:
        wrong.append(f"Decision {d_value} does not follow from the rule: output 1 only if z > 0.")
    hint = (
        "Multiply each input by its weight and add them up: effort 2 × (−1.5), hunger 3 × 1, "
        "then add the bias 0.5. The perceptron outputs 1 only if that sum is > 0."
    )
    return Feedback(title, not wrong, right + wrong, hint)


TIPPING_TITLE = "Exercise 2: the tipping point of the snack perceptron"


@never_raise(TIPPING_TITLE)
def check_tipping_bias(bias, decision):
    """Exercise 2: the bias at which z = 0 at the slide's evening, and the decision there.

    z = 4·(−1) + 1·2 + b = b − 2 is 0 at b = 2, and the strict inequality gives output 0 there.
    """
    title = TIPPING_TITLE
    if unfinished(bias) or unfinished(decision):
        return not_yet_answered(title, "the bias and the decision at that bias (0 or 1)")
    expected_bias = -float(SLIDE_X @ SLIDE_W)
    right, wrong, hints = [], [], []
    b_value = as_number(bias)
    if b_value is None:
        wrong.append(f"The bias should be one number, got {bias!r}.")
    elif is_close(b_value, expected_bias):
        right.append(f"At b = {expected_bias:g}: z = 4·(−1) + 1·2 + {expected_bias:g} = 0. Right.")
    else:
        z = float(SLIDE_X @ SLIDE_W + b_value)
        wrong.append(f"With b = {b_value:g} the weighted input is z = {z:g}, not 0.")
        if is_close(b_value, -expected_bias):
            hints.append("Check the sign: w · x alone is 4·(−1) + 1·2; which b cancels it?")
        else:
            hints.append("Write z = 4·(−1) + 1·2 + b as a number plus b, then set it to 0.")
    d_value = _as_output(decision)
    if d_value is None:
        wrong.append(_not_an_output("The decision", decision))
    elif d_value == 0:
        right.append("Output 0 at z = 0: the inequality z > 0 is strict. Right.")
    else:
        wrong.append("Output 1 needs z > 0; at the tipping point z is exactly 0.")
        hints.append("Read the perceptron rule again: which case contains z = 0?")
    hint = " ".join(hints) or None
    return Feedback(title, not wrong, right + wrong, hint)


def gate_table(w, b):
    """The perceptron's outputs on the four inputs (0,0), (0,1), (1,0), (1,1)."""
    return (GATE_INPUTS @ np.asarray(w, dtype=float) + float(b) > 0).astype(int)


def _two_numbers(value):
    """Two weights as a float array, each read like one number (so "−1" counts), or None."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        numbers = [as_number(v) for v in value]
        return None if None in numbers else np.array(numbers)
    return as_array(value, shape=(2,))


NOR_TITLE = "Exercise 3: a NOR gate from one perceptron"


def _has_placeholder(value):
    """True if ``value`` is ``...`` or a list/tuple that still holds a ``...``."""
    if unfinished(value):
        return True
    return isinstance(value, (list, tuple)) and any(unfinished(v) for v in value)


@never_raise(NOR_TITLE)
def check_nor(w, b):
    """Exercise 3: weights ``w`` (two numbers) and bias ``b`` for which the perceptron is NOR.

    NOR ("not OR") outputs 1 only for (0, 0). One solution: w = (−1, −1), b = 0.5.
    """
    title = NOR_TITLE
    if _has_placeholder(w) or unfinished(b):
        return not_yet_answered(title, "two weights w = [w1, w2] and a bias b")
    w_array = _two_numbers(w)
    if w_array is None:
        return Feedback(title, False, [f"w should be a list of two numbers [w1, w2], got {w!r}."])
    b_value = as_number(b)
    if b_value is None:
        return Feedback(title, False, [f"b should be one number, got {b!r}."])
    outputs = gate_table(w_array, b_value)
    messages = []
    for (x1, x2), got, want in zip(GATE_INPUTS.astype(int), outputs, NOR_TABLE, strict=True):
        z = w_array @ [x1, x2] + b_value
        mark = "✓" if got == want else "✗"
        messages.append(f"{mark} x = ({x1}, {x2}): z = {z:g} → {got} (NOR wants {want})")
    passed = bool(np.array_equal(outputs, NOR_TABLE))
    hint = (
        "NOR is 'not OR': start from the OR perceptron (w = (1, 1), b = −0.5) and flip "
        "the sign of every weight and of the bias. Remember: z = 0 gives 0."
    )
    return Feedback(title, passed, messages, hint)


#: Cases for Exercise 4: (x, w, b); the last ones have z exactly 0 (the output must be 0).
PERCEPTRON_CASES = [
    ([4.0, 1.0], [-1.0, 2.0], 1.0),  # the slide's snack example: z = −1 → 0
    ([1.0, 1.0], [-1.0, 2.0], 4.0),  # snack example II: z = 5 → 1
    ([2.0, 3.0], [-1.5, 1.0], 0.5),  # exercise 1: z = 0.5 → 1
    ([0.5, -2.0, 3.0], [1.0, 1.0, 1.0], -1.0),  # three inputs: z = 0.5 → 1
    ([3.0, 1.0], [-1.0, 2.0], 1.0),  # z = 0 exactly → 0 (strict inequality)
    ([1.0, 1.0], [1.0, 1.0], -2.0),  # z = 0 exactly → 0
]

PERCEPTRON_TITLE = "Exercise 4: your own perceptron"


def _lists_hint(problem):
    """``problem`` with a hint if the student's code used ``@`` or ``*`` on the plain lists."""
    said = " ".join(problem.messages)
    if "TypeError" in said and ("@" in said or "sequence" in said or "operand" in said):
        problem.hint = (
            "x and w arrive as plain Python lists, and `w @ x` (or `w * x`) works on NumPy "
            "arrays only: write np.dot(w, x), or np.asarray(w) @ np.asarray(x)."
        )
    return problem


def _judge_output(call, result, z):
    """(right?, message or None) for one output of the student's perceptron.

    The numbers 0 and 1 are outputs; so are True and False (Python counts them as 1 and 0,
    ``True + True == 2``), with a note; the text "1" is not a number, nor is 0.5.
    """
    if isinstance(result, (str, bytes)):
        return False, f"{call} returned the text {_shown(result)}: return the number, not a string."
    got = _as_output(result)
    if isinstance(result, (bool, np.bool_)):
        got = int(bool(result))
    if got is None:
        return False, f"{call} returned {_shown(result)}: expected 0 or 1."
    if got != int(z > 0):
        return False, f"{call} returned {_shown(result)}, expected {int(z > 0)} (z = {z:g})."
    return True, None


@never_raise(PERCEPTRON_TITLE)
def check_my_perceptron(my_perceptron):
    """Exercise 4: a function ``my_perceptron(x, w, b)`` returning 1 if w · x + b > 0 else 0.

    It is called with plain lists (one sample) and compared with ``helpers.perceptron``,
    including inputs where z is exactly 0 (the rule's strict inequality gives 0 there). True and
    False pass (Python counts them as 1 and 0) with a note; strings do not.
    """
    title = PERCEPTRON_TITLE
    if unfinished(my_perceptron):
        return not_yet_answered(title, "your function")
    right, wrong, bools = 0, [], False
    for x, w, b in PERCEPTRON_CASES:
        z = float(np.dot(x, w) + b)
        result, problem = call_safely(title, my_perceptron, list(x), list(w), b)
        if problem is not None:
            if problem.messages and "raised" in problem.messages[0]:
                problem.messages[0] += f" (in my_perceptron({x}, {w}, {b}))"
            return _lists_hint(problem)
        ok, message = _judge_output(f"my_perceptron({x}, {w}, {b})", result, z)
        bools = bools or isinstance(result, (bool, np.bool_))
        if ok:
            right += 1
        else:
            wrong.append(message)
    messages = [f"{right} of {len(PERCEPTRON_CASES)} test inputs give the right output."]
    if bools and not wrong:
        messages.append(
            "It returns True/False, which Python counts as 1/0 (True + True == 2). The lecture's "
            "perceptron outputs the numbers: int(z > 0) turns one into the other."
        )
    hint = (
        "Compute z = np.dot(w, x) + b, then return 1 if z > 0 else 0. "
        "Careful: z = 0 must give 0 (the inequality is strict)."
    )
    return Feedback(title, not wrong, messages + wrong[:3], hint)
