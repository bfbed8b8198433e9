"""Checkers for notebook 04, "Loss functions".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a wrong type or an unexpected value all get friendly feedback. Typed numbers
count if they are right to the precision the exercises show (2 decimals), one rule for all.
"""

import numpy as np

from ..activations import sigmoid_prime
from ..gradcheck import numerical_gradient
from ..losses import cross_entropy, mse
from . import (
    Feedback,
    as_letter,
    as_number,
    call_safely,
    matches_shown,
    never_raise,
    not_yet_answered,
    unfinished,
)

#: Exercise 1: one sample of class 3 (of three) and the network's prediction for it.
EX1_Y = np.array([[0.0, 0.0, 1.0]])
EX1_Y_HAT = np.array([[0.2, 0.2, 0.6]])

#: Exercise 2: four samples (true classes) and two models' predictions with the same accuracy.
EX2_Y = np.array([0, 1, 2, 1])
EX2_Y_HAT_A = np.array(
    [
        [0.40, 0.30, 0.30],
        [0.30, 0.40, 0.30],
        [0.30, 0.30, 0.40],
        [0.40, 0.35, 0.25],
    ]
)
EX2_Y_HAT_B = np.array(
    [
        [0.90, 0.05, 0.05],
        [0.05, 0.90, 0.05],
        [0.05, 0.05, 0.90],
        [0.50, 0.45, 0.05],
    ]
)

#: The exercises ask for numbers to 2 decimals: an answer passes if it is right to 2 decimals.
DECIMALS = 2


def _near(value, target):
    """True if ``value`` (a number, or a string holding one) equals ``target`` to DECIMALS."""
    return matches_shown(value, target, DECIMALS)


def _judge(answer, name, expected, right, slips):
    """One number of an answer: (message, hint or None). ``slips`` lists (value, message, hint)
    for the usual mistakes, tried in order; the last one, with value None, is "wrong"."""
    if unfinished(answer):
        return f"The {name} is still `...`.", None
    value = as_number(answer)
    if value is None:
        return f"The {name} should be one number, got {answer!r}.", None
    if _near(value, expected):
        return right, None
    for slip, message, hint in slips:
        if slip is None or _near(value, slip):
            return message.format(value=value), hint
    raise AssertionError("the last slip must be the catch-all (value None)")


def accuracy(y, y_hat):
    """The fraction of samples whose most probable class is the true class."""
    return float(np.mean(np.argmax(y_hat, axis=1) == y))


LOSSES_TITLE = "Exercise 1: the quadratic loss and the cross-entropy of one prediction"


