"""The checkers of notebook 01 (helpers.exercises.perceptron): reference solutions pass, wrong
and unfinished answers do not, and nothing ever raises."""

import numpy as np
import pytest

import helpers
from helpers.exercises import Feedback
from helpers.exercises.perceptron import (
    check_my_perceptron,
    check_nor,
    check_snack_decision,
    gate_table,
)


def reference_perceptron(x, w, b):
    z = np.dot(w, x) + b
    return 1 if z > 0 else 0


def test_snack_decision_reference_passes():
    feedback = check_snack_decision(0.5, 1)
    assert isinstance(feedback, Feedback) and feedback.passed
    assert check_snack_decision(np.float64(0.5), np.int64(1))


@pytest.mark.parametrize(
    "z, decision",
    [
        (..., ...),
        (0.5, ...),
        (..., 1),
        (-1, 0),
        (0.5, 0),
        (-1, 1),
        ("half", 1),
        ([1, 2], 1),
        (0.5, 2),
        (None, None),
        (float("nan"), 1),
    ],
)
def test_snack_decision_wrong_or_unfinished(z, decision):
    feedback = check_snack_decision(z, decision)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback) and feedback._repr_html_()


def test_snack_decision_matches_helpers():
    assert helpers.perceptron([2, 3], [-1.5, 1], 0.5) == 1


@pytest.mark.parametrize("w, b", [([-1, -1], 0.5), ([-2, -3], 1), (np.array([-1.0, -1.0]), 1)])
def test_nor_references_pass(w, b):
    assert check_nor(w, b).passed
    assert list(gate_table(w, b)) == [1, 0, 0, 0]


@pytest.mark.parametrize(
    "w, b",
    [
        (..., ...),
        ([..., ...], ...),
        ([1, 1], -0.5),
        ([-1, -1], 1.5),  # NAND, not NOR
        ([-1, -1], 0),
        ([-1], 1),
        ("ab", 1),
        ([-1, -1], "x"),
        ([[1, 2], [3, 4]], 0),
        ([1, [2, 3]], 0),
        (None, 0),
    ],
)
def test_nor_wrong_or_unfinished(w, b):
    feedback = check_nor(w, b)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback)


def test_nor_boundary_case_is_wrong():
    # w = (-1, -1), b = 0: at (0, 0) z = 0, which gives 0 (strict inequality), not NOR's 1
    feedback = check_nor([-1, -1], 0)
    assert not feedback.passed
    assert any("✗" in m for m in feedback.messages)


def test_my_perceptron_reference_and_helpers_pass():
    assert check_my_perceptron(reference_perceptron).passed
    assert check_my_perceptron(helpers.perceptron).passed


def crashes(x, w, b):
    raise RuntimeError("boom")


def unfinished_body(x, w, b):
    return ...


def non_strict(x, w, b):
    return int(np.dot(w, x) + b >= 0)


@pytest.mark.parametrize(
    "function",
    [
        ...,
        None,
        42,
        crashes,
        unfinished_body,
        non_strict,
        lambda x, w, b: "yes",
        lambda x, w, b: np.dot(w, x) + b,
        lambda x: 1,
        lambda x, w, b: [1, 0],
    ],
)
def test_my_perceptron_wrong_or_unfinished(function):
    feedback = check_my_perceptron(function)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert repr(feedback)
