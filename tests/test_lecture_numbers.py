"""The lecture's own numbers (lecture-slides.txt), computed with ``helpers``."""

import math

import numpy as np
import pytest

import helpers

# The slide "Fixing the accuracy problem": true class 2 of 4, and the network's prediction.
Y_SLIDE = np.array([0.0, 1.0, 0.0, 0.0])
Y_HAT_SLIDE = np.array([0.1, 0.8, 0.07, 0.03])


def test_snack_example_weighted_sum_is_minus_one_and_output_zero():
    x, w, b = np.array([4.0, 1.0]), np.array([-1.0, 2.0]), 1.0
    assert x @ w + b == -1.0  # 4·(−1) + 1·2 + 1 = −1
    assert helpers.perceptron(x, w, b) == 0  # −1 ≤ 0 → output 0: stay on the couch


def test_snack_example_bunch_holds_the_slide_numbers():
    snack = helpers.snack_example()
    assert list(snack.x) == [4.0, 1.0]
    assert list(snack.w) == [-1.0, 2.0]
    assert snack.b == 1.0
    assert snack.x @ snack.w + snack.b == -1.0
    assert helpers.perceptron(snack.x, snack.w, snack.b) == 0


def test_softmax_of_the_slide_scores_rounds_to_the_slide():
    p = helpers.softmax([5.0, 2.5, 0.5])
    # The slide prints (0.92, 0.08, 0.01); the exact values are (0.9148, 0.0751, 0.0102), so the
    # slide's first value is 0.005 off (0.915 rounded up): compare within 0.01.
    assert p == pytest.approx([0.92, 0.08, 0.01], abs=0.01)
    assert np.round(p[1:], 2) == pytest.approx([0.08, 0.01])  # these two round to the slide
    assert p[0] == pytest.approx(math.exp(5) / (math.exp(5) + math.exp(2.5) + math.exp(0.5)))
    assert p.sum() == pytest.approx(1.0, abs=1e-12)  # "sums to 1"
    assert p[0] > p[1] > p[2]  # class A is the most probable


def test_softmax_exact_values_of_the_slide_example():
    e = np.exp([5.0, 2.5, 0.5])
    np.testing.assert_allclose(helpers.softmax([5.0, 2.5, 0.5]), e / e.sum(), rtol=1e-12)
    np.testing.assert_allclose(
        helpers.softmax([5.0, 2.5, 0.5]), [0.9148, 0.0751, 0.0102], atol=5e-5
    )


def test_cross_entropy_example_ln_0_8():
    # y · ln ŷ = 0·ln 0.1 + 1·ln 0.8 + 0·ln 0.07 + 0·ln 0.03 = ln 0.8 = −0.223
    assert Y_SLIDE @ np.log(Y_HAT_SLIDE) == pytest.approx(-0.223, abs=5e-4)
    assert helpers.cross_entropy(Y_SLIDE, Y_HAT_SLIDE) == pytest.approx(0.223, abs=5e-4)
    assert helpers.cross_entropy(Y_SLIDE, Y_HAT_SLIDE) == pytest.approx(-math.log(0.8))
    # the same sample as a row, and with its integer label (class index 1)
    assert helpers.cross_entropy([Y_SLIDE], [Y_HAT_SLIDE]) == pytest.approx(-math.log(0.8))
    assert helpers.cross_entropy([1], [Y_HAT_SLIDE]) == pytest.approx(-math.log(0.8))


def test_mse_example_with_one_over_2n():
    # one sample (n = 1): 1/2 · ‖y − ŷ‖² = 1/2 · (0.01 + 0.04 + 0.0049 + 0.0009) = 0.0279
    assert helpers.mse(Y_SLIDE, Y_HAT_SLIDE) == pytest.approx(0.0279)
    # two samples (n = 2): the 1/(2n) averages over samples, so the same sample twice gives the
    # same loss, and a perfect second sample halves it
    assert helpers.mse([Y_SLIDE, Y_SLIDE], [Y_HAT_SLIDE, Y_HAT_SLIDE]) == pytest.approx(0.0279)
    assert helpers.mse([Y_SLIDE, Y_SLIDE], [Y_HAT_SLIDE, Y_SLIDE]) == pytest.approx(0.0279 / 2)


def test_activation_functions_of_the_slides():
    assert helpers.sigmoid(0.0) == 0.5  # 1 / (1 + e^0)
    assert helpers.sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert helpers.tanh(0.5) == pytest.approx(math.tanh(0.5))
    assert helpers.relu(-3.0) == 0.0 and helpers.relu(3.0) == 3.0  # max(0, z)


def test_gradient_descent_step_of_the_slides():
    # β ← β − η ∇l(β) on l(β) = ‖β‖²/2, whose gradient is β: one step with η = 0.1 shrinks β by 10 %
    beta = np.array([1.0, -2.0])
    (gradient,) = helpers.numerical_gradient(lambda: 0.5 * float(beta @ beta), [beta])
    np.testing.assert_allclose(gradient, beta, rtol=1e-8)
    np.testing.assert_allclose(beta - 0.1 * gradient, [0.9, -1.8], rtol=1e-8)
