"""helpers.activations: step, sigmoid, tanh, relu, linear, softmax and their derivatives."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import helpers
from helpers.activations import ACTIVATIONS, linear, linear_prime

FAST = settings(max_examples=40, deadline=None)
finite = st.floats(-50, 50, allow_nan=False)


def no_warnings(function, *args):
    """Call function(*args) with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is fine
            return function(*args)


def numerical_derivative(f, z, eps=1e-6):
    return (f(z + eps) - f(z - eps)) / (2 * eps)


# ---------------------------------------------------------------------------------- step
def test_step_is_one_only_for_positive_input():
    np.testing.assert_array_equal(helpers.step([-2.0, -1e-12, 0.0, 1e-12, 3.0]), [0, 0, 0, 1, 1])
    assert helpers.step(0.5) == 1.0


def test_step_agrees_with_the_perceptron():
    z = np.linspace(-2, 2, 41)
    np.testing.assert_array_equal(
        helpers.step(z), helpers.perceptron(z[:, None], np.array([1.0]), 0.0)
    )


# ------------------------------------------------------------------------------- sigmoid
def test_sigmoid_values():
    z = np.array([-3.0, -1.0, 0.0, 0.5, 4.0])
    np.testing.assert_allclose(helpers.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15)
    assert helpers.sigmoid(0) == 0.5


@pytest.mark.parametrize("z", [1000.0, -1000.0, 1e308, -1e308, 745.2, -745.2])
def test_sigmoid_is_finite_and_warning_free_for_huge_inputs(z):
    s = no_warnings(helpers.sigmoid, np.array([z]))
    assert np.all(np.isfinite(s))
    assert s[0] == (1.0 if z > 0 else pytest.approx(0.0, abs=1e-300))


def test_sigmoid_keeps_relative_precision_for_very_negative_inputs():
    # e^-30 / (1 + e^-30): the naive 1 - σ(30) would lose most digits here
    assert helpers.sigmoid(-30.0) == pytest.approx(math.exp(-30) / (1 + math.exp(-30)), rel=1e-14)
    assert helpers.sigmoid(-700.0) > 0


@FAST
@given(hnp.arrays(float, st.integers(1, 20), elements=finite))
def test_sigmoid_properties(z):
    s = helpers.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(helpers.sigmoid(-z), 1 - s, atol=1e-15)  # σ(−z) = 1 − σ(z)
    order = np.argsort(z, kind="stable")
    assert np.all(np.diff(s[order]) >= 0)  # increasing


def test_sigmoid_keeps_the_shape():
    assert helpers.sigmoid(np.zeros((3, 4))).shape == (3, 4)
    assert np.ndim(helpers.sigmoid(1.0)) == 0


# --------------------------------------------------------------------- tanh, relu, linear
def test_tanh_values_and_range():
    z = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(helpers.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)))
    assert no_warnings(helpers.tanh, np.array([-1000.0, 1000.0])).tolist() == [-1.0, 1.0]


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-4, 4, 17)
    np.testing.assert_allclose(helpers.tanh(z), 2 * helpers.sigmoid(2 * z) - 1, atol=1e-15)


def test_relu_values():
    np.testing.assert_array_equal(helpers.relu([-2.0, 0.0, 0.5, 3.0]), [0.0, 0.0, 0.5, 3.0])
    assert helpers.relu(np.zeros((2, 3))).shape == (2, 3)


def test_linear_is_the_identity():
    z = np.array([[-1.5, 0.0, 2.0]])
    np.testing.assert_array_equal(linear(z), z)
    np.testing.assert_array_equal(linear_prime(z), np.ones_like(z))


# ------------------------------------------------------------------------- derivatives
@pytest.mark.parametrize(
    ("f", "f_prime"),
    [
        (helpers.sigmoid, helpers.sigmoid_prime),
        (helpers.tanh, helpers.tanh_prime),
        (helpers.relu, helpers.relu_prime),
        (linear, linear_prime),
    ],
)
def test_derivatives_match_central_differences(f, f_prime):
    z = np.array([-4.0, -1.3, -0.2, 0.3, 0.9, 2.5, 6.0])  # away from ReLU's kink at 0
    np.testing.assert_allclose(f_prime(z), numerical_derivative(f, z), rtol=1e-6, atol=1e-9)


def test_derivative_formulas():
    z = np.linspace(-3, 3, 13)
    s = helpers.sigmoid(z)
    np.testing.assert_allclose(helpers.sigmoid_prime(z), s * (1 - s))  # σ' = σ(1 − σ)
    np.testing.assert_allclose(helpers.tanh_prime(z), 1 - np.tanh(z) ** 2)  # tanh' = 1 − tanh²
    assert helpers.sigmoid_prime(0.0) == 0.25  # the sigmoid's steepest slope
    assert helpers.tanh_prime(0.0) == 1.0


