"""The checkers of notebook 09: the reference solutions pass, wrong and unfinished answers get
feedback (and never an exception)."""

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
