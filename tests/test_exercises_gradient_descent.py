"""The checkers of notebook 05 (gradient descent): reference solutions pass, wrong and
unfinished answers get feedback without raising."""

import numpy as np
import pytest

from helpers.data import make_neuron_data
from helpers.exercises import Feedback
from helpers.exercises.gradient_descent import (
    check_descend,
    check_gradient_step,
    check_learning_rate,
    check_loss_signs,
    describe_run,
    loss_change,
    neuron_gradient,
    neuron_loss,
    reference_descend,
)
from helpers.gradcheck import numerical_gradient


def gradient_step(beta, gradient, eta):
    return beta - eta * gradient


def unfinished_step(beta, gradient, eta):
    return ...


def unfinished_descend(gradient, beta, eta, tol, max_steps):
    return beta, ...


def not_passed(feedback):
    return isinstance(feedback, Feedback) and not feedback.passed


def test_neuron_gradient_matches_numerical_gradient():
    x, y = make_neuron_data()
    beta = np.array([-2.0, 3.0])
    numeric = numerical_gradient(lambda: neuron_loss(beta, x, y), [beta])[0]
    assert np.allclose(numeric, neuron_gradient(beta, x, y), atol=1e-7)


def test_gradient_step():
    assert check_gradient_step(gradient_step)
    uphill = check_gradient_step(lambda b, g, e: b + e * g)
    assert not_passed(uphill) and "stepped uphill" in repr(uphill)
    assert "Go against the gradient" in uphill.hint
    no_eta = check_gradient_step(lambda b, g, e: b - g)
    assert not_passed(no_eta) and "ignores the learning rate" in repr(no_eta)
    assert "by η" in no_eta.hint
    assert not_passed(check_gradient_step(unfinished_step))
    assert not_passed(check_gradient_step(...))
    assert not_passed(check_gradient_step(lambda b, g, e: 1 / 0))


def in_place(beta, gradient, eta):
    beta -= eta * gradient
    return beta


def test_gradient_step_garbage_returns_get_feedback():
    """Issue 9: a function returning a string or a dict raised before."""
    for value in ("abc", {"w": 1}, [1, [2]], np.array([np.nan, 1.0]), 3.0):
        feedback = check_gradient_step(lambda b, g, e, value=value: value)
        assert not_passed(feedback) and "expected the new β" in repr(feedback), value
    assert "print instead of return" in repr(check_gradient_step(lambda b, g, e: print(b)))


def test_gradient_step_in_place_is_flagged():
    feedback = check_gradient_step(in_place)
    assert not_passed(feedback) and "in place" in repr(feedback)


def test_learning_rate():
    assert check_learning_rate(4)
    assert check_learning_rate(3.5)
    assert check_learning_rate("4")  # a number in a string counts, as in every checker
    for wrong in (2.0, 0.2, 4.8, 5, 10.0, 30, 1e6, 1e308, -1.0, 0, "big", True, None, ...):
        assert not_passed(check_learning_rate(wrong)), wrong


def test_learning_rate_is_judged_by_what_the_run_does():
    """Issue 9: η = 4.8 or 5 zigzags across the valley (too large), not "too small"."""
    assert describe_run(2.0)[0] == "crawls"
    assert describe_run(4.8)[0] == "zigzags"
    assert describe_run(5.0)[0] == "zigzags"
    assert describe_run(10.0)[0] == "bounces"
    assert describe_run(100.0)[0] == "runs away"
    assert describe_run(1e308)[0] == "overflows"


def test_learning_rate_hints_name_the_direction():
    assert "too small" in repr(check_learning_rate(0.2)).lower()
    for too_large in (4.8, 5, 10.0, 100, 1e308):
        feedback = repr(check_learning_rate(too_large)).lower()
        assert "too large" in feedback and "too small" not in feedback, too_large
    assert "back and forth" in repr(check_learning_rate(5))


