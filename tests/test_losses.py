"""helpers.losses: mse, cross_entropy, binary_cross_entropy and one_hot."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers

FAST = settings(max_examples=40, deadline=None)


def probabilities(rng, n, k):
    p = rng.uniform(0.05, 1.0, (n, k))
    return p / p.sum(axis=1, keepdims=True)


# ------------------------------------------------------------------------------- one_hot
def test_one_hot_rows():
    np.testing.assert_array_equal(helpers.one_hot([1], 4), [[0, 1, 0, 0]])
    np.testing.assert_array_equal(helpers.one_hot(np.array([2, 0, 2]), 3), np.eye(3)[[2, 0, 2]])
    assert helpers.one_hot([0, 1], 2).dtype == float


def test_one_hot_accepts_integer_valued_floats():
    np.testing.assert_array_equal(helpers.one_hot([1.0, 0.0], 2), [[0, 1], [1, 0]])


@pytest.mark.parametrize(
    ("labels", "n_classes", "error", "message"),
    [
        ([0, 4], 4, ValueError, "labels holds labels from 0 to 4: expected 0..3"),
        ([-1, 0], 3, ValueError, "labels holds labels from -1"),
        ([0.5], 2, ValueError, "labels must hold integer class labels"),
        ([0, np.nan], 2, ValueError, "labels contains NaN or inf"),
        ([], 2, ValueError, "labels is empty"),
        ([[0, 1]], 2, ValueError, "labels must be 1-D"),
        (["a"], 2, TypeError, "labels must be an array of numbers"),
        ([0], 0, ValueError, "n_classes must be >= 1"),
        ([0], 2.0, TypeError, "n_classes must be a whole number"),
        ([0], True, TypeError, "n_classes must be a whole number"),
    ],
)
def test_one_hot_bad_input(labels, n_classes, error, message):
    with pytest.raises(error, match=message):
        helpers.one_hot(labels, n_classes)


# ----------------------------------------------------------------------------------- mse
def test_mse_is_the_quadratic_loss_with_one_over_2n():
    rng = np.random.default_rng(0)
    y, y_hat = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    expected = sum(np.sum((y[i] - y_hat[i]) ** 2) for i in range(5)) / (2 * 5)
    assert helpers.mse(y, y_hat) == pytest.approx(expected, rel=1e-14)
    assert helpers.mse(y, y) == 0.0


def test_mse_accepts_integer_labels_for_several_outputs():
    y_hat = probabilities(np.random.default_rng(1), 4, 3)
    labels = np.array([2, 0, 1, 1])
    assert helpers.mse(labels, y_hat) == helpers.mse(helpers.one_hot(labels, 3), y_hat)


def test_mse_with_one_output_per_sample_as_a_column():
    y, y_hat = np.array([1.0, 2.0, 3.0]), np.array([[1.5], [2.0], [2.0]])
    # targets of one output per sample may be 1-D: 1/(2·3) · (0.25 + 0 + 1)
    assert helpers.mse(y, y_hat) == pytest.approx(1.25 / 6)
    assert helpers.mse(y[:, None], y_hat) == pytest.approx(1.25 / 6)


def test_a_1d_prediction_is_one_sample():
    # rows are samples: a 1-D ŷ is one sample's outputs, as on the slides
    assert helpers.mse([1.0, 2.0, 3.0], [1.5, 2.0, 2.0]) == pytest.approx(1.25 / 2)
    assert helpers.mse([[1.0, 2.0, 3.0]], [[1.5, 2.0, 2.0]]) == pytest.approx(1.25 / 2)


@FAST
@given(st.integers(1, 6), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_mse_properties(n, k, seed):
    rng = np.random.default_rng(seed)
    y, y_hat = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    loss = helpers.mse(y, y_hat)
    assert loss >= 0
    assert loss == pytest.approx(helpers.mse(y_hat, y))  # symmetric
    # doubling the data set (each sample twice) leaves the average unchanged
    assert helpers.mse(np.vstack([y, y]), np.vstack([y_hat, y_hat])) == pytest.approx(loss)
    assert isinstance(loss, float)


# --------------------------------------------------------------------------- cross_entropy
def test_cross_entropy_formula():
    rng = np.random.default_rng(2)
    y_hat = probabilities(rng, 6, 4)
    labels = rng.integers(0, 4, 6)
    expected = -np.mean(np.log(y_hat[np.arange(6), labels]))
    assert helpers.cross_entropy(labels, y_hat) == pytest.approx(expected, rel=1e-14)
    assert helpers.cross_entropy(helpers.one_hot(labels, 4), y_hat) == pytest.approx(expected)


def test_cross_entropy_is_zero_for_a_sure_right_answer():
    assert helpers.cross_entropy([0, 1], [[1.0, 0.0], [0.0, 1.0]]) == 0.0


def test_cross_entropy_is_finite_and_warning_free_with_a_zero_prediction():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = helpers.cross_entropy([1, 0], [[1.0, 0.0], [0.5, 0.5]])
    assert math.isfinite(loss)
    # −ln ŷ of the true class, clipped at 1e-12: (−ln 1e-12 − ln 0.5) / 2
    assert loss == pytest.approx((-math.log(1e-12) - math.log(0.5)) / 2)
    # a zero for a class that is NOT the true one costs nothing
    assert helpers.cross_entropy([0], [[1.0, 0.0]]) == 0.0


def test_cross_entropy_accepts_soft_targets():
    y = np.array([[0.25, 0.75]])
    y_hat = np.array([[0.5, 0.5]])
    assert helpers.cross_entropy(y, y_hat) == pytest.approx(-math.log(0.5))


@FAST
@given(st.integers(1, 6), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_cross_entropy_properties(n, k, seed):
    rng = np.random.default_rng(seed)
    y_hat = probabilities(rng, n, k)
    labels = rng.integers(0, k, n)
    loss = helpers.cross_entropy(labels, y_hat)
    assert loss >= 0
    # making the true class more probable lowers the loss
    better = y_hat.copy()
    better[np.arange(n), labels] += 1.0
    better /= better.sum(axis=1, keepdims=True)
    assert helpers.cross_entropy(labels, better) < loss


# ------------------------------------------------------------------ binary_cross_entropy
def test_binary_cross_entropy_formula():
    y = np.array([[1.0], [0.0], [1.0]])
    p = np.array([[0.9], [0.2], [0.6]])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    assert helpers.binary_cross_entropy(y, p) == pytest.approx(expected)
    assert helpers.binary_cross_entropy([1, 0, 1], p) == pytest.approx(expected)


def test_binary_cross_entropy_equals_cross_entropy_over_both_answers():
    p = np.array([0.9, 0.2, 0.6])
    labels = np.array([1, 0, 1])
    two_classes = np.column_stack([1 - p, p])  # "no" and "yes" as two classes
    assert helpers.binary_cross_entropy(labels, p[:, None]) == pytest.approx(
        helpers.cross_entropy(labels, two_classes)
    )


def test_binary_cross_entropy_is_finite_at_0_and_1():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = helpers.binary_cross_entropy([[1.0], [0.0]], [[0.0], [1.0]])
    assert math.isfinite(loss) and loss > 20


def test_binary_cross_entropy_rejects_non_probabilities():
    with pytest.raises(ValueError, match="y_pred must hold probabilities between 0 and 1"):
        helpers.binary_cross_entropy([[1.0]], [[1.5]])


# ------------------------------------------------------------------------------ bad input
LOSSES = [helpers.mse, helpers.cross_entropy, helpers.binary_cross_entropy]


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize(
    ("y_true", "y_pred", "error", "message"),
    [
        # shape mismatches
        ([[0, 1], [1, 0]], [[0.5, 0.5]], ValueError, r"y_true has shape \(2, 2\) but y_pred"),
        ([[0, 1, 0]], [[0.5, 0.5]], ValueError, r"y_true has shape \(1, 3\) but y_pred"),
        ([0, 1, 1], [[0.5, 0.5], [0.5, 0.5]], ValueError, "y_true has 3 labels but y_pred has 2"),
        ([0.0, 1.0, 0.0], [0.5, 0.5], ValueError, "y_true has 3 values but y_pred has 2"),
        ([1, 2, 3], [1, 2], ValueError, "y_true has 3 values but y_pred has 2"),  # issue 14
        (None, [[0.5, 0.5]], TypeError, "y_true must be an array of numbers"),
        ([[0.5, 0.5]], None, TypeError, "y_pred must be an array of numbers"),
        ([[0.5, None]], [[0.5, 0.5]], TypeError, "y_true must be an array of numbers"),
        ([[0.5, 0.5], [1.0]], [[0.5, 0.5]], ValueError, "y_true must be a rectangular array"),
        ([0.5, 0.5], np.zeros((2, 2, 2)), ValueError, "y_pred must be 1-D or 2-D"),
        ([[[0.5]]], [[0.5]], ValueError, "y_true must be 1-D or 2-D"),
        # labels out of range, NaN, inf, empty, not numbers
        ([0, 2], [[0.5, 0.5], [0.5, 0.5]], ValueError, "y_true holds labels from 0 to 2"),
        ([[0.5, 0.5]], [[np.nan, 0.5]], ValueError, "y_pred contains NaN or inf"),
        ([[np.inf, 0.5]], [[0.5, 0.5]], ValueError, "y_true contains NaN or inf"),
        ([], [], ValueError, "y_pred is empty"),
        ([[1.0]], [["a"]], TypeError, "y_pred must be an array of numbers"),
        ([["a", "b"]], [[0.5, 0.5]], TypeError, "y_true must be an array of numbers"),
    ],
)
def test_losses_bad_input_names_the_argument(loss, y_true, y_pred, error, message):
    with pytest.raises(error, match=message):
        loss(y_true, y_pred)


def test_cross_entropy_rejects_negative_probabilities():
    with pytest.raises(ValueError, match="y_pred must hold probabilities"):
        helpers.cross_entropy([0], [[-0.1, 1.1]])


def test_losses_return_plain_floats():
    for loss in LOSSES:
        value = loss([[0.0, 1.0]], [[0.3, 0.7]])
        assert type(value) is float


# ------------------------------------------------------------------- log-sum-exp (notebook 04)
def test_log_softmax_is_the_log_of_softmax():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 4)) * 3
    np.testing.assert_allclose(helpers.losses.log_softmax(z), np.log(helpers.softmax(z)))
    np.testing.assert_allclose(helpers.losses.log_softmax(z[0]), np.log(helpers.softmax(z[0])))


def test_log_softmax_does_not_overflow_or_round_to_zero():
    z = np.array([1000.0, 997.5, 995.5, 0.0])
    out = helpers.losses.log_softmax(z)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(
        out[:3], np.log(helpers.softmax(np.array([5.0, 2.5, 0.5, -995]))[:3])
    )
    assert out[3] == pytest.approx(-1000.0 - np.log1p(np.exp(-2.5) + np.exp(-4.5)))


def test_softmax_cross_entropy_equals_cross_entropy_of_softmax_where_no_clip_bites():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(6, 3))
    labels = rng.integers(0, 3, 6)
    expected = helpers.cross_entropy(labels, helpers.softmax(z))
    assert helpers.losses.softmax_cross_entropy(labels, z) == pytest.approx(expected, rel=1e-12)
    # the slide: scores whose softmax is (0.1, 0.8, 0.07, 0.03) give −ln 0.8
    z_slide = np.log([0.1, 0.8, 0.07, 0.03])
    assert helpers.losses.softmax_cross_entropy([0, 1, 0, 0], z_slide) == pytest.approx(
        -np.log(0.8)
    )


def test_softmax_cross_entropy_is_exact_where_the_clip_bites():
    """A true class 40 below the best: the clipped loss stops at −ln 1e-12 ≈ 27.6, the
    log-sum-exp form gives the exact 40 + ln(1 + e^−40) ≈ 40."""
    z = np.array([[40.0, 0.0]])
    clipped = helpers.cross_entropy([1], helpers.softmax(z))
    exact = helpers.losses.softmax_cross_entropy([1], z)
    assert clipped == pytest.approx(-np.log(1e-12))
    assert exact == pytest.approx(40.0 + np.log1p(np.exp(-40.0)))


@pytest.mark.parametrize(
    "z, error, words",
    [
        ("abc", TypeError, "z"),
        (np.array([np.nan, 1.0]), ValueError, "finite"),
        (np.zeros((2, 2, 2)), ValueError, "z"),
    ],
)
def test_log_softmax_bad_input_names_z(z, error, words):
    with pytest.raises(error, match=words):
        helpers.losses.log_softmax(z)
