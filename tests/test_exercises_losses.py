"""The checkers of notebook 04 (loss functions): solutions pass, wrong and unfinished answers
get feedback, and nothing raises."""

import numpy as np
import pytest

import helpers
from helpers.exercises import Feedback
from helpers.exercises.losses import (
    EX2_Y,
    EX2_Y_HAT_A,
    EX2_Y_HAT_B,
    check_accuracy_vs_loss,
    check_losses,
)


def text(feedback):
    assert isinstance(feedback, Feedback)
    html = feedback._repr_html_()
    assert isinstance(html, str) and html
    return repr(feedback)


# ---------------------------------------------------------------- Exercise 1
Y = np.array([0.0, 0.0, 1.0])
Y_HAT = np.array([0.2, 0.2, 0.6])


def test_losses_solution_passes():
    mse_value = np.sum((Y - Y_HAT) ** 2) / 2
    ce_value = -np.sum(Y * np.log(Y_HAT))
    feedback = check_losses(mse_value, ce_value)
    assert feedback, text(feedback)
    assert "0.120" in text(feedback) and "0.511" in text(feedback)
    assert check_losses(0.12, 0.511)  # rounded by hand
    assert check_losses(helpers.mse(Y, Y_HAT), helpers.cross_entropy(Y, Y_HAT))


def test_losses_unfinished_is_not_yet():
    feedback = check_losses(..., ...)
    assert not feedback
    assert "Replace the `...`" in text(feedback)
    half = check_losses(0.12, ...)
    assert not half
    assert "The cross-entropy is still `...`" in text(half)
    assert "Right." in text(half)


@pytest.mark.parametrize(
    "mse_value, ce_value, words",
    [
        (0.24, 0.511, "without the 1/(2n)"),
        (0.08, 0.511, "mean over the three classes"),
        (0.3, 0.511, "is not 1/(2n)"),
        (0.12, -0.511, "wrong sign"),
        (0.12, -np.log10(0.6), "log₁₀"),
        (0.12, -np.log(0.2), "a wrong class's probability"),
        (0.12, -np.sum(np.log(Y_HAT)), "adds −ln ŷ of every class"),
        (0.12, 2.0, "is not −y · ln ŷ"),
        ("0.12", 0.511, "should be one number"),
        (0.12, [0.511, 0.2], "should be one number"),
        (np.nan, np.inf, "should be one number"),
        (0.12, None, "still `...`"),
    ],
)
def test_losses_wrong_answers_get_feedback(mse_value, ce_value, words):
    feedback = check_losses(mse_value, ce_value)
    assert not feedback
    assert words in text(feedback)
    assert feedback.hint


# ---------------------------------------------------------------- Exercise 2
def solution():
    return (
        np.mean(EX2_Y_HAT_A.argmax(axis=1) == EX2_Y),
        np.mean(EX2_Y_HAT_B.argmax(axis=1) == EX2_Y),
        helpers.cross_entropy(EX2_Y, EX2_Y_HAT_A),
        helpers.cross_entropy(EX2_Y, EX2_Y_HAT_B),
        "B",
    )


def test_accuracy_vs_loss_solution_passes():
    feedback = check_accuracy_vs_loss(*solution())
    assert feedback, text(feedback)
    assert "both 0.75" in text(feedback)
    assert check_accuracy_vs_loss(0.75, 0.75, 0.950, 0.279, " b ")


def test_same_accuracy_different_loss():
    accuracy_a, accuracy_b, loss_a, loss_b, _ = solution()
    assert accuracy_a == accuracy_b == 0.75
    assert loss_b < loss_a / 3


def test_accuracy_vs_loss_unfinished_is_not_yet():
    feedback = check_accuracy_vs_loss(..., ..., ..., ..., ...)
    assert not feedback
    assert "Replace the `...`" in text(feedback)
    accuracy_a, accuracy_b, loss_a, loss_b, _ = solution()
    feedback = check_accuracy_vs_loss(accuracy_a, accuracy_b, loss_a, loss_b, ...)
    assert not feedback
    assert "better is still `...`" in text(feedback)


@pytest.mark.parametrize(
    "index, value, words",
    [
        (0, 75, "is a percentage"),
        (1, 0.25, "fraction of mistakes"),
        (2, 4 * 0.9497, "sum over the 4 samples"),
        (3, helpers.mse(EX2_Y, EX2_Y_HAT_B), "is the quadratic loss"),
        (2, 0.5, "is not right"),
        (0, "0.75", "should be one number"),
        (4, "A", "A is not the better model"),
        (4, "C", "should be 'A' or 'B'"),
        (4, 2, "should be 'A' or 'B'"),
    ],
)
def test_accuracy_vs_loss_wrong_answers_get_feedback(index, value, words):
    answers = list(solution())
    answers[index] = value
    feedback = check_accuracy_vs_loss(*answers)
    assert not feedback
    assert words in text(feedback)
    assert feedback.hint


def test_checkers_never_raise_on_odd_input():
    class Weird:
        def __float__(self):
            raise RuntimeError("boom")

        def __array__(self, *args, **kwargs):
            raise RuntimeError("boom")

    for feedback in (
        check_losses(Weird(), Weird()),
        check_accuracy_vs_loss(Weird(), {}, [], object(), Weird()),
    ):
        assert not feedback
        text(feedback)