def test_relu_prime_is_zero_at_the_kink_and_step_like_elsewhere():
    np.testing.assert_array_equal(helpers.relu_prime([-1.0, 0.0, 1e-9, 5.0]), [0, 0, 1, 1])


def test_derivatives_are_finite_and_warning_free_for_huge_inputs():
    z = np.array([-1000.0, 1000.0])
    for f_prime in (helpers.sigmoid_prime, helpers.tanh_prime, helpers.relu_prime):
        assert np.all(np.isfinite(no_warnings(f_prime, z)))
    np.testing.assert_array_equal(helpers.sigmoid_prime(z), [0.0, 0.0])


def test_activation_table_pairs_each_function_with_its_derivative():
    z = np.array([-2.0, -0.5, 0.4, 1.7])
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "linear"}
    for f, f_prime in ACTIVATIONS.values():
        np.testing.assert_allclose(f_prime(z), numerical_derivative(f, z), rtol=1e-6)


# ------------------------------------------------------------------------------- softmax
def test_softmax_of_a_vector():
    z = np.array([1.0, 2.0, 3.0])
    e = np.exp(z)
    np.testing.assert_allclose(helpers.softmax(z), e / e.sum(), rtol=1e-15)


def test_softmax_works_row_by_row():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-5.0, 10.0, 2.0]])
    p = helpers.softmax(z)
    assert p.shape == (3, 3)
    for row, p_row in zip(z, p, strict=True):
        np.testing.assert_allclose(p_row, helpers.softmax(row), rtol=1e-15)
    np.testing.assert_allclose(p[1], [1 / 3] * 3)


@pytest.mark.parametrize(
    "z",
    [[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [1000.0, 1000.0, 999.0], [1e308, 0.0]],
)
def test_softmax_is_finite_and_warning_free_for_huge_logits(z):
    p = no_warnings(helpers.softmax, np.array([z, z]))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[0], p[1])


def test_softmax_of_huge_logits_has_the_right_values():
    np.testing.assert_allclose(helpers.softmax([1000.0, -1000.0]), [1.0, 0.0])
    np.testing.assert_allclose(helpers.softmax([-1000.0, -1000.0]), [0.5, 0.5])
    np.testing.assert_allclose(
        helpers.softmax([1000.0, 999.0]), [1 / (1 + math.exp(-1)), 1 / (1 + math.e)]
    )


@FAST
@given(
    hnp.arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite),
    st.floats(-100, 100),
)
def test_softmax_properties(z, shift):
    p = helpers.softmax(z)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    # adding the same number to every score of a row changes nothing
    np.testing.assert_allclose(helpers.softmax(z + shift), p, atol=1e-12)
    # the largest score gets the largest probability
    np.testing.assert_array_equal(
        np.take_along_axis(p, z.argmax(axis=1)[:, None], 1)[:, 0], p.max(axis=1)
    )


def test_softmax_with_two_classes_is_the_sigmoid_of_the_difference():
    z = np.array([[0.3, -1.2], [4.0, 1.0]])
    np.testing.assert_allclose(helpers.softmax(z)[:, 0], helpers.sigmoid(z[:, 0] - z[:, 1]))


@pytest.mark.parametrize("z", [3.0, np.zeros((2, 2, 2)), np.zeros((3, 0)), []])
def test_softmax_rejects_bad_shapes(z):
    with pytest.raises(ValueError, match="z must be a 1-D or 2-D array"):
        helpers.softmax(z)


# ------------------------------------------------------------------------------ bad input
EVERY_FUNCTION = [helpers.step, helpers.softmax, helpers.sigmoid] + [
    function for pair in ACTIVATIONS.values() for function in pair
]


@pytest.mark.parametrize("function", EVERY_FUNCTION, ids=lambda f: f.__name__)
@pytest.mark.parametrize("z", [None, "abc", [1.0, None], {"z": 1}, [["a", "b"]]])
def test_non_numbers_raise_a_type_error_naming_z(function, z):
    """Issue 14: relu(None) returned nan silently; now every activation says what is wrong."""
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        function(z)


@pytest.mark.parametrize("function", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_a_ragged_list_is_named(function):
    with pytest.raises(ValueError, match="z must be a rectangular array of numbers"):
        function([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("function", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_lists_ints_and_bools_are_numbers(function):
    out = function([[0, 1, 2]])
    assert out.dtype == float and out.shape == (1, 3)
    np.testing.assert_array_equal(
        function(np.array([[False, True, True]])), function(out * 0 + [[0, 1, 1]])
    )


def test_nan_passes_through_as_in_numpy():
    """A NaN in z is the caller's NaN (a diverging network shows it); it is not created here."""
    assert np.isnan(helpers.relu(np.nan)) and np.isnan(helpers.sigmoid([np.nan]))[0]