@never_raise(LOSSES_TITLE)
def check_losses(mse_value, ce_value):
    """Exercise 1: quadratic loss and cross-entropy of ŷ = (0.2, 0.2, 0.6) for y = (0, 0, 1).

    Expected (n = 1): MSE = 1/2 · (0.04 + 0.04 + 0.16) = 0.12 and CE = −ln 0.6 ≈ 0.511.
    Values right to 2 decimals (0.12, 0.51) are accepted.
    """
    title = LOSSES_TITLE
    if unfinished(mse_value) and unfinished(ce_value):
        return not_yet_answered(title, "the two losses (numbers)")
    expected_mse = mse(EX1_Y, EX1_Y_HAT)
    expected_ce = cross_entropy(EX1_Y, EX1_Y_HAT)
    squares = float(np.sum((EX1_Y - EX1_Y_HAT) ** 2))
    judged = [
        _judge(
            mse_value,
            "quadratic loss",
            expected_mse,
            f"Quadratic loss: 1/(2·1) · (0.2² + 0.2² + 0.4²) = {expected_mse:.3f}. Right.",
            [
                (
                    squares,
                    "Quadratic loss {value:.3f} is the sum of squares without the 1/(2n).",
                    "The lecture's quadratic loss has a factor 1/(2n), here n = 1: halve it.",
                ),
                (
                    squares / 3,
                    "Quadratic loss {value:.3f} is the mean over the three classes.",
                    "Sum the squares over the classes, then divide by 2n (n = 1 sample).",
                ),
                (
                    None,
                    "Quadratic loss {value:.4g} is not 1/(2n) · Σ (y − ŷ)².",
                    "Square each difference y − ŷ, add them up, multiply by 1/2.",
                ),
            ],
        ),
        _judge(
            ce_value,
            "cross-entropy",
            expected_ce,
            f"Cross-entropy: −ln 0.6 = {expected_ce:.3f}. Right: only the true class counts.",
            [
                (
                    -expected_ce,
                    "Cross-entropy {value:.3f}: right size, wrong sign.",
                    "The loss is −y · ln ŷ: ln 0.6 is negative, so the loss is positive.",
                ),
                (
                    -np.log10(0.6),
                    "Cross-entropy {value:.3f} uses log₁₀.",
                    "Use the natural logarithm: np.log (not np.log10).",
                ),
                (
                    -np.log(0.2),
                    "Cross-entropy {value:.3f} is −ln 0.2: a wrong class's probability.",
                    "The true class is the third one (y = 1 there): use its ŷ = 0.6.",
                ),
                (
                    float(-np.sum(np.log(EX1_Y_HAT))),
                    "Cross-entropy {value:.3f} adds −ln ŷ of every class.",
                    "Multiply by y first: y · ln ŷ keeps only the true class.",
                ),
                (
                    None,
                    "Cross-entropy {value:.4g} is not −y · ln ŷ.",
                    "−(0 · ln 0.2 + 0 · ln 0.2 + 1 · ln 0.6): use np.log.",
                ),
            ],
        ),
    ]
    messages = [message for message, _ in judged]
    hints = [hint for _, hint in judged if hint]
    passed = _near(mse_value, expected_mse) and _near(ce_value, expected_ce)
    hint = " ".join(hints) or "Fill in both values."
    return Feedback(title, passed, messages, hint)


ACCURACY_TITLE = "Exercise 2: same accuracy, different loss"


@never_raise(ACCURACY_TITLE)
def check_accuracy_vs_loss(accuracy_a, accuracy_b, loss_a, loss_b, better):
    """Exercise 2: accuracy and cross-entropy of the predictions A and B, and the better model.

    Both models get 3 of 4 samples right (accuracy 0.75), but B is confident where it is right and
    less wrong where it is wrong: cross-entropy ≈ 0.950 for A and ≈ 0.279 for B, so B is better.
    Every number counts if it is right to 2 decimals (0.95 and 0.28 pass alike).
    """
    title = ACCURACY_TITLE
    answers = (accuracy_a, accuracy_b, loss_a, loss_b, better)
    if all(unfinished(a) for a in answers):
        return not_yet_answered(title, "the two accuracies, the two losses and 'A' or 'B'")
    expected = {
        "accuracy_A": accuracy(EX2_Y, EX2_Y_HAT_A),
        "accuracy_B": accuracy(EX2_Y, EX2_Y_HAT_B),
        "loss_A": cross_entropy(EX2_Y, EX2_Y_HAT_A),
        "loss_B": cross_entropy(EX2_Y, EX2_Y_HAT_B),
    }
    sums = {"loss_A": 4 * expected["loss_A"], "loss_B": 4 * expected["loss_B"]}
    mses = {"loss_A": mse(EX2_Y, EX2_Y_HAT_A), "loss_B": mse(EX2_Y, EX2_Y_HAT_B)}
    right, wrong, hints = [], [], []
    for name, answer in zip(expected, answers[:4], strict=True):
        target = expected[name]
        if unfinished(answer):
            wrong.append(f"{name} is still `...`.")
            continue
        value = as_number(answer)
        if value is None:
            wrong.append(f"{name} should be one number, got {answer!r}.")
        elif _near(value, target):
            right.append(f"{name} = {target:.3f}: right to {DECIMALS} decimals.")
        elif name.startswith("accuracy") and _near(value, 100 * target):
            wrong.append(f"{name} = {value:g} is a percentage.")
            hints.append("Write the accuracy as a fraction between 0 and 1.")
        elif name.startswith("accuracy") and _near(value, len(EX2_Y) * target):
            wrong.append(f"{name} = {value:g} counts the right samples.")
            hints.append(f"Accuracy is a fraction: divide by the number of samples, {len(EX2_Y)}.")
        elif name.startswith("accuracy") and _near(value, 1 - target):
            wrong.append(f"{name} = {value:g} is the fraction of mistakes (1 − accuracy).")
            hints.append("Accuracy counts the samples whose most probable class is the true one.")
        elif name.startswith("loss") and _near(value, sums[name]):
            wrong.append(f"{name} = {value:.3f} is the sum over the 4 samples.")
            hints.append("The loss is the average: divide by n = 4 (helpers.cross_entropy does).")
        elif name.startswith("loss") and _near(value, mses[name]):
            wrong.append(f"{name} = {value:.3f} is the quadratic loss.")
            hints.append("This exercise asks for the cross-entropy: helpers.cross_entropy(y, ŷ).")
        else:
            wrong.append(f"{name} = {value:.4g} is not right.")
            if name.startswith("accuracy"):
                hints.append("accuracy = np.mean(y_hat.argmax(axis=1) == y).")
            else:
                hints.append("loss = helpers.cross_entropy(y, y_hat), with the integer labels y.")
    letter = as_letter(better, "AB")
    if unfinished(better):
        wrong.append("better is still `...`: answer 'A' or 'B'.")
    elif letter is None:
        wrong.append(f"better is {better!r:.40}: answer with one letter, 'A' or 'B'.")
    elif letter == "B":
        right.append("B is better: just as accurate, but sure where it is right.")
    else:
        wrong.append(
            "A is not the better model: both make one mistake, but A is unsure everywhere."
        )
        hints.append("Lower loss is better: compare loss_A and loss_B.")
    if not wrong:
        right.append("Accuracy cannot tell A and B apart (both 0.75); the loss can.")
    hint = " ".join(dict.fromkeys(hints)) or "Compute each value with NumPy or helpers."
    return Feedback(title, not wrong, right + wrong, hint)


