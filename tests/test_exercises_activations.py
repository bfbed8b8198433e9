"""The checkers of notebook 03 (activation functions): solutions pass, wrong and unfinished
answers get feedback, and nothing raises."""

import numpy as np
import pytest
from support import text

from helpers.exercises.activations import (
    LEAKY_POINTS,
    NEURONS,
    RANGE_ANSWERS,
    check_dead_neuron,
    check_leaky_relu,
    check_output_ranges,
    check_softmax,
)


# ---------------------------------------------------------------- Exercise 1: leaky ReLU
def solution_leaky(z):
    return np.maximum(0.01 * z, z)


def solution_leaky_prime(z):
    return np.where(z > 0, 1.0, 0.01)


def test_leaky_relu_solution_passes_and_matches_measured_slopes():
    feedback = check_leaky_relu(solution_leaky, solution_leaky_prime)
    assert feedback, text(feedback)
    assert check_leaky_relu(lambda z: np.where(z > 0, z, 0.01 * z), solution_leaky_prime)
    h = 1e-6
    measured = (solution_leaky(LEAKY_POINTS + h) - solution_leaky(LEAKY_POINTS - h)) / (2 * h)
    assert np.allclose(measured, solution_leaky_prime(LEAKY_POINTS))


def test_leaky_relu_unfinished_is_not_yet_without_the_answer():
    def unfinished(z):
        return ...

    for answers in ((unfinished, unfinished), (..., ...), (solution_leaky, ...)):
        feedback = check_leaky_relu(*answers)
        assert not feedback
        assert "Replace the `...`" in text(feedback)
        assert feedback.hint is None
        assert "np.maximum" not in text(feedback)


@pytest.mark.parametrize(
    "function, slope, words",
    [
        (lambda z: np.maximum(0, z), solution_leaky_prime, "that is the plain ReLU"),
        (solution_leaky, lambda z: (z > 0) * 1.0, "plain ReLU's slope"),
        (solution_leaky, lambda z: np.where(z > 0, 1.0, 0.01 * z), "is a constant"),
        (lambda z: max(0.01 * z, z), solution_leaky_prime, "raised ValueError"),
        (lambda z: np.max([0.01 * z, z]), solution_leaky_prime, "expected one value per z"),
        (lambda z: print(z), solution_leaky_prime, "did you print instead of return?"),
        (lambda z: "leaky", solution_leaky_prime, "should return finite numbers"),
        (solution_leaky, lambda z: np.ones_like(z), "my_leaky_relu_prime(-4"),
        (lambda z: z, solution_leaky_prime, "my_leaky_relu(-4"),
        (42, solution_leaky_prime, "Expected a function"),
    ],
)
def test_leaky_relu_wrong_answers_get_feedback(function, slope, words):
    feedback = check_leaky_relu(function, slope)
    assert not feedback
    assert words in text(feedback), text(feedback)


def test_leaky_relu_plain_relu_gets_the_hint_for_negative_z():
    feedback = check_leaky_relu(lambda z: np.maximum(0, z), solution_leaky_prime)
    assert "For z < 0 the leaky ReLU gives 0.01 z" in feedback.hint
    assert "np.maximum(0.01 * z, z)" not in feedback.hint  # the generic hint is for other slips


def test_leaky_relu_python_max_gets_a_hint():
    feedback = check_leaky_relu(lambda z: max(0.01 * z, z), solution_leaky_prime)
    assert "np.maximum" in feedback.hint


