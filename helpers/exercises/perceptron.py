"""Checkers for notebook 01, "What is a neural network? The perceptron".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises.
"""

import numpy as np

from . import Feedback, as_number, call_safely, close, not_yet_answered, unfinished

#: Exercise 1: a friend's evening on the couch (effort 2, hunger 3) and her own perceptron.
FRIEND_X = np.array([2.0, 3.0])
FRIEND_W = np.array([-1.5, 1.0])
FRIEND_B = 0.5

#: The four input pairs of a logic gate, in truth-table order.
GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
NOR_TABLE = np.array([1, 0, 0, 0])


def check_snack_decision(z, decision):
    """Exercise 1: the weighted sum ``z`` and the ``decision`` (0 or 1) for the friend's evening.

    Expected: z = 2·(−1.5) + 3·1 + 0.5 = 0.5 > 0, so decision = 1 (get snacks).
    """
    title = "Exercise 1: your friend's snack decision"
    if unfinished(z) or unfinished(decision):
        return not_yet_answered(title, "the weighted sum z and the decision (0 or 1)")
    expected_z = float(FRIEND_X @ FRIEND_W + FRIEND_B)
    expected_decision = int(expected_z > 0)
    right, wrong = [], []
    z_value = as_number(z)
    if z_value is None:
        wrong.append(f"z should be one number, got {z!r}.")
    elif close(z_value, expected_z):
        right.append(f"z = w · x + b = {expected_z:g}: right.")
    else:
        wrong.append(f"z = {z_value:g} is not the weighted sum w · x + b.")
    d_value = as_number(decision)
    if d_value is None or d_value not in (0.0, 1.0):
        wrong.append(f"The decision must be 0 (stay) or 1 (get snacks), got {decision!r}.")
    elif int(d_value) == expected_decision:
        action = "get snacks" if expected_decision else "stay on the couch"
        right.append(f"Decision {expected_decision}: {action}. Right.")
    elif z_value is not None and int(z_value > 0) == int(d_value):
        wrong.append("Your decision follows from your z, but z itself is off.")
    else:
        wrong.append(
            f"Decision {int(d_value)} does not follow from the rule: output 1 only if z > 0."
        )
    hint = (
        "Multiply each input by its weight and add them up: effort 2 × (−1.5), hunger 3 × 1, "
        "then add the bias 0.5. The perceptron outputs 1 only if that sum is > 0."
    )
    return Feedback(title, not wrong, right + wrong, hint)


def gate_table(w, b):
    """The perceptron's outputs on the four inputs (0,0), (0,1), (1,0), (1,1)."""
    return (GATE_INPUTS @ np.asarray(w, dtype=float) + float(b) > 0).astype(int)


def check_nor(w, b):
    """Exercise 2: weights ``w`` (two numbers) and bias ``b`` for which the perceptron is NOR.

    NOR ("not OR") outputs 1 only for (0, 0). One solution: w = (−1, −1), b = 0.5.
    """
    title = "Exercise 2: a NOR gate from one perceptron"
    if unfinished(w) or unfinished(b) or any(unfinished(v) for v in np.ravel(np.array(w, object))):
        return not_yet_answered(title, "two weights w = [w1, w2] and a bias b")
    try:
        w_array = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        return Feedback(title, False, [f"w should be two numbers, got {w!r}."])
    if w_array.shape != (2,) or not np.isfinite(w_array).all():
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


#: Cases for Exercise 3: (x, w, b); the last ones have z exactly 0 (the output must be 0).
PERCEPTRON_CASES = [
    ([4.0, 1.0], [-1.0, 2.0], 1.0),  # the slide's snack example: z = −1 → 0
    ([1.0, 1.0], [-1.0, 2.0], 4.0),  # snack example II: z = 5 → 1
    ([2.0, 3.0], [-1.5, 1.0], 0.5),  # exercise 1: z = 0.5 → 1
    ([0.5, -2.0, 3.0], [1.0, 1.0, 1.0], -1.0),  # three inputs: z = 0.5 → 1
    ([3.0, 1.0], [-1.0, 2.0], 1.0),  # z = 0 exactly → 0 (strict inequality)
    ([1.0, 1.0], [1.0, 1.0], -2.0),  # z = 0 exactly → 0
]


def check_my_perceptron(my_perceptron):
    """Exercise 3: a function ``my_perceptron(x, w, b)`` returning 1 if w · x + b > 0 else 0.

    It is called with plain lists (one sample) and compared with ``helpers.perceptron``,
    including inputs where z is exactly 0 (the rule's strict inequality gives 0 there).
    """
    title = "Exercise 3: your own perceptron"
    if unfinished(my_perceptron):
        return not_yet_answered(title, "your function")
    right, wrong = 0, []
    for x, w, b in PERCEPTRON_CASES:
        expected = int(np.dot(x, w) + b > 0)
        result, problem = call_safely(title, my_perceptron, list(x), list(w), b)
        if problem is not None:
            return problem
        got = as_number(result)
        if got is None or got not in (0.0, 1.0):
            wrong.append(f"my_perceptron({x}, {w}, {b}) returned {result!r}: expected 0 or 1.")
        elif int(got) != expected:
            z = float(np.dot(x, w) + b)
            wrong.append(
                f"my_perceptron({x}, {w}, {b}) returned {int(got)}, expected {expected} "
                f"(z = {z:g})."
            )
        else:
            right += 1
    messages = [f"{right} of {len(PERCEPTRON_CASES)} test inputs give the right output."]
    hint = (
        "Compute z = np.dot(w, x) + b, then return 1 if z > 0 else 0. "
        "Careful: z = 0 must give 0 (the inequality is strict)."
    )
    return Feedback(title, not wrong, messages + wrong[:3], hint)
