"""helpers.perceptron: 1 if w · x + b > 0 else 0, for one sample or a batch."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import helpers


def test_one_sample_returns_a_python_int():
    out = helpers.perceptron([1.0, 1.0], [1.0, 1.0], -1.5)
    assert out == 1 and type(out) is int
    assert helpers.perceptron([0.0, 1.0], [1.0, 1.0], -1.5) == 0


def test_the_inequality_is_strict():
    # w · x + b = 0 exactly → 0 ("if w · x + b ≤ 0")
    assert helpers.perceptron([1.0, 1.0], [1.0, 1.0], -2.0) == 0
    assert helpers.perceptron([1.0, 1.0], [1.0, 1.0], -1.999) == 1


def test_a_batch_gives_one_output_per_row():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    out = helpers.perceptron(X, [1.0, 1.0], -1.5)  # AND
    np.testing.assert_array_equal(out, [0, 0, 0, 1])
    assert out.shape == (4,) and out.dtype.kind == "i"
    np.testing.assert_array_equal(helpers.perceptron(X, [-2.0, -2.0], 3.0), [1, 1, 1, 0])  # NAND


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(float, st.tuples(st.integers(1, 8), st.integers(1, 4)), elements=st.floats(-9, 9)),
    st.data(),
)
def test_batch_equals_one_sample_at_a_time(X, data):
    w = data.draw(hnp.arrays(float, X.shape[1], elements=st.floats(-9, 9)))
    b = data.draw(st.floats(-9, 9))
    batch = helpers.perceptron(X, w, b)
    assert [helpers.perceptron(x, w, b) for x in X] == batch.tolist()
    np.testing.assert_array_equal(batch, (X @ w + b > 0).astype(int))


def test_bias_may_be_a_numpy_scalar_or_0d_array():
    assert helpers.perceptron([1.0], [1.0], np.float64(0.5)) == 1
    assert helpers.perceptron([1.0], [1.0], np.array(-2.0)) == 0


@pytest.mark.parametrize(
    ("x", "w", "b", "error", "message"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0], 0.0, ValueError, "x has 3 inputs per sample but w has 2"),
        ([[1.0, 2.0]], [1.0, 2.0, 3.0], 0.0, ValueError, "x has 2 inputs per sample but w has 3"),
        ([1.0, 2.0], [[1.0, 2.0]], 0.0, ValueError, "w must be 1-D"),
        (np.zeros((2, 2, 2)), [1.0, 2.0], 0.0, ValueError, "x must be 1-D or 2-D"),
        ([1.0, 2.0], [1.0, 2.0], [0.0, 1.0], ValueError, "b must be 0-D"),
        ([1.0, np.nan], [1.0, 2.0], 0.0, ValueError, "x contains NaN or inf"),
        ([1.0, 2.0], [np.inf, 2.0], 0.0, ValueError, "w contains NaN or inf"),
        ([1.0, 2.0], [1.0, 2.0], np.nan, ValueError, "b contains NaN or inf"),
        ([], [], 0.0, ValueError, "x is empty"),
        (["a", "b"], [1.0, 2.0], 0.0, TypeError, "x must be an array of numbers"),
        ([1.0, 2.0], [1.0, 2.0], "one", TypeError, "b must be an array of numbers"),
        (None, [1.0, 2.0], 0.0, TypeError, "x must be an array of numbers"),
        ([1.0, 2.0], [1.0, None], 0.0, TypeError, "w must be an array of numbers"),
        ([1.0, 2.0], [1.0, 2.0], None, TypeError, "b must be an array of numbers"),
    ],
)
def test_bad_input_names_the_argument(x, w, b, error, message):
    with pytest.raises(error, match=message):
        helpers.perceptron(x, w, b)
