"""The checkers of notebook 04 (loss functions): solutions pass, wrong and unfinished answers
get feedback, and nothing raises."""

import numpy as np
import pytest
from support import text

import helpers
from helpers.exercises.losses import (
    EX2_Y,
    EX2_Y_HAT_A,
    EX2_Y_HAT_B,
    TANH_POINTS,
    check_accuracy_vs_loss,
    check_losses,
    check_tanh_gradient,
    numerical_dw,
    tanh_neuron_loss,
)

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
    "index, value, words, hint",
    [
        (0, 75, "is a percentage", "as a fraction between 0 and 1"),
        (1, 0.25, "fraction of mistakes", "whose most probable class is the true one"),
        (2, 4 * 0.9497, "sum over the 4 samples", "divide by n = 4"),
        (3, helpers.mse(EX2_Y, EX2_Y_HAT_B), "is the quadratic loss", "asks for the cross-entropy"),
        (2, 0.5, "is not right", "loss = helpers.cross_entropy(y, y_hat)"),
        (0, "three quarters", "should be one number", None),
        (4, "A", "A is not the better model", None),
        (4, "C", "answer with one letter, 'A' or 'B'", None),
        (4, 2, "answer with one letter, 'A' or 'B'", None),
        (4, "Both", "answer with one letter, 'A' or 'B'", None),
        (4, "Best", "answer with one letter, 'A' or 'B'", None),
        (3, 0.27, "is not right", None),
    ],
)
def test_accuracy_vs_loss_wrong_answers_get_feedback(index, value, words, hint):
    """Each wrong answer is named; each recognised slip gets its own hint (not another's)."""
    answers = list(solution())
    answers[index] = value
    feedback = check_accuracy_vs_loss(*answers)
    assert not feedback
    assert words in text(feedback)
    if hint is not None:
        assert hint in feedback.hint
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


# ---------------------------------------------------------------- one rounding rule
def test_every_number_counts_to_the_two_decimals_the_exercises_show():
    """Issue: loss_A = 0.95 passed but loss_B = 0.28 did not. Now both do, and so does every
    number right to 2 decimals; strings holding numbers count (helpers.exercises.as_number)."""
    assert check_accuracy_vs_loss(0.75, 0.75, 0.95, 0.28, "B")
    assert check_accuracy_vs_loss("0.75", 0.75, "0.95", "0.28", "b")
    assert check_losses(0.12, 0.51)
    assert check_losses("0.12", "0.511")
    assert not check_losses(0.12, 0.50)
    assert not check_accuracy_vs_loss(0.75, 0.75, 0.94, 0.28, "B")


# ---------------------------------------------------------------- Exercise 3
def tanh_dw(w, b, x, y):
    a = np.tanh(w * x + b)
    return (a - y) * (1 - a**2) * x


def test_tanh_gradient_solution_passes_and_agrees_with_central_differences():
    feedback = check_tanh_gradient(tanh_dw)
    assert feedback, text(feedback)
    for point in TANH_POINTS:
        assert np.isclose(tanh_dw(*point), numerical_dw(*point), rtol=1e-7)


def test_tanh_gradient_written_another_way_passes():
    def sech_squared(w, b, x, y):
        z = w * x + b
        return (np.tanh(z) - y) / np.cosh(z) ** 2 * x

    assert check_tanh_gradient(sech_squared).passed


@pytest.mark.parametrize("h", [1e-2, 1e-4, 6e-6, 1e-6, 1e-8])
def test_a_difference_quotient_is_not_a_derivation(h):
    """Central differences, fine or coarse, are named as such, never passed nor failed on a
    digit: they approximate the slope the exercise asks to derive."""

    def quotient(w, b, x, y):
        return (tanh_neuron_loss(w + h, b, x, y) - tanh_neuron_loss(w - h, b, x, y)) / (2 * h)

    feedback = check_tanh_gradient(quotient)
    assert not feedback.passed
    assert "difference quotient" in text(feedback) and "chain rule" in text(feedback)


def test_the_helpers_numerical_gradient_is_not_a_derivation():
    assert "difference quotient" in text(check_tanh_gradient(numerical_dw))


def test_tanh_gradient_tells_the_typical_slips_apart():
    slips = {
        "forgot the slope of tanh": lambda w, b, x, y: (np.tanh(w * x + b) - y) * x,
        "forgot the factor ∂z/∂w = x": lambda w, b, x, y: tanh_dw(w, b, x, y) / x,
        "sign the wrong way round": lambda w, b, x, y: -tanh_dw(w, b, x, y),
        "without the square": lambda w, b, x, y: (
            (np.tanh(w * x + b) - y) * (1 - np.tanh(w * x + b)) * x
        ),
        "sigmoid's slope": lambda w, b, x, y: (
            (np.tanh(w * x + b) - y) * helpers.sigmoid_prime(w * x + b) * x
        ),
    }
    for words, slip in slips.items():
        feedback = check_tanh_gradient(slip)
        assert not feedback
        assert words in text(feedback), (words, text(feedback))
        assert "numerical" in text(feedback) and feedback.hint


@pytest.mark.parametrize(
    "function, words",
    [
        (..., "Replace the `...`"),
        (lambda w, b, x, y: ..., "Replace the `...`"),
        (lambda w, b, x, y: print(0.29), "did you print instead of return?"),
        (lambda w, b, x, y: [1.0, 2.0], "expected one number"),
        (lambda w, b, x, y: tanh_dw(*TANH_POINTS[0]), "1 of 5 points agree"),
        (lambda w: 0.0, "raised TypeError"),
    ],
)
def test_tanh_gradient_wrong_or_unfinished(function, words):
    feedback = check_tanh_gradient(function)
    assert not feedback
    assert words in text(feedback)


def test_tanh_gradient_unfinished_output_does_not_give_the_answer():
    feedback = check_tanh_gradient(lambda w, b, x, y: ...)
    assert feedback.hint is None
    assert "tanh²" not in text(feedback)


def test_accuracy_given_as_a_count_of_right_samples_is_named():
    loss_a = helpers.cross_entropy(EX2_Y, EX2_Y_HAT_A)
    loss_b = helpers.cross_entropy(EX2_Y, EX2_Y_HAT_B)
    feedback = check_accuracy_vs_loss(3, 0.75, loss_a, loss_b, "B")
    assert not feedback.passed
    assert "counts the right samples" in text(feedback)
    assert "divide by the number of samples, 4" in text(feedback)


def test_a_raising_tanh_gradient_is_told_where():
    def boom(w, b, x, y):
        raise ZeroDivisionError("division by zero")

    said = text(check_tanh_gradient(boom))
    assert f"(in tanh_neuron_dw{TANH_POINTS[0]}" in said and "ZeroDivisionError" in said
