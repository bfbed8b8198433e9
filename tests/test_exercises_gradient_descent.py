"""The checkers of notebook 05 (gradient descent): reference solutions pass, wrong and
unfinished answers get feedback without raising."""

import numpy as np

from helpers.data import make_neuron_data
from helpers.exercises import Feedback
from helpers.exercises.gradient_descent import (
    check_descend,
    check_gradient_step,
    check_learning_rate,
    neuron_gradient,
    neuron_loss,
    reference_descend,
)
from helpers.gradcheck import numerical_gradient


def gradient_step(beta, gradient, eta):
    return beta - eta * gradient


def descend(gradient, beta, eta, tol, max_steps):
    for step in range(max_steps):
        grad = gradient(beta)
        if np.linalg.norm(grad) < tol:
            return beta, step
        beta = beta - eta * grad
    return beta, max_steps


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
    assert not_passed(check_gradient_step(lambda b, g, e: b + e * g))  # uphill
    assert not_passed(check_gradient_step(lambda b, g, e: b - g))  # no η
    assert not_passed(check_gradient_step(unfinished_step))
    assert not_passed(check_gradient_step(...))
    assert not_passed(check_gradient_step(lambda b, g, e: 1 / 0))


def in_place(beta, gradient, eta):
    beta -= eta * gradient
    return beta


def test_gradient_step_in_place_is_flagged():
    feedback = check_gradient_step(in_place)
    assert not_passed(feedback) and "in place" in repr(feedback)


def test_learning_rate():
    assert check_learning_rate(4)
    assert check_learning_rate(3.5)
    for wrong in (2.0, 0.2, 10.0, 30, -1.0, 0, "big", True, None, ...):
        assert not_passed(check_learning_rate(wrong)), wrong


def test_learning_rate_hints_name_the_direction():
    assert "too small" in repr(check_learning_rate(0.2)).lower()
    assert "too large" in repr(check_learning_rate(10.0)).lower()


def test_descend():
    assert check_descend(descend)
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