def test_loss_signs():
    assert check_loss_signs(1, 1, -1)
    assert check_loss_signs("1", "+1", -1.0)
    assert check_loss_signs("+1", "+1", "\u22121")  # "−1" copied from the text counts
    assert [np.sign(loss_change(name)[0]) for name in "ABC"] == [1, 1, -1]
    for wrong in ((-1, 1, -1), (1, -1, -1), (1, 1, 1), (0, 1, -1)):
        assert not_passed(check_loss_signs(*wrong)), wrong
    feedback = check_loss_signs(1, 1, 1)
    assert "Step C" in repr(feedback) and "Step A is right" in repr(feedback)
    assert not_passed(check_loss_signs(..., ..., ...))
    # the feedback suggests a value the student can type: an ASCII minus, not "−"
    assert "-1 (down) or +1 (up)" in repr(check_loss_signs(1, "down", -1))


def test_descend():
    assert check_descend(reference_descend)
    assert not_passed(check_descend(unfinished_descend))
    assert not_passed(check_descend(...))


def never_stops(gradient, beta, eta, tol, max_steps):
    while np.linalg.norm(gradient(beta)) >= tol:
        beta = beta - eta * gradient(beta)
    return beta, 0


def always_max(gradient, beta, eta, tol, max_steps):
    for _ in range(max_steps):
        beta = beta - eta * gradient(beta)
    return beta, max_steps


def test_descend_wrong_answers_do_not_raise():
    assert not_passed(check_descend(never_stops))  # no step limit: stopped by the checker
    assert not_passed(check_descend(always_max))  # no stopping rule
    assert not_passed(check_descend(lambda g, b, e, t, m: b))  # returns one thing


def counts_gradients(gradient, beta, eta, tol, max_steps):
    steps = 0
    while steps < max_steps:
        grad = gradient(beta)
        steps += 1
        if np.linalg.norm(grad) < tol:
            return beta, steps  # counts the last gradient, after which no step is taken
        beta = beta - eta * grad
    return beta, steps


def last_index(gradient, beta, eta, tol, max_steps):
    for step in range(max_steps):
        grad = gradient(beta)
        if np.linalg.norm(grad) < tol:
            return beta, step
        beta = beta - eta * grad
    return beta, step  # max_steps − 1 when it gives up


def one_based(gradient, beta, eta, tol, max_steps):
    for step in range(1, max_steps + 1):
        grad = gradient(beta)
        if np.linalg.norm(grad) < tol:
            return beta, step
        beta = beta - eta * grad
    return beta, max_steps


def one_short(gradient, beta, eta, tol, max_steps):
    beta, steps = reference_descend(gradient, beta, eta, tol, max_steps)
    return beta, steps - 1 if steps < max_steps else steps


def gives_up_one_late(gradient, beta, eta, tol, max_steps):
    beta, steps = reference_descend(gradient, beta, eta, tol, max_steps)
    return beta, steps + 1 if steps == max_steps else steps


@pytest.mark.parametrize(
    "loop, words",
    [
        (counts_gradients, "count updates of β, not gradients"),
        (one_based, "count updates of β, not gradients"),
        (last_index, "step is max_steps − 1"),
        (one_short, "Count every update of β, the first one too"),
        (gives_up_one_late, "counted twice"),
    ],
)
def test_descend_off_by_one_counts_fail_and_are_named(loop, words):
    """Issue 19: a ±1 tolerance accepted exactly the off-by-one loops the exercise catches."""
    feedback = check_descend(loop)
    assert not_passed(feedback)
    assert "off-by-one" in repr(feedback) or "One too many" in repr(feedback)
    assert words in repr(feedback)


def nan_descend(gradient, beta, eta, tol, max_steps):
    beta, steps = reference_descend(gradient, beta, eta, tol, max_steps)
    return np.array([np.nan, np.nan]), steps


def test_descend_rejects_nan():
    """Issue 9: a NaN β was accepted as "you stopped at the bottom"."""
    feedback = check_descend(nan_descend)
    assert not_passed(feedback) and "not two finite numbers" in repr(feedback)
    assert "[nan, nan]" in repr(feedback) and "ndarray" not in repr(feedback)
    steps_nan = check_descend(
        lambda g, b, e, t, m: (reference_descend(g, b, e, t, m)[0], float("nan"))
    )
    assert not_passed(steps_nan) and "whole number" in repr(steps_nan)


def test_raising_student_functions_are_told_where():
    def boom(*args):
        raise ZeroDivisionError("division by zero")

    assert "(in gradient_step(β = [" in repr(check_gradient_step(boom))
    assert "starting at β = (−2, 1))" in repr(check_descend(boom))
