"""Claims of notebook 04 (loss functions) whose truth depends on a computed result.

One test per claim; each docstring quotes the sentence it keeps true.
"""

import re

import notebook_cells as nbc
import numpy as np
import pytest

import helpers
from helpers.losses import softmax_cross_entropy


def _toy():
    return helpers.make_toy("gauss", n_samples=40, noise=0.3, seed=0)


def _predict(X, w1, w2, b):
    return helpers.sigmoid(X @ np.array([w1, w2]) + b)


def test_loss_minimum_is_not_where_mistakes_are_fewest():
    """ "Their lowest point is not exactly where the count of mistakes is lowest: the loss also
    rewards being *sure* about the points that are right." """
    X, y = _toy()
    w1_values = np.linspace(-3, 3, 601)
    counts = np.array([np.sum((_predict(X, w, -1.0, 0.0) > 0.5) != y) for w in w1_values])
    for loss in (helpers.binary_cross_entropy, helpers.mse):
        values = np.array([loss(y, _predict(X, w, -1.0, 0.0)[:, None]) for w in w1_values])
        assert counts[values.argmin()] > counts.min()


def test_quadratic_loss_of_a_probability_vector_never_exceeds_1():
    """ "The quadratic loss of such a prediction can never exceed 1." (one-hot y, ŷ sums to 1)"""
    rng = np.random.default_rng(0)
    y_hat = rng.dirichlet(np.full(4, 0.05), size=20000)  # many nearly one-hot predictions
    y = np.eye(4)[rng.integers(0, 4, size=len(y_hat))]
    per_sample = np.sum((y - y_hat) ** 2, axis=1) / 2
    assert per_sample.max() <= 1.0
    assert helpers.mse([0], [[0.0, 1.0, 0.0, 0.0]]) == 1.0  # sure and wrong: exactly 1


def _numeric_dw(loss, w, b, x, y):
    weight = np.array([w])
    return helpers.numerical_gradient(
        lambda: loss(helpers.sigmoid(weight[0] * x + b), y), [weight]
    )[0][0]


def test_derived_slopes_of_the_sigmoid_neuron_agree_with_central_differences():
    """ "∂L/∂w = x (σ(z) − y) σ′(z)" (quadratic) and "∂L/∂w = x (σ(z) − y)" (cross-entropy):
    "both derived slopes must agree with it, at any point" """
    rng = np.random.default_rng(1)

    def quadratic(a, y):
        return 0.5 * (a - y) ** 2

    def cross_entropy(a, y):
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))

    for w, b, x in rng.normal(0, 2, size=(20, 3)):
        y = float(rng.integers(0, 2))
        z = w * x + b
        error = helpers.sigmoid(z) - y
        derived_q = x * error * helpers.sigmoid_prime(z)
        assert np.isclose(derived_q, _numeric_dw(quadratic, w, b, x, y), rtol=1e-5, atol=1e-8)
        derived_ce = x * error
        assert np.isclose(derived_ce, _numeric_dw(cross_entropy, w, b, x, y), rtol=1e-5, atol=1e-8)


def _train(loss, steps=300, eta=0.15):
    """The notebook's training of one sigmoid neuron (x = 1, y = 0, w = b = 2)."""
    w, b, outputs = 2.0, 2.0, []
    for _ in range(steps + 1):
        z = w + b
        a = float(helpers.sigmoid(z))
        outputs.append(a)
        delta = a * float(helpers.sigmoid_prime(z)) if loss == "quadratic" else a
        w, b = w - eta * delta, b - eta * delta
    return outputs


def test_quadratic_loss_slows_learning_cross_entropy_does_not():
    """ "Under the quadratic loss the neuron hardly moves for the first ~150 steps ...
    Under the cross-entropy ... the more wrong the neuron is, the faster it learns" """
    quadratic, cross_entropy = _train("quadratic"), _train("cross-entropy")
    assert quadratic[0] - quadratic[150] < 0.06  # 0.982 → 0.933
    assert cross_entropy[50] < 0.15  # 0.982 → 0.099
    assert quadratic[300] > cross_entropy[300]


def test_saturated_hidden_neuron_learns_slowly_under_cross_entropy():
    """ "The output weight gets a healthy slope, the hidden weight a tiny one: the cross-entropy
    did nothing for it." (hidden z¹₁ = 6, output weight 2, x = 1, y = 0)"""
    hidden, output = np.array([6.0, 0.0]), np.array([2.0, 0.0])

    def loss():
        a = helpers.sigmoid(output[0] * helpers.sigmoid(hidden[0] + hidden[1]) + output[1])
        return -np.log(1 - a)

    d_hidden, d_output = helpers.numerical_gradient(loss, [hidden, output])
    assert d_output[0] > 0.5
    assert d_output[0] > 100 * d_hidden[0] > 0


def test_step_6_writes_the_layer_so_that_no_weight_reads_as_a_square():
    """Step 6 writes the weights of layers 2 and 1 as w²₁₁ and w¹₁₁ ("a superscript counts
    layers, never powers ... we keep the indices, so that w²₁₁ reads as 'the weight into layer
    2' and not as w squared"): no bare w², w¹, z¹, ... in its prose, its code or its output, and
    the printed slopes name their layer and agree with the numerical ones."""
    prose = nbc.source(nbc.cell("04", "nb04-27"))
    step_6 = prose[prose.index('<a id="step-6">') :]
    code = nbc.source(nbc.cell("04", "nb04-hidden-code"))
    printed = nbc.output("04", "nb04-hidden-code")
    assert not re.search(r"[wzb]\^\{?[12]\}?(?![_\d])", step_6), step_6
    assert not re.search(r"[wzb][¹²](?![₀-₉])", code + printed), code + printed
    slopes = re.findall(
        r"∂L/∂w([²¹])₁₁ \(into layer (\d)[^)]*\): +derived (\S+), numerical (\S+)", printed
    )
    assert [(sup, layer) for sup, layer, _, _ in slopes] == [("²", "2"), ("¹", "1")], printed
    assert all(derived == numerical for _, _, derived, numerical in slopes)
    assert float(slopes[0][2]) > 100 * float(slopes[1][2]) > 0


