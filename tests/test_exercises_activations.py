"""The checkers of notebook 03 (activation functions): solutions pass, wrong and unfinished
answers get feedback, and nothing raises."""

import math

import numpy as np
import pytest

from helpers.exercises import Feedback
from helpers.exercises.activations import (
    RANGE_ANSWERS,
    check_output_ranges,
    check_sigmoid,
    check_softmax,
)


def text(feedback):
    assert isinstance(feedback, Feedback)
    html = feedback._repr_html_()
    assert isinstance(html, str) and html
    return repr(feedback)


# ---------------------------------------------------------------- Exercise 1: sigmoid
def solution_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_sigmoid_solution_passes():
    feedback = check_sigmoid(solution_sigmoid)
    assert feedback, text(feedback)
    assert "σ(0) = 0.5" in text(feedback)


def test_sigmoid_unfinished_is_not_yet():
    def unfinished(z):
        return ...

    for answer in (unfinished, ..., None):
        feedback = check_sigmoid(answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda z: 1 / (1 + np.exp(z)), "σ(−z)"),
        (lambda z: np.exp(-z), "e^(−z)"),
        (lambda z: 1 / (1 + np.exp(-z)) ** 2, "σ(z)²"),
        (lambda z: np.tanh(z), "your function gives"),
        (lambda z: 1 / (1 + math.exp(-z)), "raised TypeError"),
        (lambda z: 1 / 0, "raised ZeroDivisionError"),
        (lambda z: "sigmoid", "should return numbers"),
        (lambda z: 0.5, "shape ()"),
        (42, "Expected a function"),
    ],
)
def test_sigmoid_wrong_answers_get_feedback(wrong, words):
    feedback = check_sigmoid(wrong)
    assert not feedback
    assert words in text(feedback)
    assert feedback.hint or "Expected a function" in text(feedback)


# ---------------------------------------------------------------- Exercise 2: softmax
def test_softmax_solution_passes():
    scores = np.array([2.0, 1.0, 0.1])
    e = np.exp(scores - scores.max())
    feedback = check_softmax(e / e.sum())
    assert feedback, text(feedback)
    assert "0.659" in text(feedback)
    assert check_softmax([0.659, 0.242, 0.099])  # rounded by hand is fine
    assert check_softmax(np.array([[0.659, 0.242, 0.099]]))  # one row per sample is fine


def test_softmax_unfinished_is_not_yet():
    for answer in (..., None):
        feedback = check_softmax(answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (np.exp([2.0, 1.0, 0.1]), "not to 1"),
        (np.array([2.0, 1.0, 0.1]) / 3.1, "divided the scores by their sum"),
        ([0.099, 0.242, 0.659], "wrong order"),
        ([0.5, 0.3, 0.2], "sum to 1 (good)"),
        ([0.9, 0.9, 0.9], "sum to 2.700"),
        ([0.5, 0.5], "shape (2,)"),
        ("0.659, 0.242, 0.099", "Expected three numbers"),
        ([0.659, None, 0.099], "not a finite number"),
        ([np.nan, np.nan, np.nan], "not a finite number"),
        ([np.inf, 0.0, 0.0], "not a finite number"),
    ],
)
def test_softmax_wrong_answers_get_feedback(wrong, words):
    feedback = check_softmax(wrong)
    assert not feedback
    assert words in text(feedback)
    assert feedback.hint


# ---------------------------------------------------------------- Exercise 3: ranges
def test_ranges_solution_passes():
    feedback = check_output_ranges(dict(RANGE_ANSWERS))
    assert feedback, text(feedback)
    assert check_output_ranges(
        {"Step": "d", "sigmoid": " A ", "tanh": "B: (−1, 1)", "ReLU": "c", "softmax": "E"}
    )


def test_ranges_unfinished_is_not_yet():
    blank = dict.fromkeys(RANGE_ANSWERS, ...)
    for answer in (blank, ..., None):
        feedback = check_output_ranges(answer)
        assert not feedback
        assert "Replace the `...`" in text(feedback)


def test_ranges_partly_answered_says_what_is_left():
    answer = dict.fromkeys(RANGE_ANSWERS, ...)
    answer["sigmoid"] = "A"
    feedback = check_output_ranges(answer)
    assert not feedback
    assert "✓ sigmoid" in text(feedback)
    assert "Still to answer: step, tanh, relu, softmax" in text(feedback)


def test_ranges_wrong_answers_get_feedback():
    answer = dict(RANGE_ANSWERS, sigmoid="B", tanh="A", relu="Z")
    feedback = check_output_ranges(answer)
    assert not feedback
    report = text(feedback)
    assert "✓ step" in report and "✗ sigmoid: not B" in report and "✗ tanh: not A" in report
    assert "'Z' is not one of the letters" in report
    assert "sigmoid:" in feedback.hint


@pytest.mark.parametrize("wrong", [["D", "A", "B", "C", "E"], "DABCE", 3, {"step": 1}])
def test_ranges_wrong_types_never_raise(wrong):
    feedback = check_output_ranges(wrong)
    assert not feedback
    text(feedback)
