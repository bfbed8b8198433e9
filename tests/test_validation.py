"""helpers._validation: the one set of argument checks behind every clear error message."""

import numpy as np
import pytest

from helpers._validation import as_float_array, as_labels, check_choice, check_scalar


@pytest.mark.parametrize("value", [1, 0.5, np.float32(0.25), np.int64(3), 10**400])
def test_check_scalar_returns_good_numbers(value):
    assert check_scalar(value, "x", low=0, low_open=True) is value


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "message"),
    [
        (True, {}, TypeError, "x must be a number, got True"),
        (np.bool_(False), {}, TypeError, "x must be a number, got "),
        ("0.1", {}, TypeError, "x must be a number, got '0.1'"),
        (None, {}, TypeError, "x must be a number, got None"),
        ([0.1], {}, TypeError, r"x must be a number, got \[0.1\]"),
        (1.0, {"kind": "int"}, TypeError, "x must be a whole number, got 1.0"),
        (float("nan"), {}, ValueError, "x must be a finite number, got nan"),
        (float("inf"), {"low": 0}, ValueError, "x must be a finite number >= 0, got inf"),
        (0, {"low": 0, "low_open": True}, ValueError, "x must be a finite number > 0, got 0"),
        (1, {"low": 0, "high": 1, "high_open": True}, ValueError, ">= 0 and < 1, got 1"),
        (-1, {"kind": "int", "low": 0}, ValueError, "x must be a whole number >= 0, got -1"),
        (0.7, {"high": 0.5}, ValueError, "x must be a finite number <= 0.5, got 0.7"),
    ],
)
def test_check_scalar_names_the_argument_and_what_was_expected(value, kwargs, error, message):
    with pytest.raises(error, match=message):
        check_scalar(value, "x", **kwargs)


def test_as_float_array_accepts_numbers_and_refuses_the_rest():
    assert as_float_array([[1, 2]], "a").dtype == float
    assert as_float_array(True, "a").tolist() == 1.0
    with pytest.raises(TypeError, match=r"a must be an array of numbers \(or one number\), got"):
        as_float_array(None, "a")
    with pytest.raises(TypeError, match="got str 'abc'"):
        as_float_array("abc", "a")
    with pytest.raises(ValueError, match="a must be a rectangular array of numbers"):
        as_float_array([[1, 2], [3]], "a")
    with pytest.raises(ValueError, match="a contains NaN or inf"):
        as_float_array([np.nan], "a")
    assert np.isnan(as_float_array([np.nan], "a", finite=False)[0])
    with pytest.raises(ValueError, match="a is empty"):
        as_float_array([], "a")
    with pytest.raises(ValueError, match=r"a must be 2-D, got an array of shape \(3,\)"):
        as_float_array([1, 2, 3], "a", ndim=2)


def test_as_labels_and_check_choice():
    assert as_labels([0.0, 2.0], "y", n_classes=3).tolist() == [0, 2]
    with pytest.raises(ValueError, match="y holds labels from 0 to 3: expected 0..2"):
        as_labels([0, 3], "y", n_classes=3)
    assert check_choice("relu", "f", ("relu", "tanh")) == "relu"
    for bad in ("softplus", None, ["relu"]):
        with pytest.raises(ValueError, match="f must be one of 'relu', 'tanh'; got"):
            check_choice(bad, "f", ("relu", "tanh"))
