"""The checkers of notebook 06 (stochastic gradient descent): reference solutions pass, wrong
and unfinished answers get feedback without raising."""

import math

from helpers.exercises import Feedback
from helpers.exercises.sgd import (
    CURVE_ANSWER,
    check_curve_guess,
    check_mini_batches,
    check_updates_per_epoch,
    mini_batches,
    updates_per_epoch,
)


def not_passed(feedback):
    return isinstance(feedback, Feedback) and not feedback.passed


def test_updates_per_epoch():
    assert updates_per_epoch(200, 32) == 7
    assert check_updates_per_epoch(lambda n, b: math.ceil(n / b))
    assert check_updates_per_epoch(updates_per_epoch)
    feedback = check_updates_per_epoch(lambda n, b: n // b)
    assert not_passed(feedback) and "left over" in repr(feedback)
    assert not_passed(check_updates_per_epoch(lambda n, b: n / b))
    assert not_passed(check_updates_per_epoch(lambda n, b: ...))
    assert not_passed(check_updates_per_epoch(lambda n, b: "seven"))
    assert not_passed(check_updates_per_epoch(...))


def notebook_solution(order, batch_size):
    batches = []
    for start_index in range(0, len(order), batch_size):
        batch = order[start_index : start_index + batch_size]
        batches.append(batch)
    return batches


def unfinished_batches(order, batch_size):
    batches = []
    for _ in range(0, len(order), batch_size):
        batch = ...
        batches.append(batch)
    return batches


def test_mini_batches():
    assert check_mini_batches(notebook_solution)
    assert check_mini_batches(mini_batches)
    assert not_passed(check_mini_batches(unfinished_batches))
    assert not_passed(check_mini_batches(...))
    # forgets the last, smaller batch
    assert not_passed(
        check_mini_batches(lambda o, b: [o[s : s + b] for s in range(0, len(o) - len(o) % b, b)])
    )
    # overlapping slices
    assert not_passed(
        check_mini_batches(lambda o, b: [o[s : s + b + 1] for s in range(0, len(o), b)])
    )
    # ignores the shuffle
    assert not_passed(
        check_mini_batches(
            lambda o, b: [list(range(s, min(s + b, len(o)))) for s in range(0, len(o), b)]
        )
    )
    assert not_passed(check_mini_batches(lambda o, b: 1 / 0))
    assert not_passed(check_mini_batches(lambda o, b: 3))


def test_curve_guess():
    assert check_curve_guess(dict(CURVE_ANSWER))
    assert check_curve_guess({"a": 1, "b": "N", "c": "32"})
    assert not_passed(check_curve_guess({"A": 32, "B": "n", "C": 1}))
    assert not_passed(check_curve_guess({"A": ..., "B": ..., "C": ...}))
    assert not_passed(check_curve_guess({"A": 1, "B": 1, "C": 1}))
    assert not_passed(check_curve_guess({"A": 1}))
    assert not_passed(check_curve_guess([1, "n", 32]))
    assert not_passed(check_curve_guess(...))
