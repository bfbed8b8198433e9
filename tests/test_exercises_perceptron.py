"""The checkers of notebook 01 (helpers.exercises.perceptron): reference solutions pass, wrong
and unfinished answers do not, and nothing ever raises."""

import numpy as np
import pytest
from support import text

import helpers
from helpers.exercises import Feedback
from helpers.exercises.perceptron import (
    check_my_perceptron,
    check_nor,
    check_snack_decision,
    check_tipping_bias,
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


def test_strings_holding_numbers_count_as_numbers():
    """One rule for every checker (helpers.exercises.as_number): "0.5" is the number 0.5."""
    assert check_snack_decision("0.5", "1").passed
    assert check_snack_decision(" 0.5 ", 1.0).passed
    assert check_tipping_bias("2", "0").passed
    assert check_nor(["-1", "-1"], "0.5").passed


@pytest.mark.parametrize("decision", [0.5, "yes", 10**400])  # True: see the bool test below
def test_snack_decision_is_0_or_1(decision):
    feedback = check_snack_decision(0.5, decision)
    assert not feedback.passed
    assert "must be 0 (stay) or 1" in text(feedback)


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


def test_tipping_bias_reference_passes_and_matches_helpers():
    assert check_tipping_bias(2, 0).passed
    assert check_tipping_bias(2.0, np.int64(0)).passed
    assert helpers.perceptron([4, 1], [-1, 2], 2) == 0  # z = 0 exactly gives 0
    assert helpers.perceptron([4, 1], [-1, 2], 2.001) == 1


def test_tipping_bias_strict_inequality_slip_is_named():
    feedback = check_tipping_bias(2, 1)
    assert not feedback.passed
    assert "z > 0" in text(feedback) and "exactly 0" in text(feedback)


def test_tipping_bias_sign_slip_gets_a_hint():
    feedback = check_tipping_bias(-2, 0)
    assert not feedback.passed
    assert "z = -4" in text(feedback) and "sign" in feedback.hint


@pytest.mark.parametrize(
    "bias, decision",
    [(..., ...), (2, ...), (..., 0), (3, 0), (2.5, 1), ("two", 0), ([2, 2], 0), (2, True)],
)
def test_tipping_bias_wrong_or_unfinished(bias, decision):
    feedback = check_tipping_bias(bias, decision)
    assert isinstance(feedback, Feedback) and not feedback.passed


def test_unfinished_exercises_say_replace_the_dots():
    for feedback in (
        check_snack_decision(..., ...),
        check_tipping_bias(..., ...),
        check_nor([..., ...], ...),
        check_my_perceptron(unfinished_body),
    ):
        assert "Replace the `...`" in text(feedback)
        assert feedback.hint is None  # the unfinished state says what to do, not the answer


def test_my_perceptron_that_prints_is_told_so():
    def prints(x, w, b):
        print(int(np.dot(w, x) + b > 0))

    feedback = check_my_perceptron(prints)
    assert not feedback.passed
    assert "did you print instead of return?" in text(feedback)


def test_my_perceptron_returning_bools_passes_with_a_note():
    # True/False are 1/0 to Python (True + True == 2): a right predicate is not a wrong answer
    feedback = check_my_perceptron(lambda x, w, b: np.dot(w, x) + b > 0)
    assert feedback.passed
    assert "int(z > 0)" in text(feedback)
    assert "True/False" not in text(check_my_perceptron(reference_perceptron))
    # a wrong predicate still fails: >= gives True where z = 0 exactly
    assert not check_my_perceptron(lambda x, w, b: np.dot(w, x) + b >= 0).passed


def test_my_perceptron_returning_strings_fails():
    feedback = check_my_perceptron(lambda x, w, b: "1" if np.dot(w, x) + b > 0 else "0")
    assert not feedback.passed
    assert "returned the text '1': return the number, not a string" in text(feedback)


@pytest.mark.parametrize(
    "student",
    [lambda x, w, b: int(w @ x + b > 0), lambda x, w, b: int(sum(w * x) + b > 0)],
    ids=["matmul", "times"],
)
def test_my_perceptron_on_plain_lists_gets_a_hint(student):
    feedback = check_my_perceptron(student)
    assert not feedback.passed
    assert "TypeError" in text(feedback) and "np.dot(w, x)" in feedback.hint


def test_a_decision_written_as_a_bool_asks_for_the_number():
    feedback = check_snack_decision(0.5, True)
    assert not feedback.passed
    assert "write the number 1 or 0" in text(feedback)


def test_my_perceptron_feedback_shows_numpy_results_as_plain_values():
    feedback = check_my_perceptron(lambda x, w, b: np.dot(w, x) + b >= 0)
    assert not feedback.passed
    shown = text(feedback)
    assert "returned True, expected 0 (z = 0)" in shown and "np.True_" not in shown
    shown = text(check_my_perceptron(lambda x, w, b: np.dot(w, x) + b))
    assert "returned -1.0" in shown and "np.float64" not in shown


def test_a_raising_perceptron_is_told_where():
    def boom(x, w, b):
        raise ZeroDivisionError("division by zero")

    assert "(in my_perceptron([4.0, 1.0], [-1.0, 2.0], 1.0))" in text(check_my_perceptron(boom))
