"""Checkers for notebook 09, "The Neural Network Playground".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises: an unfinished
answer (``...``), a setting out of range or a wrong type all get friendly feedback.
"""

from ..playground import FEATURES, PlaygroundModel, PlaygroundSettings
from . import (
    Feedback,
    as_letter,
    as_number,
    letter_feedback,
    never_raise,
    not_yet_answered,
    unfinished,
)

CIRCLE_TITLE = "Exercise 1: a network without hidden layers that solves the circle"
XOR_TITLE = "Exercise 2: the smallest hidden layer that solves xor"
RATE_TITLE = "Exercise 3: what does the learning rate do?"

#: Exercise 3: the learning rates tried, and what happens with each one.
RATE_OPTIONS = {
    "A": "the loss hardly moves in 300 epochs",
    "B": "the loss goes down steadily and the circle is solved",
    "C": "the steps overshoot: the loss jumps around and stays high",
}
RATE_ANSWERS = {0.0001: "A", 0.03: "B", 10.0: "C"}


def _feature_name(name):
    """A feature name in the playground's spelling: "X1²", "x1**2" and "x1 ^ 2" are "x1^2",
    "x2*x1" is "x1*x2", "sin x1" is "sin(x1)"; anything else is returned as typed."""
    key = str(name).strip().lower().replace(" ", "").replace("**", "^").replace("²", "^2")
    key = {"x2*x1": "x1*x2", "sinx1": "sin(x1)", "sinx2": "sin(x2)"}.get(key, key)
    return key if key in FEATURES else str(name)


def _features(features):
    """Validate a student's feature list; return (tuple, None) or (None, message)."""
    if isinstance(features, str):
        features = (features,)
    try:
        features = tuple(features)
    except TypeError:
        return None, f"Expected a tuple of feature names, got {type(features).__name__}."
    if not all(isinstance(f, str) for f in features):
        return None, 'Expected feature names as strings, e.g. ("x1", "x2").'
    features = tuple(_feature_name(f) for f in features)
    if len(set(features)) != len(features):
        return None, "Name each feature once."
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        return None, f"Unknown feature(s) {unknown}: choose from {tuple(FEATURES)}."
    if not features:
        return None, "Choose at least one feature."
    return features, None


@never_raise(CIRCLE_TITLE)
def check_circle_features(features):
    """Exercise 1: input features with which a network *without hidden layers* (one sigmoid
    neuron) separates the circle: after 100 epochs its test accuracy must be at least 95 %."""
    if unfinished(features):
        return not_yet_answered(CIRCLE_TITLE, 'a tuple of feature names, e.g. ("x1", "x2")')
    features, problem = _features(features)
    if problem:
        return Feedback(CIRCLE_TITLE, False, [problem])
    model = PlaygroundModel(PlaygroundSettings(features=features, hidden=(), learning_rate=0.03))
    model.train(100)
    acc = model.accuracy("test")
    if acc >= 0.95:
        return Feedback(
            CIRCLE_TITLE,
            True,
            [
                f"With {features} one neuron reaches {acc:.0%} test accuracy.",
                "A circle x₁² + x₂² = r² is a straight line in the features x₁², x₂²: "
                "the right inputs make a hard problem linear.",
            ],
        )
    return Feedback(
        CIRCLE_TITLE,
        False,
        [f"With {features} one neuron reaches only {acc:.0%} test accuracy (95 % needed)."],
        "The class depends on the distance from the centre, x₁² + x₂². Which features give it?",
    )


