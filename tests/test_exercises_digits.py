"""The checkers of notebook 08 (digits): the reference predictions pass, wrong predictions and
unfinished answers get feedback, and nothing raises."""

import pytest

from helpers.exercises import Feedback
from helpers.exercises.digits import (
    check_batch_size,
    check_hidden_width,
    check_learning_rate,
    grade,
    run_experiment,
)


def text(feedback):
    assert isinstance(feedback, Feedback)
    html = feedback._repr_html_()
    assert isinstance(html, str) and html
    return repr(feedback)


def test_grades():
    assert grade(0.97) == "A" and grade(0.95) == "A"
    assert grade(0.94) == "B" and grade(0.5) == "B"
    assert grade(0.49) == "C" and grade(None) == "C" and grade(float("nan")) == "C"


def test_baseline_learns_well():
    result = run_experiment()
    assert result["grade"] == "A", result
    assert result["updates"] == 10 * 34


# ------------------------------------------------------------ reference solutions pass
def test_width_solution_passes():
    feedback = check_hidden_width(2, "C")
    assert feedback, text(feedback)
    assert "right" in text(feedback)
    assert check_hidden_width(2, " c ")  # letters are forgiving


def test_learning_rate_solution_passes():
    feedback = check_learning_rate(2.0, "C")
    assert feedback, text(feedback)


def test_batch_size_solution_passes():
    feedback = check_batch_size(1077, "B")
    assert feedback, text(feedback)
    assert "10 weight updates" in text(feedback)


def test_solutions_in_the_notebook_text_hold():
    """The outcomes quoted in the solutions' explanations."""
    assert run_experiment(hidden=16)["grade"] == "A"
    assert run_experiment(hidden=8)["grade"] == "B"
    assert run_experiment(learning_rate=0.001)["grade"] == "B"
    assert run_experiment(learning_rate=0.0001)["grade"] == "C"
    assert run_experiment(batch_size=1)["grade"] == "C"


# ------------------------------------------------------------ wrong predictions
@pytest.mark.parametrize(
    "checker, knob, wrong",
    [
        (check_hidden_width, 2, "A"),
        (check_hidden_width, 128, "C"),
        (check_learning_rate, 2.0, "A"),
        (check_learning_rate, 0.1, "B"),
        (check_batch_size, 1077, "A"),
        (check_batch_size, 1, "A"),
    ],
)
def test_wrong_predictions_do_not_pass(checker, knob, wrong):
    feedback = checker(knob, wrong)
    assert not feedback
    assert "but the outcome is" in text(feedback)
    assert feedback.hint


# ------------------------------------------------------------ unfinished and odd answers
@pytest.mark.parametrize("checker", [check_hidden_width, check_learning_rate, check_batch_size])
def test_unfinished_is_not_yet(checker):
    for answer in [(..., ...), (4, ...), (..., "A"), (None, None)]:
        feedback = checker(*answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


@pytest.mark.parametrize("checker", [check_hidden_width, check_learning_rate, check_batch_size])
@pytest.mark.parametrize(
    "knob, prediction",
    [
        (4, "D"),
        (4, 1),
        ("four", "A"),
        (-3, "A"),
        (10**9, "B"),
        (True, "A"),
        (float("nan"), "A"),
        ([1, 2], "A"),
    ],
)
def test_odd_answers_get_feedback(checker, knob, prediction):
    feedback = checker(knob, prediction)
    assert not feedback
    text(feedback)
