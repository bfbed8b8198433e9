"""Claims of notebook 07 (backpropagation) that its cells do not print: each test computes what
the sentence in its docstring says. (Printed claims are checked by strict nbval.)"""

import numpy as np
import pytest

import helpers
from helpers.exercises.backprop import EX3_SIZES, gradient_sizes, planted_bug_backprop


def small_network_passes():
    """Step 3's network, sample and errors, computed as the notebook does."""
    net = helpers.Network([2, 3, 2], hidden_activation="sigmoid", seed=0)
    (W1, W2), (b1, b2) = net.weights, net.biases
    x, y = np.array([[1.0, 0.5]]), np.array([[0.0, 1.0]])
    z1 = x @ W1 + b1
    a2 = helpers.softmax(helpers.sigmoid(z1) @ W2 + b2)
    delta2 = a2 - y
    delta1 = (delta2 @ W2.T) * helpers.sigmoid_prime(z1)
    return delta1[0], delta2[0]


def test_true_class_pushed_up_other_pushed_down():
    """ "The output neuron of the true class has δ < 0 (push its z up), the other δ > 0 (push it
    down).\""""
    _, delta2 = small_network_passes()
    assert delta2[1] < 0 < delta2[0]


def test_hidden_errors_are_smaller():
    """Step 3: "The hidden errors are smaller: they are the output errors sent back along the
    weights and multiplied by the sigmoid's slope σ'(z¹), which is well below 1." """
    delta1, delta2 = small_network_passes()
    assert np.abs(delta1).max() < np.abs(delta2).min()
    net = helpers.Network([2, 3, 2], hidden_activation="sigmoid", seed=0)
    z1 = np.array([[1.0, 0.5]]) @ net.weights[0] + net.biases[0]
    assert helpers.sigmoid_prime(z1).max() < 0.5


def test_sigmoid_cross_entropy_delta_is_a_minus_y():
    """ "δ = ∂L/∂z = (a − y)/(a(1 − a)) · a(1 − a) = a − y" (sigmoid with the binary
    cross-entropy), for many z and both targets, against central differences."""
    eps = 1e-6
    for y in (0.0, 1.0):
        for z in np.linspace(-6, 6, 25):

            def loss(z_value, y=y):
                a = helpers.sigmoid(z_value)
                return -(y * np.log(a) + (1 - y) * np.log(1 - a))

            numeric = (loss(z + eps) - loss(z - eps)) / (2 * eps)
            assert numeric == pytest.approx(helpers.sigmoid(z) - y, abs=1e-7)


def test_softmax_cross_entropy_delta_is_a_minus_y():
    """Step 3: "δᴸⱼ = ... = aⱼ − yⱼ" for softmax with the cross-entropy, on random scores."""
    rng = np.random.default_rng(0)
    eps = 1e-6
    for _ in range(5):
        z, y = rng.normal(size=4), np.eye(4)[rng.integers(4)]
        numeric = [
            (-(y @ np.log(helpers.softmax(z + eps * e))) + y @ np.log(helpers.softmax(z - eps * e)))
            / (2 * eps)
            for e in np.eye(4)
        ]
        np.testing.assert_allclose(numeric, helpers.softmax(z) - y, atol=1e-7)


def test_elementwise_bp1_is_wrong_for_softmax():
    """Step 4: "∇ₐL ⊙ f'(zᴸ) ... is the chain rule only if aⱼ depends on zⱼ alone: ... false
    for softmax": the element-wise form with the diagonal slope aⱼ(1 − aⱼ) gives a different δ
    than the true one (here for the quadratic loss)."""
    z, y = np.array([2.0, 0.5, -1.0]), np.array([0.0, 1.0, 0.0])
    a = helpers.softmax(z)
    eps = 1e-6
    true_delta = [
        (
            0.5 * np.sum((helpers.softmax(z + eps * e) - y) ** 2)
            - 0.5 * np.sum((helpers.softmax(z - eps * e) - y) ** 2)
        )
        / (2 * eps)
        for e in np.eye(3)
    ]
    elementwise = (a - y) * a * (1 - a)
    assert not np.allclose(elementwise, true_delta, atol=1e-3)


def test_network_handles_softmax_with_the_quadratic_loss():
    """Step 4: "(For softmax with the quadratic loss, helpers.Network works that sum out
    instead.)": its gradients pass the gradient check."""
    net = helpers.Network([3, 4, 3], hidden_activation="tanh", loss="mse", seed=2)
    X = np.random.default_rng(1).normal(size=(5, 3))
    assert helpers.gradient_check(net, X, np.array([0, 1, 2, 1, 0])) < 1e-6


def test_planted_bug_has_the_right_shapes_but_fails_the_check():
    """Exercise 2: "It runs without complaint, and every array it returns has the right shape:
    only a gradient check can find the error.\""""
    net = helpers.Network([4, 5, 4, 3], hidden_activation="sigmoid", seed=3)
    X = np.random.default_rng(4).normal(size=(6, 4))
    Y = net.targets(np.array([0, 1, 2, 0, 1, 2]))
    nabla_w, nabla_b = planted_bug_backprop(net.weights, net.biases, X, Y)
    assert [g.shape for g in nabla_w + nabla_b] == [p.shape for p in net.weights + net.biases]
    right_w, _ = net.backprop(X, Y)
    assert not np.allclose(nabla_w[0], right_w[0], rtol=1e-3)


def test_tiny_graph_network_has_13_parameters():
    """Step 6: "as the count above shows for a network of 13 parameters and 3 samples"."""
    net = helpers.Network([2, 3, 1], output_activation="sigmoid", loss="mse", seed=0)
    assert sum(W.size + b.size for W, b in zip(net.weights, net.biases, strict=True)) == 13


def test_first_layer_gradients_hundreds_of_times_smaller():
    """Exercise 3's solution: "the first layer's gradients come out hundreds of times smaller
    than the fifth's" (mean |∂L/∂Wˡ|, five sigmoid hidden layers, three seeds), and they shrink
    at every layer on the way back."""
    for seed in range(3):
        sizes = gradient_sizes(seed=seed)
        assert len(sizes) == len(EX3_SIZES) - 1
        assert all(later > 2 * earlier for earlier, later in zip(sizes, sizes[1:], strict=False))
        assert sizes[4] / sizes[0] > 100


def test_relu_does_not_shrink_the_gradients():
    """Exercise 3's solution: "ReLU, whose slope is 1 wherever the neuron is active, is one of
    its cures": in the same network with ReLU, W¹'s gradients are within a factor 3 of W⁵'s."""
    digits = helpers.load_digits_split()
    for seed in range(3):
        net = helpers.Network(EX3_SIZES, hidden_activation="relu", seed=seed)
        nabla_w, _ = net.gradients(digits.X_train[:200], digits.y_train[:200])
        sizes = [np.abs(g).mean() for g in nabla_w]
        assert 1 / 3 < sizes[4] / sizes[0] < 3
