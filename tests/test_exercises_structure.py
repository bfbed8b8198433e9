"""The checkers of notebook 02 (helpers.exercises.structure): reference solutions pass, wrong
and unfinished answers do not, and nothing ever raises."""

import re

import numpy as np
import pytest
from support import text

import helpers
from helpers.exercises import Feedback
from helpers.exercises.structure import (
    BUMP_EDGES,
    BUMP_STEEPNESS,
    STEP_B,
    STEP_W,
    STEP_X,
    bump_curve,
    check_bump_heights,
    check_forward_step,
    check_parameter_count,
    check_weight_shapes,
)


def test_weight_shapes_reference_passes_and_matches_network():
    net = helpers.Network([784, 30, 10], seed=0)
    assert check_weight_shapes([W.shape for W in net.weights]).passed
    assert check_weight_shapes([(784, 30), (30, 10)]).passed
    assert check_weight_shapes(((784, 30), [30, 10])).passed


@pytest.mark.parametrize(
    "shapes",
    [
        ...,
        None,
        [..., ...],
        [(30, 784), (10, 30)],
        [(784, 30)],
        [(784, 30), (30, 10), (10, 1)],
        [(784, 30, 10)],
        "(784, 30)",
        42,
        [784, 30],
        [(784.0, 30.0), (30, 10)],
    ],
)
def test_weight_shapes_wrong_or_unfinished(shapes):
    feedback = check_weight_shapes(shapes)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback)


def test_parameter_count_reference_passes_and_matches_network():
    net = helpers.Network([784, 30, 10], seed=0)
    n = sum(W.size for W in net.weights) + sum(b.size for b in net.biases)
    assert n == 23860
    assert check_parameter_count(n).passed
    assert check_parameter_count(np.int64(23860)).passed


@pytest.mark.parametrize("written", ["23 860", "23,860", "23_860", "23\u202f860", " 23'860 "])
def test_parameter_count_written_with_digit_groups_passes(written):
    assert check_parameter_count(written).passed


@pytest.mark.parametrize("written", ["23 86", "2 3860", "23,86,0", "23 860,5", "23.860", "23 820"])
def test_parameter_count_with_misplaced_groups_fails(written):
    assert not check_parameter_count(written).passed


@pytest.mark.parametrize("answer", [..., None, 23820, 24644, 0, "23860x", [23860, 1], object()])
def test_parameter_count_wrong_or_unfinished(answer):
    feedback = check_parameter_count(answer)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback)


def test_forward_step_reference_passes():
    z = STEP_X @ STEP_W + STEP_B
    a = helpers.relu(z)
    assert check_forward_step(z, a).passed
    assert check_forward_step([1.5, 2, -1.5], [1.5, 2, 0]).passed


@pytest.mark.parametrize(
    "z, a",
    [
        (..., ...),
        ([1.5, 2, -1.5], ...),
        (..., [1.5, 2, 0]),
        ([1.5, 2, -1.5], [1.5, 2, -1.5]),  # forgot the ReLU
        (STEP_W @ np.ones(3), [1, 1]),  # wrong shapes
        (STEP_X @ STEP_W, np.maximum(0, STEP_X @ STEP_W)),  # forgot the bias
        ("z", "a"),
        ([1, [2, 3]], [0, 0, 0]),
    ],
)
def test_forward_step_wrong_or_unfinished(z, a):
    feedback = check_forward_step(z, a)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback)


def test_parameter_count_reads_numbers_like_every_checker():
    """One rule (helpers.exercises.as_number): "23860" and 23860.0 are the number 23860."""
    assert check_parameter_count("23860").passed
    assert check_parameter_count(23860.0).passed
    assert not check_parameter_count(True).passed
    assert not check_parameter_count(10**400).passed


def test_parameter_count_typical_slips_are_named():
    assert "biases are missing" in text(check_parameter_count(23820))
    assert "input layer has no biases" in text(check_parameter_count(23860 + 784))


def test_transposed_shapes_are_named():
    feedback = check_weight_shapes([(30, 784), (10, 30)])
    assert not feedback.passed
    assert "transposed" in text(feedback)


