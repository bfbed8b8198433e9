"""Checkers for notebook 04, "Loss functions".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a wrong type or an unexpected value all get friendly feedback.
"""

import numpy as np

from ..losses import cross_entropy, mse
from . import Feedback, as_number, never_raise, not_yet_answered, unfinished

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

#: Answers are accepted when they are this close (so values rounded to 3 decimals pass).
TOLERANCE = 1e-3


def _near(value, target):
    return value is not None and abs(value - target) <= TOLERANCE


def accuracy(y, y_hat):
    """The fraction of samples whose most probable class is the true class."""
    return float(np.mean(np.argmax(y_hat, axis=1) == y))


LOSSES_TITLE = "Exercise 1: the quadratic loss and the cross-entropy of one prediction"


@never_raise(LOSSES_TITLE)
def check_losses(mse_value, ce_value):
    """Exercise 1: quadratic loss and cross-entropy of ŷ = (0.2, 0.2, 0.6) for y = (0, 0, 1).

    Expected (n = 1): MSE = 1/2 · (0.04 + 0.04 + 0.16) = 0.12 and CE = −ln 0.6 ≈ 0.511.
    Values rounded to three decimals are accepted.
    """
    title = LOSSES_TITLE
    if unfinished(mse_value) and unfinished(ce_value):
        return not_yet_answered(title, "the two losses (numbers)")
    expected_mse = mse(EX1_Y, EX1_Y_HAT)
    expected_ce = cross_entropy(EX1_Y, EX1_Y_HAT)
    squares = float(np.sum((EX1_Y - EX1_Y_HAT) ** 2))
    messages, hints = [], []

    if unfinished(mse_value):
        messages.append("The quadratic loss is still `...`.")
    else:
        value = as_number(mse_value)
        if value is None:
            messages.append(f"The quadratic loss should be one number, got {mse_value!r}.")
        elif _near(value, expected_mse):
            messages.append(
                f"Quadratic loss: 1/(2·1) · (0.2² + 0.2² + 0.4²) = {expected_mse:.3f}. Right."
            )
        elif _near(value, squares):
            messages.append(f"Quadratic loss {value:.3f} is the sum of squares without the 1/(2n).")
            hints.append("The lecture's quadratic loss has a factor 1/(2n), here n = 1: halve it.")
        elif _near(value, squares / 3):
            messages.append(f"Quadratic loss {value:.3f} is the mean over the three classes.")
            hints.append("Sum the squares over the classes, then divide by 2n (n = 1 sample).")
        else:
            messages.append(f"Quadratic loss {value:.4g} is not 1/(2n) · Σ (y − ŷ)².")
            hints.append("Square each difference y − ŷ, add them up, multiply by 1/2.")

    if unfinished(ce_value):
        messages.append("The cross-entropy is still `...`.")
    else:
        value = as_number(ce_value)
        if value is None:
            messages.append(f"The cross-entropy should be one number, got {ce_value!r}.")
        elif _near(value, expected_ce):
            messages.append(
                f"Cross-entropy: −ln 0.6 = {expected_ce:.3f}. Right: only the true class counts."
            )
        elif _near(value, -expected_ce):
            messages.append(f"Cross-entropy {value:.3f}: right size, wrong sign.")
            hints.append("The loss is −y · ln ŷ: ln 0.6 is negative, so the loss is positive.")
        elif _near(value, -np.log10(0.6)):
            messages.append(f"Cross-entropy {value:.3f} uses log₁₀.")
            hints.append("Use the natural logarithm: np.log (not np.log10).")
        elif _near(value, -np.log(0.2)):
            messages.append(f"Cross-entropy {value:.3f} is −ln 0.2: a wrong class's probability.")
            hints.append("The true class is the third one (y = 1 there): use its ŷ = 0.6.")
        elif _near(value, float(-np.sum(np.log(EX1_Y_HAT)))):
            messages.append(f"Cross-entropy {value:.3f} adds −ln ŷ of every class.")
            hints.append("Multiply by y first: y · ln ŷ keeps only the true class.")
        else:
            messages.append(f"Cross-entropy {value:.4g} is not −y · ln ŷ.")
            hints.append("−(0 · ln 0.2 + 0 · ln 0.2 + 1 · ln 0.6): use np.log.")

    passed = _near(as_number(mse_value), expected_mse) and _near(as_number(ce_value), expected_ce)
    hint = " ".join(hints) or "Fill in both values."
    return Feedback(title, passed, messages, hint)


ACCURACY_TITLE = "Exercise 2: same accuracy, different loss"


@never_raise(ACCURACY_TITLE)
def check_accuracy_vs_loss(accuracy_a, accuracy_b, loss_a, loss_b, better):
    """Exercise 2: accuracy and cross-entropy of the predictions A and B, and the better model.

    Both models get 3 of 4 samples right (accuracy 0.75), but B is confident where it is right and
    less wrong where it is wrong: cross-entropy ≈ 0.950 for A and ≈ 0.279 for B, so B is better.
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
            right.append(f"{name} = {target:.3f}: right.")
        elif name.startswith("accuracy") and _near(value, 100 * target):
            wrong.append(f"{name} = {value:g} is a percentage.")
            hints.append("Write the accuracy as a fraction between 0 and 1.")
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
    if unfinished(better):
        wrong.append("better is still `...`: answer 'A' or 'B'.")
    elif not isinstance(better, str) or better.strip().upper() not in ("A", "B"):
        wrong.append(f"better should be 'A' or 'B', got {better!r}.")
    elif better.strip().upper() == "B":
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
