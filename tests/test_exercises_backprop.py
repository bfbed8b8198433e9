"""The checkers of notebook 07 (backpropagation): solutions pass, wrong and unfinished answers
get feedback, and nothing raises."""

import numpy as np
import pytest

import helpers
from helpers.exercises import Feedback
from helpers.exercises.backprop import (
    check_hidden_delta,
    check_layer_gradients,
    check_neuron_delta,
    neuron_values,
)


def text(feedback):
    assert isinstance(feedback, Feedback)
    html = feedback._repr_html_()
    assert isinstance(html, str) and html
    return repr(feedback)


# ---------------------------------------------------------------- Exercise 1
def solution_neuron():
    z = -0.5 * 2.0 + 0.5
    a = helpers.sigmoid(z)
    delta = (a - 1.0) * a * (1 - a)
    return delta, delta * 2.0, delta


def test_neuron_values_match_the_chain_rule_and_central_differences():
    v = neuron_values()
    assert v["z"] == pytest.approx(-0.5)
    assert v["a"] == pytest.approx(0.3775, abs=1e-4)
    assert v["delta"] == pytest.approx(-0.1463, abs=1e-4)
    eps = 1e-6

    def loss(w, b):
        return 0.5 * (float(helpers.sigmoid(w * 2.0 + b)) - 1.0) ** 2

    numeric_w = (loss(-0.5 + eps, 0.5) - loss(-0.5 - eps, 0.5)) / (2 * eps)
    assert v["dL_dw"] == pytest.approx(numeric_w, rel=1e-6)


def test_neuron_solution_passes():
    feedback = check_neuron_delta(*solution_neuron())
    assert feedback, text(feedback)
    assert check_neuron_delta(-0.146, -0.293, -0.146)  # rounded by hand
    assert check_neuron_delta(np.float64(-0.1463), np.array(-0.2926), -0.1463)


def test_neuron_unfinished_is_not_yet():
    feedback = check_neuron_delta(..., ..., ...)
    assert not feedback
    assert "Replace the `...`" in text(feedback)
    delta, dw, db = solution_neuron()
    half = check_neuron_delta(delta, ..., db)
    assert not half
    assert "still `...`" in text(half) and "right" in text(half)


@pytest.mark.parametrize(
    "answers, expected_hint",
    [
        ((-0.6225, -1.245, -0.6225), "σ'(z)"),  # forgot σ'(z)
        ((0.1463, 0.2926, 0.1463), "wrong sign"),
        ((-0.1463, -0.1463, -0.1463), "multiply δ by the input"),
        ((-0.1463, -0.2926, -0.2926), "without the x"),
        ((1.0, 2.0, 3.0), "Forward first"),
    ],
)
def test_neuron_wrong_answers_get_a_hint(answers, expected_hint):
    feedback = check_neuron_delta(*answers)
    assert not feedback
    assert expected_hint in text(feedback)


@pytest.mark.parametrize("bad", ["0.1", [1, 2], None, float("nan"), True, {"a": 1}])
def test_neuron_odd_types_do_not_raise(bad):
    feedback = check_neuron_delta(bad, bad, bad)
    assert not feedback
    text(feedback)


# ---------------------------------------------------------------- Exercise 2
def test_hidden_delta_solution_passes():
    def hidden_delta(delta_next, W_next, z):
        return (delta_next @ W_next.T) * helpers.sigmoid_prime(z)

    feedback = check_hidden_delta(hidden_delta)
    assert feedback, text(feedback)


def test_hidden_delta_unfinished_is_not_yet():
    def hidden_delta(delta_next, W_next, z):
        delta = ...
        return delta

    for answer in (..., hidden_delta):
        feedback = check_hidden_delta(answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


@pytest.mark.parametrize(
    "wrong, expected",
    [
        (lambda d, W, z: d @ W.T, "forgot the activation's slope"),
        (lambda d, W, z: (d @ W.T) * helpers.sigmoid(z), "derivative"),
        (lambda d, W, z: (d @ W) * helpers.sigmoid_prime(z), "W or Wᵀ"),
        (lambda d, W, z: d * W, "raised"),
        (lambda d, W, z: d, "shape"),
        (lambda d, W, z: (d @ W.T) * helpers.relu_prime(z), "right shape"),
        (lambda d, W, z: 1 / 0, "ZeroDivisionError"),
        (lambda d, W, z: "text", "shape"),
        (42, "Expected a function"),
    ],
)
def test_hidden_delta_wrong_answers(wrong, expected):
    feedback = check_hidden_delta(wrong)
    assert not feedback
    assert expected in text(feedback)


# ---------------------------------------------------------------- Exercise 3
def test_layer_gradients_solution_passes():
    def layer_gradients(a_prev, delta):
        return a_prev.T @ delta, delta.sum(axis=0)

    feedback = check_layer_gradients(layer_gradients)
    assert feedback, text(feedback)


def test_layer_gradients_agree_with_network():
    """The reference lines reproduce helpers.Network's last-layer gradients."""
    net = helpers.Network([4, 5, 3], seed=0)
    X = np.random.default_rng(0).normal(size=(6, 4))
    y = np.array([0, 1, 2, 0, 1, 2])
    activations = net._forward_all(X)
    delta = (activations[-1] - helpers.one_hot(y, 3)) / len(X)
    dW, db = net.gradients(X, y)
    np.testing.assert_allclose(activations[1].T @ delta, dW[1])
    np.testing.assert_allclose(delta.sum(axis=0), db[1])


def test_layer_gradients_unfinished_is_not_yet():
    def layer_gradients(a_prev, delta):
        dW = ...
        db = ...
        return dW, db

    def half(a_prev, delta):
        return a_prev.T @ delta, ...

    for answer in (..., layer_gradients, half):
        feedback = check_layer_gradients(answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


@pytest.mark.parametrize(
    "wrong, expected",
    [
        (lambda a, d: (d.T @ a, d.sum(axis=0)), "transposed"),
        (lambda a, d: (a.T @ d / len(a), d.mean(axis=0)), "6 times too small"),
        (lambda a, d: (a.T @ d, d.sum(axis=1)), "over the neurons"),
        (lambda a, d: (a.T @ d, d[0]), "not Σ δˡ"),
        (lambda a, d: a.T @ d, "two arrays"),
        (lambda a, d: (a @ d, d.sum(axis=0)), "raised"),
        (lambda a, d: ("x", "y"), "not aˡ⁻¹ᵀ δˡ"),
        (None, "Replace the `...`"),
    ],
)
def test_layer_gradients_wrong_answers(wrong, expected):
    feedback = check_layer_gradients(wrong)
    assert not feedback
    assert expected in text(feedback)