def test_unfinished_exercises_say_replace_the_dots():
    for feedback in (
        check_weight_shapes([...]),
        check_parameter_count(...),
        check_forward_step(..., ...),
    ):
        assert "Replace the `...`" in text(feedback)
        assert feedback.hint is None


def test_shapes_with_the_right_numbers_in_another_type_say_so():
    feedback = check_weight_shapes([(784.0, 30.0), ("30", "10")])
    assert not feedback.passed
    assert text(feedback).count("has the right numbers, but a shape holds ints") == 2


@pytest.mark.parametrize(
    "z, a, slip",
    [
        (STEP_X @ STEP_W, np.maximum(0, STEP_X @ STEP_W), "without the bias b"),
        (STEP_X @ STEP_W, np.maximum(0, STEP_X @ STEP_W), "it is the ReLU of your z"),
        (STEP_X @ STEP_W + STEP_B, STEP_X @ STEP_W + STEP_B, "the ReLU is missing"),
        (STEP_X @ STEP_W + STEP_B, helpers.sigmoid(STEP_X @ STEP_W + STEP_B), "the sigmoid"),
    ],
)
def test_forward_step_names_the_typical_slips(z, a, slip):
    feedback = check_forward_step(z, a)
    assert not feedback.passed
    assert slip in text(feedback)


# ---------------------------------------------------------------- Exercise 4: bumps
def midpoint_heights():
    return np.sin((BUMP_EDGES[:-1] + BUMP_EDGES[1:]) / 2)


def test_bump_checker_formula_is_the_bump_network():
    """The checker's ŷ(x) = Σ hᵢ [σ(w(x − lᵢ)) − σ(w(x − rᵢ))] is the widget's Network."""
    from helpers.widgets.bumps import EDGES, bump_network

    heights = np.array([0.3, -1.2, 0.5, 0.9, -0.4, 1.1])
    x = np.linspace(-3.5, 3.5, 57)
    net = bump_network(heights, EDGES, BUMP_STEEPNESS)
    assert np.allclose(net.forward(x[:, None])[:, 0], bump_curve(x, heights), atol=1e-12)
    assert np.allclose(EDGES, BUMP_EDGES)


def test_bump_heights_that_follow_the_curve_pass():
    assert check_bump_heights(midpoint_heights()).passed
    assert check_bump_heights([round(h, 1) for h in midpoint_heights()]).passed


@pytest.mark.parametrize(
    "heights, words",
    [
        ([0, 0, 0, 0, 0, 0], "not yet below 0.02"),
        (-midpoint_heights(), "Furthest from the curve"),  # upside down
        (np.r_[midpoint_heights()[:5], 0.0], "bump 6"),  # one bump forgotten
        ([1, 2, 3], "six numbers"),
        ("sin", "six numbers"),
        ([..., 0, 0, 0, 0, 0], "Replace the `...`"),
        ([float("nan")] * 6, "six numbers"),
    ],
)
def test_bump_heights_wrong_or_unfinished(heights, words):
    feedback = check_bump_heights(heights)
    assert not feedback.passed and words in text(feedback)


def test_bump_feedback_does_not_give_the_heights():
    """It names one bump and how the curve runs there, never a list of heights to copy."""
    said = text(check_bump_heights([0, 0, 0, 0, 0, 0]))
    assert len(re.findall(r"bump \d", said)) == 1
    assert "[" not in said


def test_more_narrower_bumps_come_closer():
    """ "More, narrower bumps would bring it as close as you like." (checker's success line)"""
    errors = []
    for n in (6, 12, 24, 48):
        edges = np.linspace(-3, 3, n + 1)
        heights = np.sin((edges[:-1] + edges[1:]) / 2)
        x = np.linspace(-3, 3, 601)
        curve = bump_curve(x, heights, edges, steepness=20.0 * n / 6)
        errors.append(0.5 * np.mean((curve - np.sin(x)) ** 2))
    assert errors == sorted(errors, reverse=True) and errors[-1] < errors[0] / 20
