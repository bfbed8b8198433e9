"""The checkers of notebook 06 (stochastic gradient descent): reference solutions pass, wrong
and unfinished answers get feedback without raising."""

import math

import numpy as np

from helpers.exercises import Feedback
from helpers.exercises.sgd import (
    CURVE_ANSWER,
    check_curve_guess,
    check_settling_rate,
    check_updates_per_epoch,
    describe_pure_sgd,
    mystery_curves,
    neuron_bottom,
    pure_sgd,
    start_distance,
    updates_per_epoch,
)


def not_passed(feedback):
    return isinstance(feedback, Feedback) and not feedback.passed


def test_updates_per_epoch():
    assert updates_per_epoch(200, 32) == 7
    assert check_updates_per_epoch(lambda n, b: math.ceil(n / b))
    assert check_updates_per_epoch(lambda n, b: float(np.ceil(n / b)))
    assert check_updates_per_epoch(updates_per_epoch)
    feedback = check_updates_per_epoch(lambda n, b: n // b)
    assert not_passed(feedback) and "left over" in repr(feedback)
    fraction = check_updates_per_epoch(lambda n, b: n / b)
    assert not_passed(fraction) and "whole number" in repr(fraction)
    assert not_passed(check_updates_per_epoch(lambda n, b: ...))
    assert not_passed(check_updates_per_epoch(lambda n, b: "seven"))
    assert not_passed(check_updates_per_epoch(...))


def test_updates_per_epoch_reads_numbers_in_strings_by_the_shared_rule():
    """Issue 9: "7" passed here but "0.5" failed elsewhere; one rule (as_number) for all."""
    assert check_updates_per_epoch(lambda n, b: str(math.ceil(n / b)))
    assert not_passed(check_updates_per_epoch(lambda n, b: str(n // b)))


def test_curve_guess():
    assert check_curve_guess(dict(CURVE_ANSWER))
    assert check_curve_guess({"a": 1, "b": "N", "c": "32"})
    assert check_curve_guess({" A ": 1.0, "B": "full batch", "C": 32})
    # the full batch of step 5's table is B = 200: a student who writes that number is right
    assert check_curve_guess({"A": 1, "B": 200, "C": "32"})
    assert not_passed(check_curve_guess({"A": 32, "B": "n", "C": 1}))
    assert not_passed(check_curve_guess({"A": ..., "B": ..., "C": ...}))
    assert not_passed(check_curve_guess({"A": 1, "B": 1, "C": 1}))
    assert not_passed(check_curve_guess({"A": 1, "B": "n", "C": 31}))
    assert not_passed(check_curve_guess({"A": True, "B": "n", "C": 32}))
    assert not_passed(check_curve_guess({"A": 1}))
    assert not_passed(check_curve_guess([1, "n", 32]))
    assert not_passed(check_curve_guess(...))


def test_curve_guess_reads_the_runs_names():
    """Issue 19: "full-batch" and "pure SGD" got "use each batch size once"; the names of the
    three runs count, and a word that is none of them is named, not miscounted."""
    assert check_curve_guess({"A": "pure SGD", "B": "full-batch", "C": "mini-batch"})
    assert check_curve_guess(
        {"A": "Pure_SGD", "B": "full batch gradient descent", "C": "minibatch"}
    )
    wrong = check_curve_guess({"A": "full-batch", "B": "pure SGD", "C": "mini-batch"})
    assert not_passed(wrong) and "not yet" in repr(wrong) and "once" not in repr(wrong)
    unknown = check_curve_guess({"A": "pure SGD", "B": "full-batch", "C": "medium"})
    assert not_passed(unknown)
    assert "cannot read C = 'medium'" in repr(unknown) and "once" not in repr(unknown)


def test_mystery_curves_follow_the_answer():
    """The figure's curves come from the runs that CURVE_ANSWER names (the notebook keeps the
    mapping out of sight by calling this function)."""
    results = {
        size: {"epochs": np.arange(20), "loss": np.full(20, float(size))} for size in (1, 32, 200)
    }
    curves = mystery_curves(results)
    assert list(curves) == ["A", "B", "C"]
    for name, size in CURVE_ANSWER.items():
        epochs, loss = curves[name]
        assert len(epochs) == len(loss) == 16
        assert loss[0] == (200 if size == "n" else size)


def test_pure_sgd_matches_a_plain_loop():
    path = pure_sgd(0.1, epochs=2)
    assert path.shape == (2 * 40 + 1, 2)
    assert np.allclose(path[0], [-2.0, 3.0])
    assert np.allclose(neuron_bottom(), [0.851, 0.068], atol=1e-3)


def test_settling_rate():
    for right in (0.03, 0.05, 0.1, "0.05"):
        assert check_settling_rate(right), right
    for wrong in (0.001, 0.01, 0.2, 1.0, 5.0, 1e308, 0, -0.1, "fast", None, ...):
        assert not_passed(check_settling_rate(wrong)), wrong


def test_settling_rate_says_which_way_to_go():
    assert describe_pure_sgd(0.01)[0] == "approaches"
    assert describe_pure_sgd(1.0)[0] == "roams"
    assert describe_pure_sgd(1e308)[0] == "runs away"
    assert "roams around the bottom" in repr(check_settling_rate(1.0))


def test_settling_rate_judges_by_distance():
    """Issue 19: for η = 5, 50 or 10⁶ the checker said "reaches the valley floor but roams
    around" while the path was 12, 120 or 2.4 million away; "runs away" never fired. A path that
    ends farther from the bottom than it started runs away, and the feedback says how far."""
    start = start_distance()
    assert 4.0 < start < 4.2
    for eta, far in ((5.0, 10), (50.0, 100), (1e6, 1e6)):
        verdict, mean = describe_pure_sgd(eta)
        assert verdict == "runs away" and mean > far, (eta, mean)
        said = repr(check_settling_rate(eta))
        assert "runs away" in said and "valley floor" not in said and "farther than" in said
        assert "too large" in said.lower()
    assert "2,435,732" in repr(check_settling_rate(1e6))  # a distance a person can read
    for eta in (0.2, 0.5, 1.0, 2.0):  # wobbling around the bottom, closer than the start
        verdict, mean = describe_pure_sgd(eta)
        assert verdict == "roams" and mean < start, eta
    assert "too small" in repr(check_settling_rate(0.01)).lower()
    assert "too large" in repr(check_settling_rate(1.0)).lower()
    assert "too large" in repr(check_settling_rate(1e308)).lower()


def test_updates_per_epoch_names_the_call_that_failed():
    """Issue 21's rule for a student's function: say with which input it raised or returned a
    non-number (NaN included)."""
    raised = repr(check_updates_per_epoch(lambda n, b: 1 / 0))
    assert "Called with n = 40, batch_size = 40" in raised and "ZeroDivisionError" in raised
    nan = repr(check_updates_per_epoch(lambda n, b: float("nan")))
    assert "For n = 40, batch_size = 40" in nan and "nan" in nan