def test_network_output_delta_is_a_minus_y_for_both_pairs():
    """ "`helpers.Network` uses δᵒᵘᵗ = aᵒᵘᵗ − y (averaged over the batch) for both pairs": with no
    hidden layer, ∂L/∂W¹ = Xᵀ (a − y) / n, and it matches central differences."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 3))
    for output, n_out, labels in [
        ("softmax", 4, rng.integers(0, 4, 6)),
        ("sigmoid", 1, rng.integers(0, 2, 6)),
    ]:
        net = helpers.Network([3, n_out], output_activation=output, loss="cross_entropy", seed=0)
        Y = net.targets(labels)
        a = net.forward(X)
        dW, db = net.gradients(X, labels)
        assert np.allclose(dW[0], X.T @ (a - Y) / len(X))
        assert np.allclose(db[0], (a - Y).mean(axis=0))
        assert helpers.gradient_check(net, X, labels) < 1e-6


def test_cross_entropy_of_a_zero_probability_is_large_but_finite():
    """ "`helpers.cross_entropy` clips ŷ to at least 10⁻¹², so the loss of such a prediction is
    large but finite, −ln 10⁻¹² ≈ 27.6." """
    loss = helpers.cross_entropy([[0.0, 1.0]], [[1.0, 0.0]])
    assert np.isfinite(loss)
    assert round(loss, 1) == 27.6


def test_softmax_underflows_to_exactly_zero_750_below_the_largest():
    """ "in floating point a score 750 below the largest gives exactly 0" """
    assert helpers.softmax(np.array([0.0, -750.0]))[1] == 0.0


# ------------------------------------------------------------ issue 19: new sentences of 04


def step1_classifier():
    X, y = helpers.make_toy("gauss", n_samples=40, noise=0.3, seed=0)
    return X, y


def test_cross_entropy_is_the_negative_log_likelihood_per_sample():
    """ "the cross-entropy is the negative log-likelihood": −ln(Π p)/n = −1/n Σ ln p = the
    binary cross-entropy of step 1's classifier w = (−1, −1), b = 0 (printed: 0.1287 three
    times)."""
    X, y = step1_classifier()
    a = helpers.sigmoid(X @ np.array([-1.0, -1.0]))
    p = np.where(y == 1, a, 1 - a)
    nll = -np.log(np.prod(p)) / len(y)
    assert nll == pytest.approx(helpers.binary_cross_entropy(y, a[:, None]), rel=1e-12)
    printed = re.findall(r"= (0\.\d{4})", nbc.output("04", "nb04-nll-code"))
    assert printed == [f"{nll:.4f}"] * 3


def test_a_product_of_40000_probabilities_underflows_its_log_does_not():
    """ "it underflows to exactly 0" while Σ ln p is an ordinary number (printed)."""
    X, y = step1_classifier()
    a = helpers.sigmoid(X @ np.array([-1.0, -1.0]))
    many = np.tile(np.where(y == 1, a, 1 - a), 1000)
    assert np.prod(many) == 0.0 and np.isfinite(np.sum(np.log(many)))
    assert "Π p = 0.0 (underflow)" in nbc.output("04", "nb04-nll-code")


def test_clipped_loss_stops_at_27_6_the_log_sum_exp_form_is_exact():
    """ "the clipped loss stops at 27.6 and the log-sum-exp form gives the exact value" and "For
    the slide's example the two agree" """
    z = np.array([[40.0, 0.0]])
    assert helpers.cross_entropy([1], helpers.softmax(z)) == pytest.approx(-np.log(1e-12))
    assert softmax_cross_entropy([1], z) == pytest.approx(40.0, abs=1e-12)
    y_hat = np.array([[0.1, 0.8, 0.07, 0.03]])
    assert softmax_cross_entropy([[0, 1, 0, 0]], np.log(y_hat)) == pytest.approx(-np.log(0.8))
    out = nbc.output("04", "nb04-lse-code")
    assert "clipped 27.6310" in out and "log-sum-exp 40.0000" in out


def test_terraces_are_wedges_only_the_direction_of_w_counts():
    """ "Multiplying w by any c > 0 ... changes no sign, so no prediction and no count changes"
    (b = 0), while "The cross-entropy does see the length" (the printed ray)."""
    X, y = step1_classifier()
    rng = np.random.default_rng(0)
    for w in rng.normal(size=(200, 2)) * 3:
        counts = {int(np.sum((helpers.sigmoid(X @ (c * w)) > 0.5) != y)) for c in (0.1, 1, 7)}
        assert len(counts) == 1
    ces = [
        helpers.binary_cross_entropy(y, helpers.sigmoid(X @ (c * np.array([-1.0, -0.5])))[:, None])
        for c in (0.5, 1, 2, 4)
    ]
    assert len(set(np.round(ces, 3))) == 4
    assert "keeps its count: True" in nbc.output("04", "nb04-wedges-code")
