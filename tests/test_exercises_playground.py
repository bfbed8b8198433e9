"""The checkers of notebook 09: the reference solutions pass, wrong and unfinished answers get
feedback (and never an exception)."""

from support import text

from helpers.exercises.playground import (
    check_circle_features,
    check_learning_rates,
    check_xor_hidden,
)


def test_circle_features():
    assert check_circle_features(("x1^2", "x2^2"))
    assert not check_circle_features(("x1", "x2"))
    assert not check_circle_features(...)
    assert not check_circle_features(("x3",))
    assert not check_circle_features(42)


def test_xor_hidden():
    assert check_xor_hidden(4)
    assert not check_xor_hidden(1)
    assert not check_xor_hidden(8)
    assert not check_xor_hidden(...)
    assert not check_xor_hidden("four")


def test_learning_rates():
    assert check_learning_rates({0.0001: "A", 0.03: "B", 10.0: "C"})
    assert not check_learning_rates({0.0001: "B", 0.03: "A", 10.0: "C"})
    assert not check_learning_rates({0.0001: ..., 0.03: ..., 10.0: ...})
    assert not check_learning_rates(...)
    assert not check_learning_rates("ABC")


def test_letters_in_any_case_and_anything_else_asks_for_one_letter():
    assert check_learning_rates({0.0001: "a", 0.03: " b ", 10.0: "c"})
    for bad in ("Dunno", "AB", 1, "All of them"):
        feedback = check_learning_rates({0.0001: bad, 0.03: "B", 10.0: "C"})
        assert not feedback and "one letter" in text(feedback)
    assert "each learning rate" in text(check_learning_rates({0.03: "B"}))


def test_features_in_other_forms():
    import numpy as np

    assert check_circle_features(["x1^2", "x2^2"])
    assert check_circle_features(np.array(["x1^2", "x2^2"]))
    assert not check_circle_features([["x1^2", "x2^2"]])
    assert not check_circle_features(("x1^2", "x1^2"))
    # the same features spelt as a student might: capitals, x1², x1**2, spaces
    assert check_circle_features(("X1^2", "x2²"))
    assert check_circle_features(("x1**2", " x2 ^ 2 "))
    assert not check_circle_features(("x1**2", "x1²"))  # the same feature twice
    assert not check_circle_features(("x2*x1", "sin x1"))  # known names, but not the circle's


def test_xor_neurons_as_a_number_string():
    assert check_xor_hidden("4") and not check_xor_hidden(4.5) and not check_xor_hidden(True)