TANH_TITLE = "Exercise 3: derive ∂L/∂w for a tanh neuron"

#: Exercise 3: the points (w, b, x, y) at which the student's ∂L/∂w is compared; x ≠ 1 and a
#: saturated point (z = 3) tell the typical slips apart.
TANH_POINTS = [
    (0.8, -0.2, 1.5, 0.3),
    (-1.2, 0.5, -0.7, -0.5),
    (2.0, 1.0, 1.0, -1.0),
    (0.3, 0.0, 2.0, 0.9),
    (-0.5, -1.0, 0.4, 0.0),
]


def tanh_neuron_loss(w, b, x, y):
    """L = ½ (a − y)² for the tanh neuron a = tanh(w x + b)."""
    return 0.5 * (np.tanh(w * x + b) - y) ** 2


def derived_dw(w, b, x, y):
    """∂L/∂w = (a − y) · (1 − a²) · x, the chain rule's answer (a = tanh(w x + b))."""
    a = np.tanh(w * x + b)
    return float((a - y) * (1 - a**2) * x)


def _digits_agree(answer, exact):
    """How many significant digits ``answer`` shares with ``exact`` (16 if equal)."""
    error = abs(answer - exact) / max(abs(exact), 1e-3)
    return 16 if error == 0 else int(np.clip(np.floor(-np.log10(error)), 0, 16))


#: A derived formula agrees with ``derived_dw`` to round-off (≥ 12 digits at every point); a
#: difference quotient cannot: at its best step h it gets 9-11 digits, with a coarser h fewer.
DERIVED_DIGITS = 12


def numerical_dw(w, b, x, y):
    """∂L/∂w of ``tanh_neuron_loss`` by central differences (helpers.numerical_gradient)."""
    weight = np.array([float(w)])
    return float(numerical_gradient(lambda: tanh_neuron_loss(weight[0], b, x, y), [weight])[0][0])


