"""The checkers of notebook 08 (digits): the reference predictions pass, wrong predictions and
unfinished answers get feedback, and nothing raises. (The outcomes the solutions state, over
the three seeds: tests/test_claims_08.py. Garbage of every kind: test_exercises_fuzz.)"""

import pytest
from support import text

from helpers.exercises.digits import (
    EPOCHS,
    SEEDS,
    check_batch_size,
    check_hidden_width,
    check_learning_rate,
    grade,
    run_experiment,
    run_seeds,
)


def test_grades():
    assert grade(0.97) == "A" and grade(0.95) == "A"
    assert grade(0.94) == "B" and grade(0.5) == "B"
    assert grade(0.49) == "C" and grade(None) == "C" and grade(float("nan")) == "C"


def test_baseline_learns_well_on_every_seed():
    results = run_seeds()
    assert [r["grade"] for r in results] == ["A"] * len(SEEDS), results
    assert all(r["updates"] == EPOCHS * 34 for r in results)


def test_runs_are_deterministic_and_cached():
    first = run_experiment(hidden=16, seed=1)
    first["accuracy"] = -1  # a copy: changing it does not change the cache
    assert run_experiment(hidden=16, seed=1)["accuracy"] != -1


# ------------------------------------------------------------ reference solutions pass
def test_width_solution_passes():
    feedback = check_hidden_width(1, "C")
    assert feedback, text(feedback)
    assert "right" in text(feedback)
    assert check_hidden_width(1, " c ")  # one letter, any case, spaces ignored
    assert check_hidden_width("1", "C")  # a string holding a number counts


def test_learning_rate_solution_passes():
    feedback = check_learning_rate(2.0, "C")
    assert feedback, text(feedback)
    assert "128 of 128 neurons dead" in text(feedback)
    assert "With all of them dead" in text(feedback)


def test_large_learning_rate_claims_all_dead_only_when_they_are():
    """At η = 0.3 many neurons die but never all of them: the feedback must not say "all"."""
    feedback = check_learning_rate(0.3, "B")
    assert all(r["dead"] < 128 for r in run_seeds(learning_rate=0.3))
    assert "With all of them dead" not in text(feedback)
    assert "The more of them die" in text(feedback)


def test_batch_size_solution_passes():
    feedback = check_batch_size(1077, "B")
    assert feedback, text(feedback)
    assert "10 weight updates" in text(feedback)


# ------------------------------------------------------------ noisy outcomes
def test_noisy_outcome_accepts_every_letter_a_seed_got_and_says_so():
    letters = {r["grade"] for r in run_seeds(hidden=2)}
    assert letters == {"B", "C"}
    for letter in "BC":
        feedback = check_hidden_width(2, letter)
        assert feedback, text(feedback)
        assert "noisy" in text(feedback)
    assert not check_hidden_width(2, "A")


def test_clear_outcome_is_not_called_noisy():
    assert "noisy" not in text(check_batch_size(1077, "B"))


# ------------------------------------------------------------ wrong predictions
@pytest.mark.parametrize(
    "checker, knob, wrong",
    [
        (check_hidden_width, 1, "A"),
        (check_hidden_width, 128, "C"),
        (check_learning_rate, 2.0, "A"),
        (check_learning_rate, 0.1, "B"),
        (check_batch_size, 1077, "A"),
        (check_batch_size, 4, "A"),
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
    "knob, prediction, expected",
    [
        (4, "D", "one letter"),
        (4, "Dunno", "one letter"),
        (4, 1, "one letter"),
        ("four", "A", "got 'four'"),
        (-3, "A", "got -3"),
        (10**9, "B", "got 1000000000"),
        (True, "A", "got True"),
        (float("nan"), "A", "got nan"),
        ([1, 2], "A", "got [1, 2]"),
    ],
)
def test_odd_answers_get_feedback(checker, knob, prediction, expected):
    feedback = checker(knob, prediction)
    assert not feedback
    assert expected in text(feedback)
