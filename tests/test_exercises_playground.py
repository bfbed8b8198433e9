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


# ------------------------------------------------------------------ goal-based challenges
def _trained(epochs, **settings):
    from helpers.playground import PlaygroundModel

    model = PlaygroundModel(**settings)
    model.train(epochs)
    return model


SIN = ("x1", "x2", "sin(x1)", "sin(x2)")


def test_each_challenge_can_be_met():
    """Every challenge has a solution within its rules (so none is a trick question)."""
    from helpers.exercises.playground import check_challenge

    spiral = _trained(300, dataset="spiral", hidden=(8,), features=SIN, learning_rate=0.3)
    assert check_challenge("spiral", spiral)
    bumps = _trained(200, dataset="multi_gauss", hidden=(8, 8), features=SIN, learning_rate=0.1)
    assert check_challenge("bumps", bumps)
    xor = _trained(300, dataset="xor", hidden=(3,), activation="relu", learning_rate=0.1)
    assert check_challenge(" XOR ", xor)


def test_challenges_are_not_met_by_the_obvious_first_try():
    """The first thing a student tries does not meet the goal: the feedback says how far."""
    from helpers.exercises.playground import check_challenge

    plain = _trained(300, dataset="spiral", hidden=(8,), learning_rate=0.1)  # x1, x2 only
    feedback = check_challenge("spiral", plain)
    assert (
        not feedback
        and "After 300 epochs" in text(feedback)
        and "goal: below 0.05" in text(feedback)
    )
    tanh_xor = _trained(300, dataset="xor", hidden=(3,), learning_rate=0.1)  # exercise 2's 3
    assert not check_challenge("xor", tanh_xor)
    bumps = _trained(200, dataset="multi_gauss", hidden=(8, 8), learning_rate=0.1)  # step 7's
    assert not check_challenge("bumps", bumps)


def test_challenge_rules_are_checked():
    from helpers.exercises.playground import check_challenge
    from helpers.playground import PlaygroundModel

    too_big = check_challenge("spiral", PlaygroundModel(dataset="spiral", hidden=(8, 4)))
    assert not too_big and "12 hidden neurons" in text(too_big)
    wrong_data = check_challenge("spiral", PlaygroundModel(dataset="circle"))
    assert not wrong_data and "'spiral' with 2 classes" in text(wrong_data)
    three = check_challenge("spiral", PlaygroundModel(dataset="spiral", n_classes=3))
    assert not three and "2 classes" in text(three)
    noisy = check_challenge("xor", PlaygroundModel(dataset="xor", noise=20, hidden=(3,)))
    assert not noisy and "changed: noise" in text(noisy)
    features = check_challenge("xor", PlaygroundModel(dataset="xor", features=("x1*x2",)))
    assert not features and "inputs x1, x2 only" in text(features)


def test_challenge_reads_a_live_playground():
    """The widget's public state (its ``model``): the check follows Step and the settings."""
    from helpers.exercises.playground import check_challenge
    from helpers.widgets import playground

    pg = playground(dataset="xor", hidden=(3,), activation="relu", learning_rate=0.1)
    at_start = check_challenge("xor", pg)
    assert not at_start and "After 0 epochs" in text(at_start) and "Press Play" in text(at_start)
    pg.model.train(300)
    assert check_challenge("xor", pg)


def test_challenge_garbage():
    from helpers.exercises.playground import check_challenge

    for name in ("nope", 3, None, ...):
        feedback = check_challenge(name, None)
        assert not feedback and "Name a challenge" in text(feedback)
    assert "Replace the `...`" in text(check_challenge("xor", ...))
    assert "Expected a playground" in text(check_challenge("xor", "pg"))


def test_xor_range_is_stated_in_the_exercise():
    """Issue 19: exercise 2's range 1-8 was never stated, yet the checker refuses 9."""
    import json
    from pathlib import Path

    notebook = Path(__file__).parent.parent / "notebooks" / "09_playground.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    (exercise,) = [c for c in cells if "### Exercise 2" in "".join(c["source"])]
    assert "from 1 to 8" in "".join(exercise["source"])
    assert "from 1 to 8" in text(check_xor_hidden(9))


def test_challenge_on_a_closed_playground():
    """A playground whose cell ran again is closed: the checker says to pass the new one."""
    from helpers.exercises.playground import check_challenge
    from helpers.widgets import playground

    pg = playground(dataset="xor")
    pg.close()
    feedback = check_challenge("xor", pg)
    assert not feedback and "replaced when its cell ran again" in text(feedback)