# ---------------------------------------------------------------- Exercise 2: softmax
def test_softmax_solution_passes():
    scores = np.array([2.0, 1.0, 0.1])
    e = np.exp(scores - scores.max())
    feedback = check_softmax(e / e.sum())
    assert feedback, text(feedback)
    assert "0.659" in text(feedback)
    assert check_softmax([0.659, 0.242, 0.099])  # rounded by hand is fine
    assert check_softmax([0.66, 0.24, 0.10])  # the precision the exercise shows: 2 decimals
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
        ("0.659, 0.242, 0.099", "Expected three finite numbers"),
        ([0.659, None, 0.099], "Expected three finite numbers"),
        ([np.nan, np.nan, np.nan], "Expected three finite numbers"),
        ([np.inf, 0.0, 0.0], "Expected three finite numbers"),
        ([0.65, 0.24, 0.11], "Not right to 2 decimals: 0.65, 0.11"),
        ([0.7, 0.2, 0.1], "Not right to 2 decimals: 0.7, 0.2"),
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
        {"Step": "d", "sigmoid": " A ", "tanh": "b", "ReLU": "c", "softmax": "E"}
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
    assert "'Z' is not an answer: answer with one letter" in report
    assert "sigmoid:" in feedback.hint


@pytest.mark.parametrize("wrong", [["D", "A", "B", "C", "E"], "DABCE", 3, {"step": 1}])
def test_ranges_wrong_types_never_raise(wrong):
    feedback = check_output_ranges(wrong)
    assert not feedback
    text(feedback)


@pytest.mark.parametrize("word", ["Dunno", "All of them", "Every", "AB", "B: (−1, 1)", "a)"])
def test_ranges_read_one_whole_letter_only(word):
    """Only one whole letter counts: "Dunno" is not "D", "All of them" is not "A"."""
    answer = dict(RANGE_ANSWERS)
    answer["step"] = word
    feedback = check_output_ranges(answer)
    assert not feedback
    assert "answer with one letter" in text(feedback)


# ---------------------------------------------------------------- Exercise 4: dead neuron
def test_dead_neuron_solution_passes_and_is_the_only_dead_one():
    for answer in ("C", "c", " C "):
        feedback = check_dead_neuron(answer)
        assert feedback, text(feedback)
    x = np.linspace(0, 5, 501)
    dead = [k for k, (w, b) in NEURONS.items() if np.all(w * x + b <= 0)]
    assert dead == ["C"]


@pytest.mark.parametrize(
    "letter, words", [("A", "for x > 2"), ("B", "for x < 4"), ("D", "for every x")]
)
def test_dead_neuron_living_ones_say_where_they_are_on(letter, words):
    feedback = check_dead_neuron(letter)
    assert not feedback
    assert words in text(feedback)
    assert "x = 0 and x = 5" in feedback.hint


@pytest.mark.parametrize("answer", ["Dunno", "CD", "E", 3, ["C"], True])
def test_dead_neuron_non_letters_are_told_to_answer_with_one_letter(answer):
    feedback = check_dead_neuron(answer)
    assert not feedback
    assert "Answer with one letter" in text(feedback)


def test_dead_neuron_unfinished_is_not_yet():
    feedback = check_dead_neuron(...)
    assert not feedback and "Replace the `...`" in text(feedback)
    assert feedback.hint is None


def test_a_slope_that_is_one_plain_number_gets_the_element_by_element_hint():
    feedback = check_leaky_relu(solution_leaky, lambda z: 0.01)
    assert not feedback.passed
    assert "a plain number" in text(feedback)


def test_softmax_as_a_is_called_true_but_not_the_most_specific():
    answer = dict(RANGE_ANSWERS, softmax="A")
    feedback = check_output_ranges(answer)
    assert not feedback
    report = text(feedback)
    assert "softmax: A is true" in report and "most specific" in report
    assert "not A" not in report  # softmax's outputs are in (0, 1): "not A" would be false
    # a letter that is false for softmax is still called false
    assert "✗ softmax: not B" in text(check_output_ranges(dict(RANGE_ANSWERS, softmax="B")))


def test_leaky_relu_raising_or_nan_is_told_where():
    from helpers.exercises.activations import check_leaky_relu

    said = text(check_leaky_relu(lambda z: max(0.01 * z, z), lambda z: z))
    assert "raised ValueError" in said and "(at z = (" in said
    said = text(check_leaky_relu(lambda z: z * np.nan, lambda z: z))
    assert "at z = (" in said and "nan" in said
