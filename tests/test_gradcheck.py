"""helpers.gradcheck, and backpropagation checked against central differences.

The property-based tests draw random architectures, activations, output/loss pairs and batch
sizes, and compare ``Network.gradients`` (backpropagation) with ``numerical_gradient``.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers import Network, gradient_check, numerical_gradient
from helpers.activations import ACTIVATIONS
from helpers.gradcheck import relative_error

# The property tests compare backpropagation with central differences at these tolerances. A
# wrong backprop (a missing f', a transposed matrix, a missing 1/n) is off by a sizeable fraction
# of the gradient itself, far beyond them; round-off of the differences is ~1e-9 here.
RTOL, ATOL = 1e-5, 1e-7
COMBINATIONS = [
    ("softmax", "cross_entropy"),
    ("softmax", "mse"),
    ("sigmoid", "cross_entropy"),
    ("sigmoid", "mse"),
    ("linear", "mse"),
]


# ---------------------------------------------------------------------- numerical_gradient
def test_numerical_gradient_of_a_known_function():
    a = np.array([1.0, -2.0, 0.5])
    B = np.array([[1.0, 2.0], [3.0, -1.0]])
    # f = Σ a³ + Σ sin(B): ∂f/∂a = 3a², ∂f/∂B = cos(B)
    grads = numerical_gradient(lambda: np.sum(a**3) + np.sum(np.sin(B)), [a, B])
    np.testing.assert_allclose(grads[0], 3 * a**2, rtol=1e-8)
    np.testing.assert_allclose(grads[1], np.cos(B), rtol=1e-8)
    assert [g.shape for g in grads] == [(3,), (2, 2)]


def test_numerical_gradient_restores_the_parameters():
    a = np.array([0.1, 0.2, 0.3])
    original = a.copy()
    numerical_gradient(lambda: float(np.sum(np.exp(a))), [a], eps=1e-3)
    np.testing.assert_array_equal(a, original)


def test_numerical_gradient_uses_central_differences():
    a = np.array([2.0])
    # for f = a³ the central difference is exactly 3a² + eps², a one-sided one 3a² + 3a·eps + …
    (g,) = numerical_gradient(lambda: float(a[0] ** 3), [a], eps=0.1)
    assert g[0] == pytest.approx(12.0 + 0.01, rel=1e-12)


@pytest.mark.parametrize(
    ("eps", "error"), [(0, ValueError), (-1e-5, ValueError), (float("nan"), ValueError),
                       ("1e-5", TypeError), (None, TypeError)]
)  # fmt: skip
def test_numerical_gradient_rejects_a_bad_eps(eps, error):
    with pytest.raises(error, match="eps must be a (finite )?number"):
        numerical_gradient(lambda: 0.0, [np.zeros(2)], eps=eps)


def test_relative_error():
    assert relative_error([np.array([1.0, 2.0])], [np.array([1.0, 2.0])]) == 0.0
    assert relative_error([np.array([1.0])], [np.array([1.1])]) == pytest.approx(0.1 / 1.1)
    assert relative_error([np.zeros(2)], [np.zeros(2)]) == 0.0


# ---------------------------------------------------------------------------- gradient_check
def test_gradient_check_of_a_correct_network_is_tiny():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    net = Network([3, 4, 3], hidden_activation="tanh", seed=0)
    assert gradient_check(net, X, y) < 1e-6


def test_gradient_check_catches_a_broken_backpropagation(monkeypatch):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    net = Network([3, 4, 3], hidden_activation="tanh", seed=0)
    # forget the activation's derivative in the backward pass (BP2), a classic mistake
    monkeypatch.setitem(ACTIVATIONS, "tanh", (helpers.tanh, lambda z: 1.0))
    assert gradient_check(net, X, y) > 1e-2


def test_gradient_check_catches_a_missing_one_over_n(monkeypatch):
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 3, 5)
    net = Network([3, 4, 3], seed=0)
    original = net._output_error

    def forgot_one_over_n(z, a, Y):  # (BP1) without the loss's 1/n
        return original(z, a, Y) * len(Y)

    monkeypatch.setattr(net, "_output_error", forgot_one_over_n)
    assert gradient_check(net, X, y) == pytest.approx(0.8, abs=1e-6)  # |5g − g| / |5g|


# ------------------------------------------------------------- backprop = numerical, by hypothesis
@st.composite
def networks_and_batches(draw):
    output, loss = draw(st.sampled_from(COMBINATIONS))
    activation = draw(st.sampled_from(["sigmoid", "tanh", "relu"]))
    n_in = draw(st.integers(1, 5))
    hidden = draw(st.lists(st.integers(1, 6), min_size=0, max_size=3))
    n_out = draw(st.integers(2 if output == "softmax" else 1, 4))
    n = draw(st.integers(1, 9))  # the batch size
    seed = draw(st.integers(0, 2**32 - 1))
    return output, loss, activation, [n_in, *hidden, n_out], n, seed


def make_problem(output, loss, activation, sizes, n, seed):
    rng = np.random.default_rng(seed)
    net = Network(
        sizes, hidden_activation=activation, output_activation=output, loss=loss, seed=seed
    )
    for b in net.biases:  # non-zero biases, so that their gradients are tested too
        b += rng.normal(0, 0.5, b.shape)
    X = rng.uniform(-2, 2, (n, sizes[0]))
    if output == "linear":
        y = rng.normal(size=(n, sizes[-1]))
    elif sizes[-1] == 1:
        y = rng.integers(0, 2, n)  # one sigmoid output: labels 0/1
    elif rng.random() < 0.5:
        y = rng.integers(0, sizes[-1], n)  # integer labels
    else:
        y = rng.uniform(0, 1, (n, sizes[-1]))  # soft targets, one row per sample
        if output == "softmax":
            y /= y.sum(axis=1, keepdims=True)
    return net, X, y


def distance_to_kinks(net, X):
    """The smallest |z| in the hidden layers: how close a ReLU is to its kink at 0."""
    a, smallest = X, np.inf
    for W, b in zip(net.weights[:-1], net.biases[:-1], strict=True):
        z = a @ W + b
        smallest = min(smallest, float(np.abs(z).min()))
        a = ACTIVATIONS[net.hidden_activation][0](z)
    return smallest


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(networks_and_batches())
def test_backpropagation_matches_central_differences(case):
    output, loss, activation, sizes, n, seed = case
    net, X, y = make_problem(output, loss, activation, sizes, n, seed)
    eps = 1e-6
    if activation == "relu":
        # central differences straddle ReLU's kink when some |z| < eps·(size of the step in z)
        assume(distance_to_kinks(net, X) > 1e-3)
    dW, db = net.gradients(X, y)
    numeric = numerical_gradient(lambda: net.loss(X, y), net.weights + net.biases, eps=eps)
    for analytic, approx in zip(dW + db, numeric, strict=True):
        np.testing.assert_allclose(analytic, approx, rtol=RTOL, atol=ATOL)
    # and the helper that the notebook uses agrees
    assert gradient_check(net, X, y, eps=eps) < 1e-3


@settings(max_examples=25, deadline=None)
@given(networks_and_batches())
def test_the_batch_gradient_is_the_mean_of_the_sample_gradients(case):
    """The 1/n of the loss: backprop over a batch = the average of one-sample backprops."""
    output, loss, activation, sizes, n, seed = case
    net, X, y = make_problem(output, loss, activation, sizes, n, seed)
    dW, db = net.gradients(X, y)
    per_sample = [net.gradients(X[i : i + 1], y[i : i + 1]) for i in range(n)]
    for l in range(len(sizes) - 1):
        np.testing.assert_allclose(dW[l], np.mean([g[0][l] for g in per_sample], 0), atol=1e-12)
        np.testing.assert_allclose(db[l], np.mean([g[1][l] for g in per_sample], 0), atol=1e-12)


def test_gradient_of_the_slide_example_by_hand():
    """One softmax layer, cross-entropy: ∂L/∂z = ŷ − y, so ∂L/∂W = xᵀ(ŷ − y) for one sample."""
    net = Network([2, 3], seed=0)
    x = np.array([[1.0, -2.0]])
    y = np.array([2])
    y_hat = helpers.softmax(x @ net.weights[0])
    dW, db = net.gradients(x, y)
    np.testing.assert_allclose(db[0], (y_hat - helpers.one_hot(y, 3))[0])
    np.testing.assert_allclose(dW[0], x.T @ (y_hat - helpers.one_hot(y, 3)))
