"""Claims of notebook 07 (backpropagation) that its cells do not print: each test computes what
the sentence in its docstring says. (Printed claims are checked by strict nbval.)"""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from notebook_cells import output

import helpers
from helpers.exercises.backprop import EX3_SIZES, gradient_sizes, planted_bug_backprop

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "07_backpropagation.ipynb"


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
    only a gradient check can find the error." """
    net = helpers.Network([4, 5, 4, 3], hidden_activation="sigmoid", seed=3)
    X = np.random.default_rng(4).normal(size=(6, 4))
    Y = net.targets(np.array([0, 1, 2, 0, 1, 2]))
    nabla_w, nabla_b = planted_bug_backprop(net.weights, net.biases, X, Y)
    assert [g.shape for g in nabla_w + nabla_b] == [p.shape for p in net.weights + net.biases]
    right_w, right_b = net.backprop(X, Y)
    assert not all(np.allclose(g, h, rtol=1e-3) for g, h in zip(nabla_b, right_b, strict=True))


def test_planted_bug_biases_too_small_by_n():
    """Exercise 2's solution: "every ∂L/∂W right and every ∂L/∂b wrong, each too small by the
    same factor n, the number of samples in the batch"."""
    for n in (3, 6, 11):
        net = helpers.Network([4, 5, 4, 3], hidden_activation="sigmoid", seed=n)
        X = np.random.default_rng(n).normal(size=(n, 4))
        Y = net.targets(np.arange(n) % 3)
        nabla_w, nabla_b = planted_bug_backprop(net.weights, net.biases, X, Y)
        right_w, right_b = net.backprop(X, Y)
        for g, h in zip(nabla_w, right_w, strict=True):
            np.testing.assert_allclose(g, h, rtol=1e-10, atol=1e-15)
        for g, h in zip(nabla_b, right_b, strict=True):
            np.testing.assert_allclose(n * g, h, rtol=1e-10, atol=1e-15)


def test_planted_bug_is_not_a_copy_of_step_5():
    """Issue 19: the bug sat in a copy of step 5's function, so a diff found it. The exercise's
    function is written another way: no line of it (beyond blank ones) appears in step 5's."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = {
        key: "".join(c["source"])
        for c in cells
        for key in ("def backprop(", "def backprop_to_fix(")
        if "".join(c["source"]).startswith(key)
    }
    step5 = {line.strip() for line in sources["def backprop("].splitlines()}
    exercise = [line.strip() for line in sources["def backprop_to_fix("].splitlines()]
    shared = [
        line for line in exercise if line and line in step5 and line != "return nabla_w, nabla_b"
    ]
    assert len(shared) <= 2, shared  # e.g. "delta = (a - Y) / len(X)"


def test_tiny_graph_network_has_13_parameters():
    """Step 6: "as the count above shows for a network of 13 parameters and 3 samples": the
    notebook's own tiny network and samples (its cell, run)."""
    ns = _run_cells("92bc9b3c", "3a8c7d1e")
    net = ns["tiny"]
    assert sum(W.size + b.size for W, b in zip(net.weights, net.biases, strict=True)) == 13
    assert len(ns["X_tiny"]) == 3


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


def _cells():
    return {c.get("id"): c for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]}


def _run_cells(*ids):
    """Run the notebook's cells ``ids`` (in order) in one namespace, quietly; figures go nowhere."""
    import contextlib
    import io
    import math

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.plotting import COLORS

    namespace = {"np": np, "math": math, "helpers": helpers, "plt": plt, "COLORS": COLORS}
    namespace["show"] = lambda fig, alt=None: plt.close(fig)
    cells = _cells()
    with contextlib.redirect_stdout(io.StringIO()):
        for cell_id in ids:
            exec(compile("".join(cells[cell_id]["source"]), f"07 {cell_id}", "exec"), namespace)
    return namespace


def test_the_last_layer_is_out_not_l():
    """Decision of issue 19: L is the loss; the last layer's index is written "out"."""
    for cell in _cells().values():
        text = "".join(cell["source"])
        for written in ("δᴸ", "aᴸ", "zᴸ", "^L", "^{L}", "n_L"):
            assert written not in text, (written, text[:80])


def test_forgotten_reset_climbs_back_and_the_reset_settles():
    """Step 6: "The loss fell fast, then climbed back up and stays far above its lowest value,
    while w keeps growing" (no reset); with the reset "the loss fell at every step", to the
    neuron's best fit. The notebook's own cells, run."""
    ns = _run_cells("92bc9b3c", "value-train-bug")
    first = np.array(ns["losses_first_try"])
    lowest = int(np.argmin(first))
    assert lowest < 10 and first[lowest] < first[0] / 10
    assert np.all(first[30:] > 10 * first[lowest])  # stays far above its lowest value
    assert ns["w"].data > 10
    ns = _run_cells("92bc9b3c", "value-train-bug", "value-train-fixed")
    fixed = np.array(ns["losses_fixed"])
    assert np.all(np.diff(fixed) < 0) and fixed[-1] < first[lowest]
    assert abs(ns["w"].data) < 2


def test_graph_by_value_equals_the_checkers_reference():
    """Step 6: "one call of backward(), and every node has its gradient": the same numbers as
    the exercise's reference (central differences)."""
    from helpers.exercises.backprop_graph import graph_gradients

    ns = _run_cells("92bc9b3c", "graph-auto")
    by_backward = {name: ns[name].grad for name in "dfeab"}
    assert by_backward == graph_gradients()


def test_network_draws_he_and_glorot_style():
    """Step 8: "variance gain / n_{l−1} ... gain 2 for ReLU hidden layers ... gain 1 for
    sigmoid, tanh and linear ... every bias to 0" (the spread of the drawn weights)."""
    for activation, gain in (("relu", 2.0), ("tanh", 1.0), ("sigmoid", 1.0)):
        net = helpers.Network([400, 300, 200], hidden_activation=activation, seed=0)
        for W, b in zip(net.weights, net.biases, strict=True):
            assert W.std() == pytest.approx(np.sqrt(gain / W.shape[0]), rel=0.02)
            assert not b.any()


def test_initialisation_experiment():
    """Step 8's reading: too small "makes the signal die out in a few layers"; N(0, 1) makes
    "ReLU activations grow by orders of magnitude" and "tanh neurons sit at ±1"; Network's draw
    "keeps ReLU's spread about the same through all ten layers; tanh's shrinks slowly". The
    notebook's cell, run."""
    ns = _run_cells("init-experiment")
    spreads = {key: np.array(value) for key, value in ns["spreads"].items()}
    for activation in ("tanh", "relu"):
        assert spreads[activation, "N(0, 0.01²)"][4] < 1e-3
    assert spreads["relu", "N(0, 1)"][9] > 1e6
    assert np.all(np.diff(spreads["relu", "N(0, 1)"]) > 0)
    assert np.all((spreads["relu", "Network's"] > 0.5) & (spreads["relu", "Network's"] < 2))
    tanh = spreads["tanh", "Network's"]
    assert np.all(np.diff(tanh) < 0) and tanh[-1] > 0.1
    # tanh with N(0, 1): most outputs saturated in the last layer, as the cell prints it
    printed = output("07", "init-experiment")
    shares = re.findall(r"share of outputs beyond ±0\.99 in layer 10: (\d+)%", printed)
    assert len(shares) == 3 and int(shares[0]) > 50, printed  # tanh's N(0, 1) comes first