@never_raise(XOR_TITLE)
def check_xor_hidden(neurons):
    """Exercise 2: the fewest tanh neurons in ONE hidden layer (inputs x₁, x₂ only) that solve
    xor to at least 95 % test accuracy in 300 epochs (η = 0.1, seed 0)."""
    if unfinished(neurons):
        return not_yet_answered(XOR_TITLE, "a whole number of neurons")
    number = as_number(neurons)
    if number is None or number != int(number) or not 1 <= number <= 8:
        return Feedback(
            XOR_TITLE, False, [f"Expected a whole number from 1 to 8, got {neurons!r}."]
        )
    neurons = int(number)
    results = {}
    for n in range(1, 9):
        model = PlaygroundModel(PlaygroundSettings(dataset="xor", hidden=(n,), learning_rate=0.1))
        model.train(300)
        results[n] = model.accuracy("test")
        if results[n] >= 0.95:
            break
    smallest = max(results)
    if neurons == smallest:
        return Feedback(
            XOR_TITLE,
            True,
            [
                f"{neurons} hidden neurons reach {results[neurons]:.0%} test accuracy; "
                f"{neurons - 1} reach only {results.get(neurons - 1, 0):.0%}.",
                "Each hidden neuron draws one line; xor needs more than one line. (Two neurons "
                "could do it in principle, but from this start SGD does not find them in time.)",
            ],
        )
    if neurons < smallest:
        return Feedback(
            XOR_TITLE,
            False,
            [f"{neurons} hidden neuron(s) are not enough for 95 % on xor."],
            'Try it in the playground: `playground(dataset="xor", hidden=(...,))`.',
        )
    return Feedback(
        XOR_TITLE,
        False,
        [f"{neurons} neurons work, but fewer do too."],
        "Lower the number one at a time in the playground until xor is no longer solved.",
    )


@never_raise(RATE_TITLE)
def check_learning_rates(answers):
    """Exercise 3: match the learning rates 0.0001, 0.03 and 10 (circle, two hidden layers of
    4 and 2 tanh neurons, 300 epochs) with what happens: "A", "B" or "C"."""
    if unfinished(answers) or (
        isinstance(answers, dict) and any(unfinished(v) for v in answers.values())
    ):
        return not_yet_answered(RATE_TITLE, 'a letter "A", "B" or "C" for each learning rate')
    if not isinstance(answers, dict):
        return Feedback(RATE_TITLE, False, [f"Expected a dict, got {type(answers).__name__}."])
    given = {as_number(rate): value for rate, value in answers.items()}
    missing = [rate for rate in RATE_ANSWERS if rate not in given]
    if missing:
        listed = ", ".join(f"{r:g}" for r in missing)
        return Feedback(RATE_TITLE, False, [f"Give a letter for each learning rate: {listed}."])
    letters = {rate: as_letter(given[rate], "ABC") for rate in RATE_ANSWERS}
    if None in letters.values():
        return letter_feedback(RATE_TITLE, "ABC")
    wrong = [rate for rate, letter in RATE_ANSWERS.items() if letters[rate] != letter]
    if not wrong:
        return Feedback(
            RATE_TITLE,
            True,
            [
                "η = 0.0001: steps far too small; η = 0.03: just right; η = 10: every step "
                "overshoots, so the loss jumps around and stays high."
            ],
        )
    return Feedback(
        RATE_TITLE,
        False,
        [
            f"{len(RATE_ANSWERS) - len(wrong)} of 3 right; look again at η = "
            + ", ".join(f"{r:g}" for r in wrong)
            + "."
        ],
        "Run each one in the playground (the learning-rate menu) and watch the loss curve.",
    )


# ------------------------------------------------------------------------------ challenges
CHALLENGE_TITLE = "Challenge: {}"

#: The goal-based challenges of notebook 09, checked from a playground's state. Each names the
#: data set (with the playground's default noise, training share and number of points), the
#: largest number of hidden neurons in all layers together, the features allowed (None: any),
#: and the goal: a test loss below, or a test accuracy of at least, a number.
CHALLENGES = {
    "spiral": {
        "task": "the 2-class spiral with a test loss below 0.05, with at most 8 hidden neurons",
        "dataset": "spiral",
        "n_classes": 2,
        "max_neurons": 8,
        "features": None,
        "goal": ("test loss", 0.05),
    },
    "bumps": {
        "task": "the bumps (multi_gauss) with a test loss below 0.008, with at most 16 hidden "
        "neurons",
        "dataset": "multi_gauss",
        "n_classes": 2,
        "max_neurons": 16,
        "features": None,
        "goal": ("test loss", 0.008),
    },
    "xor": {
        "task": "xor from the inputs x1, x2 alone with at least 95 % test accuracy, with at most "
        "3 hidden neurons",
        "dataset": "xor",
        "n_classes": 2,
        "max_neurons": 3,
        "features": ("x1", "x2"),
        "goal": ("test accuracy", 0.95),
    },
}
#: The data as every challenge uses it: the playground's defaults.
CHALLENGE_DATA = {"noise": 0, "train_ratio": 50, "n_samples": 400, "data_seed": 0}