#: Typical slips: what a wrong derivation computes instead of (a − y)(1 − a²) x.
TANH_SLIPS = {
    "forgot the slope of tanh, 1 − tanh²(z)": lambda a, z, x, y: (a - y) * x,
    "forgot the factor ∂z/∂w = x": lambda a, z, x, y: (a - y) * (1 - a**2),
    "has the sign the wrong way round: ∂L/∂a = a − y, not y − a": (
        lambda a, z, x, y: (y - a) * (1 - a**2) * x
    ),
    "uses the slope of tanh without the square: 1 − tanh²(z), not 1 − tanh(z)": (
        lambda a, z, x, y: (a - y) * (1 - a) * x
    ),
    "uses the sigmoid's slope σ′(z), not tanh's 1 − tanh²(z)": (
        lambda a, z, x, y: (a - y) * sigmoid_prime(z) * x
    ),
}


@never_raise(TANH_TITLE)
def check_tanh_gradient(tanh_neuron_dw):
    """Exercise 3: ``tanh_neuron_dw(w, b, x, y)`` returns ∂L/∂w for a = tanh(w x + b) and
    L = ½ (a − y)².

    Expected: (a − y) · (1 − tanh²(z)) · x, compared with central differences at TANH_POINTS.
    """
    title = TANH_TITLE
    if unfinished(tanh_neuron_dw):
        return not_yet_answered(title, "your function")
    answers = []
    for point in TANH_POINTS:
        result, problem = call_safely(title, tanh_neuron_dw, *point)
        if problem is not None:
            if problem.messages and "raised" in problem.messages[0]:
                problem.messages[0] += f" (in tanh_neuron_dw{point}, i.e. (w, b, x, y))"
            return problem
        value = as_number(result)
        if value is None:
            return Feedback(
                title,
                False,
                [f"tanh_neuron_dw{point} returned {result!r:.60}: expected one number."],
                "Return the value of your formula for ∂L/∂w, one number.",
            )
        answers.append(value)
    numeric = [numerical_dw(*point) for point in TANH_POINTS]
    digits = [_digits_agree(a, derived_dw(*p)) for a, p in zip(answers, TANH_POINTS, strict=True)]
    agree = [d >= DERIVED_DIGITS for d in digits]
    shown = [
        f"at (w, b, x, y) = {point}: yours {a:+.6f}, numerical {n:+.6f} {'✓' if ok else '✗'}"
        for point, a, n, ok in zip(TANH_POINTS, answers, numeric, agree, strict=True)
    ]
    if all(agree):
        return Feedback(
            title,
            True,
            ["Your ∂L/∂w agrees with central differences at all five points."] + shown[:2],
        )
    if min(digits) >= 3:
        return Feedback(
            title,
            False,
            [
                f"Your values agree with the slope to {min(digits)}-{max(digits)} significant "
                "digits, but not to the last digits, as a difference quotient "
                "(L(w + h) − L(w − h)) / 2h does: it approximates the slope, it does not "
                "derive it.",
                "The exercise asks for the formula the chain rule gives; the numerical "
                "slope is only its check.",
            ],
            "Three factors, as in step 5: ∂L/∂a (from the loss), ∂a/∂z (the slope of tanh, "
            "notebook 03's table) and ∂z/∂w. Write their product with w, b, x, y.",
        )
    messages = [f"{sum(agree)} of {len(agree)} points agree with the numerical slope."]
    for slip, formula in TANH_SLIPS.items():
        guesses = []
        for w, b, x, y in TANH_POINTS:
            z = w * x + b
            guesses.append(float(formula(np.tanh(z), z, x, y)))
        if np.allclose(answers, guesses, rtol=1e-6, atol=1e-9):
            messages.append(f"Your derivation {slip}.")
            break
    hint = (
        "Three factors, as in step 5: ∂L/∂a (from the loss), ∂a/∂z (the slope of tanh, "
        "notebook 03's table) and ∂z/∂w."
    )
    off = [line for line, ok in zip(shown, agree, strict=True) if not ok]
    return Feedback(title, False, messages + off[:2], hint)
