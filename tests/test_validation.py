"""helpers.validation: the one set of argument checks behind every clear error message."""

import numpy as np
import pytest

from helpers.validation import as_float_array, as_labels, check_choice, check_scalar


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


# ---------------------------------------------------------------- one rule per argument
def test_one_rule_per_shared_argument_as_network_applies_it():
    """``RULES`` is the rule ``Network.fit`` applies: the same words for the same bad value."""
    from helpers import Network
    from helpers.validation import RULES, check_argument

    X, y = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    for name, bad in (("learning_rate", 0), ("batch_size", 0), ("momentum", 1.0), ("epochs", -1)):
        with pytest.raises(ValueError) as rule:
            check_argument(bad, name)
        with pytest.raises(ValueError) as network:
            Network([2, 2]).fit(X, y, **{"epochs": 1, name: bad})
        assert str(network.value) == str(rule.value) and name in RULES
    with pytest.raises(TypeError, match="epochs must be a whole number, got 5.0"):
        check_argument(5.0, "epochs")  # a whole number is never a float
    assert check_argument(np.int64(3), "max_steps", rule="steps") == 3


def test_clip_to_slider_checks_the_rule_first_then_clips_with_a_note(capsys):
    from helpers.validation import clip_to_slider

    assert clip_to_slider(50.0, "learning_rate", 0.01, 10) == 10.0
    assert "Note: learning_rate = 50 is outside the range 0.01 to 10; using 10." in (
        capsys.readouterr().out
    )
    assert clip_to_slider(np.int64(4), "batch_size", 1, 30) == 4 and not capsys.readouterr().out
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0, got -1"):
        clip_to_slider(-1, "learning_rate", 0.01, 10)  # refused by the rule, not clipped
    with pytest.raises(TypeError, match="batch_size must be a whole number, got 3.0"):
        clip_to_slider(3.0, "batch_size", 1, 30)
    assert clip_to_slider(-7, "w", -5, 5) == -5.0  # no rule: any finite number, clipped
    with pytest.raises(ValueError, match="w is too large"):
        clip_to_slider(10**400, "w", -5, 5)


def test_check_pair():
    from helpers.validation import check_pair

    assert check_pair(np.array([1, 2]), "x") == (1.0, 2.0)
    with pytest.raises(ValueError, match=r"xlim must be \(low, high\) with low < high"):
        check_pair((3, -3), "xlim", increasing=True)
    with pytest.raises(TypeError, match=r"w\[1\] must be a number, got None"):
        check_pair((1, None), "w")
    with pytest.raises(TypeError, match="x must be two numbers"):
        check_pair(3, "x")