def _model_of(playground):
    """The ``PlaygroundModel`` behind a playground widget (its public ``model``) or the model
    itself; None if it is neither."""
    model = getattr(playground, "model", playground)
    if isinstance(model, PlaygroundModel):
        return model
    return None


def _rule_problems(rules, settings):
    """What breaks the challenge's rules (data, features, size), as sentences."""
    problems = []
    if settings.dataset != rules["dataset"] or (
        not settings.regression and settings.n_classes != rules["n_classes"]
    ):
        classes = "" if rules["dataset"] == "multi_gauss" else f" with {rules['n_classes']} classes"
        problems.append(f"Choose the data set {rules['dataset']!r}{classes}.")
    changed = [name for name, value in CHALLENGE_DATA.items() if getattr(settings, name) != value]
    if changed:
        problems.append(
            "Keep the data as the playground starts it (noise 0, training share 50 %, 400 "
            f"points, data seed 0); changed: {', '.join(changed)}."
        )
    if rules["features"] is not None and tuple(sorted(settings.features)) != rules["features"]:
        problems.append(f"Use the inputs {', '.join(rules['features'])} only.")
    neurons = sum(settings.hidden)
    if neurons > rules["max_neurons"]:
        problems.append(
            f"Your network has {neurons} hidden neurons; the challenge allows "
            f"{rules['max_neurons']} in all layers together."
        )
    return problems


@never_raise("Challenge")
def check_challenge(name, playground):
    """A goal-based challenge of notebook 09 (``CHALLENGES``), checked from the state of a live
    ``playground()`` (its public ``model``) or of a ``PlaygroundModel``: the data set and its
    settings, the features, the number of hidden neurons, and the test loss or accuracy the
    network has now. Says which rule is broken, or how far the network is from the goal."""
    if unfinished(name) or not isinstance(name, str) or name.strip().lower() not in CHALLENGES:
        listed = ", ".join(f'"{n}"' for n in CHALLENGES)
        return Feedback("Challenge", False, [f"Name a challenge: {listed}."])
    rules = CHALLENGES[name.strip().lower()]
    title = CHALLENGE_TITLE.format(rules["task"])
    if unfinished(playground):
        return not_yet_answered(title, "your playground, e.g. `pg = playground()`")
    if getattr(playground, "closed", False):
        return Feedback(
            title,
            False,
            ["This playground was replaced when its cell ran again: pass the new one."],
        )
    model = _model_of(playground)
    if model is None:
        return Feedback(
            title,
            False,
            [f"Expected a playground (made by `playground()`), got {type(playground).__name__}."],
        )
    settings = model.settings
    problems = _rule_problems(rules, settings)
    if problems:
        return Feedback(title, False, problems)
    kind, target = rules["goal"]
    if model.diverged:
        return Feedback(title, False, ["Training diverged: Reset, and try a smaller η."])
    if kind == "test loss":
        value = model.losses()[1]
        reached, shown = value < target, f"{value:.4f}"
        goal = f"below {target:g}"
    else:
        value = model.accuracy("test")
        reached, shown = value >= target, f"{value:.1%}"
        goal = f"at least {target:.0%}"
    where = (
        f"After {model.epoch} epochs with hidden layers {settings.hidden or 'none'} and the "
        f"inputs {', '.join(settings.features)}, the {kind} is {shown} (goal: {goal})."
    )
    if reached:
        return Feedback(title, True, [where, "Challenge met."])
    hint = (
        "Press Play (or train more epochs) first."
        if model.epoch == 0
        else "Think about what the data need: other input features, another activation, "
        "a different learning rate, more epochs, or the same neurons in other layers."
    )
    return Feedback(title, False, [where], hint)
