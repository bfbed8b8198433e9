"""Checkers for notebook 08, "Neural networks: Digits".

Each exercise changes one knob of the digits network, asks the student to predict what will happen
*before* running, then trains the network three times (seeds 0, 1, 2) and compares the outcome
with the prediction. Every prediction uses the same three letters, for the validation accuracy
after a short training run (``EPOCHS`` epochs on the plain training split of
``load_digits_split(validation_size=0.2)``, [64, width, 10] with ReLU, η = 0.1, batches of 32,
momentum 0.9, weight decay 1e-4, no annealing, no augmentation):

    "A"  0.95 or more: as good as the notebook's network
    "B"  from 0.5 up to 0.95: it learns something, but clearly less
    "C"  below 0.5 (or the training diverges): it hardly learns at all (chance is 0.1)

Near a boundary the three seeds can disagree; then every letter one of them got counts as right,
and the feedback says the outcome is noisy. The feedback also counts the *dead* hidden neurons
(output 0 for every training image), which explain most of the C's.

Every checker returns a :class:`helpers.exercises.Feedback` and never raises.
"""

import numpy as np
from threadpoolctl import threadpool_limits

from ..data import load_digits_split
from ..network import Network, TrainingDiverged
from . import (
    Feedback,
    as_letter,
    as_number,
    letter_feedback,
    never_raise,
    not_yet_answered,
    unfinished,
)

#: The baseline the exercises change one knob of.
BASELINE = {"hidden": 128, "learning_rate": 0.1, "batch_size": 32}
#: Short runs: the exercises compare settings, they do not chase the best accuracy.
EPOCHS = 10
MOMENTUM = 0.9
WEIGHT_DECAY = 1e-4
#: Every setting is trained with these seeds; the outcome is what all of them give.
SEEDS = (0, 1, 2)
#: What the three letters mean.
CHOICES = {
    "A": "0.95 or more (as good as the notebook's network)",
    "B": "from 0.5 up to 0.95 (learns something, but clearly less)",
    "C": "below 0.5 (hardly learns at all; chance is 0.1)",
}

_RESULTS = {}  # (hidden, learning_rate, batch_size, seed) -> result dict; runs are deterministic


def grade(accuracy):
    """The letter for a validation accuracy: "A" (≥ 0.95), "B" (≥ 0.5) or "C"."""
    if accuracy is None or not np.isfinite(accuracy) or accuracy < 0.5:
        return "C"
    return "A" if accuracy >= 0.95 else "B"


def dead_neurons(network, X):
    """How many hidden neurons of a one-hidden-layer ``network`` output 0 for every row of X."""
    hidden = network.forward_layers(X)[1]
    return int(np.sum(hidden.max(axis=0) <= 0))


def run_experiment(hidden=128, learning_rate=0.1, batch_size=32, seed=0):
    """Train the exercises' network once and return what happened.

    Returns a dict with ``accuracy`` (validation accuracy, None if the training diverged),
    ``grade`` ("A", "B" or "C"), ``diverged``, ``dead`` (dead hidden neurons, None if diverged)
    and ``updates`` (weight updates in the whole run).
    """
    key = (int(hidden), float(learning_rate), int(batch_size), int(seed))
    if key not in _RESULTS:
        data = load_digits_split(validation_size=0.2)
        net = Network([64, key[0], 10], hidden_activation="relu", seed=key[3])
        accuracy, dead = None, None
        try:
            with threadpool_limits(1):  # small matrices: one BLAS thread is fastest
                net.fit(
                    data.X_train,
                    data.y_train,
                    epochs=EPOCHS,
                    batch_size=key[2],
                    learning_rate=key[1],
                    momentum=MOMENTUM,
                    weight_decay=WEIGHT_DECAY,
                )
            accuracy = net.accuracy(data.X_val, data.y_val)
            dead = dead_neurons(net, data.X_train)
        except TrainingDiverged:
            pass
        _RESULTS[key] = {
            "accuracy": accuracy,
            "grade": grade(accuracy),
            "diverged": accuracy is None,
            "dead": dead,
            "updates": EPOCHS * int(np.ceil(len(data.X_train) / key[2])),
        }
    return dict(_RESULTS[key])


def run_seeds(hidden=128, learning_rate=0.1, batch_size=32):
    """``run_experiment`` for every seed of ``SEEDS``: a list of result dicts."""
    return [run_experiment(hidden, learning_rate, batch_size, seed) for seed in SEEDS]


def _describe(results, hidden):
    """ "0.967 (3 of 128 neurons dead), ..." for the seeds' results."""
    parts = []
    for r in results:
        if r["diverged"]:
            parts.append("diverged")
        else:
            noun = "neuron" if hidden == 1 else "neurons"
            parts.append(f"{r['accuracy']:.3f} ({r['dead']} of {hidden} {noun} dead)")
    return ", ".join(parts)


def _compare(title, setting, prediction, results, hidden, explanation):
    """The common verdict: did the prediction match what the seeds gave?"""
    letter = as_letter(prediction, "ABC")
    letters = [r["grade"] for r in results]
    outcome = sorted(set(letters))
    seeds = ", ".join(map(str, SEEDS))
    messages = [
        f"With {setting}, validation accuracy after {EPOCHS} epochs, seeds {seeds}: "
        f"{_describe(results, hidden)} → {', '.join(letters)}.",
    ]
    if len(outcome) > 1:
        messages.append(
            f"The outcome is noisy: it depends on the random start, so {' and '.join(outcome)} "
            "both count as right."
        )
    baseline = run_seeds(**BASELINE)
    baseline_accuracies = ", ".join(f"{r['accuracy']:.3f}" for r in baseline)
    messages.append(
        f"For comparison, the baseline (128 neurons, η = 0.1, batch 32) reaches "
        f"{baseline_accuracies} in the same {EPOCHS} epochs "
        f"({results[0]['updates']} weight updates with your setting, "
        f"{baseline[0]['updates']} with the baseline's)."
    )
    if letter in outcome:
        return Feedback(title, True, [f"You predicted {letter}: right!"] + messages + [explanation])
    return Feedback(
        title,
        False,
        [f"You predicted {letter}, but the outcome is {' or '.join(outcome)}."] + messages,
        hint=explanation + " Try another value and predict again.",
    )


def _unanswered(title, knob, prediction, knob_name):
    """Feedback for a missing knob or prediction, or for a prediction that is not a letter."""
    if unfinished(knob) and unfinished(prediction):
        return not_yet_answered(title, f"your {knob_name} and your prediction ('A', 'B' or 'C')")
    if unfinished(knob):
        return not_yet_answered(title, f"your {knob_name}")
    if unfinished(prediction):
        return not_yet_answered(title, "your prediction ('A', 'B' or 'C'), made before you look")
    if as_letter(prediction, "ABC") is None:
        return letter_feedback(title, "ABC")
    return None


def _whole_number(value, low, high):
    """``value`` as an int in [low, high] (a whole-number float or string counts), or None."""
    number = as_number(value)
    if number is None or not number.is_integer() or not low <= number <= high:
        return None
    return int(number)


def _number_in(value, low, high):
    """``value`` as a float in [low, high], or None."""
    number = as_number(value)
    return number if number is not None and low <= number <= high else None


#: Per exercise: what the knob is called, what a usable value is, and an example.
KNOBS = {
    "width": (
        "number of hidden neurons",
        "width should be a whole number from 1 to 512",
        "For example width = 4.",
    ),
    "learning_rate": (
        "learning rate η",
        "learning rate should be a number from 0.00001 to 100",
        "For example learning_rate = 0.001.",
    ),
    "batch_size": (
        "batch size",
        "batch size should be a whole number from 1 to 1077",
        "For example batch_size = 1077 (the whole training set: plain gradient descent).",
    ),
}


def _read_knob(title, kind, knob, prediction, value):
    """(value, None) for a usable answer, else (None, the feedback): unfinished, or ``value``
    (the knob as read, None if unusable) is None. ``kind`` is a key of ``KNOBS``."""
    name, expected, example = KNOBS[kind]
    problem = _unanswered(title, knob, prediction, name)
    if problem is None and value is None:
        problem = Feedback(title, False, [f"The {expected}, got {knob!r}."], example)
    return (None, problem) if problem is not None else (value, None)


@never_raise("Predict: the width of the hidden layer")
def check_hidden_width(width, prediction):
    """Exercise 1: train [64, width, 10] (1 ≤ width ≤ 512) and compare with the prediction."""
    title = "Predict: the width of the hidden layer"
    hidden, problem = _read_knob(title, "width", width, prediction, _whole_number(width, 1, 512))
    if problem is not None:
        return problem
    results = run_seeds(hidden=hidden)
    if hidden >= 32:
        why = (
            f"{hidden} hidden neurons are plenty for 8×8 digits: from 32 neurons up, every seed "
            "reaches 0.95 in 10 epochs (and one hidden layer is enough, as the slides say)."
        )
    elif hidden >= 12:
        why = (
            f"With {hidden} hidden neurons the network ends close to 0.95: whether a seed lands "
            "just above or just below depends on its random start."
        )
    else:
        why = (
            f"With only {hidden} hidden neuron{'s' if hidden > 1 else ''} the outcome depends "
            "strongly on the random start. ReLU neurons can die during training (output 0 for "
            "every image, counted above), and in so narrow a layer every dead neuron is a large "
            "share of it. Few numbers are not too few in principle: the output layer could cut "
            "even the plane of two neurons' outputs into ten regions; but 10 epochs from a "
            "random start do not find such an arrangement."
        )
    setting = f"{hidden} hidden neuron{'s' if hidden != 1 else ''}"
    return _compare(title, setting, prediction, results, hidden, why)


@never_raise("Predict: the learning rate")
def check_learning_rate(learning_rate, prediction):
    """Exercise 2: train with learning rate η (1e-5 ≤ η ≤ 100) and compare with the prediction."""
    title = "Predict: the learning rate"
    eta = _number_in(learning_rate, 1e-5, 100.0)
    eta, problem = _read_knob(title, "learning_rate", learning_rate, prediction, eta)
    if problem is not None:
        return problem
    results = run_seeds(learning_rate=eta)
    if eta < 0.001:
        why = (
            f"η = {eta:g} makes every step tiny: in the 340 updates of 10 epochs the network "
            "gets only a little way down the loss landscape."
        )
    elif eta < 0.1:
        why = (
            f"η = {eta:g} is smaller than the baseline's 0.1: every step is smaller, so in the "
            "same 340 updates the network gets less far down the loss landscape."
        )
    elif eta <= 0.2:
        near = "the baseline's 0.1" if eta == 0.1 else "close to the baseline's 0.1"
        why = f"η = {eta:g} is {near}, which was chosen on the validation set."
    else:
        all_dead = any(r["dead"] == BASELINE["hidden"] for r in results)
        why = (
            f"η = {eta:g} is larger than the baseline's 0.1. Large steps throw the weights around, "
            "and ReLU neurons can end with a negative weighted input for every image: they die "
            "(counted above; their slope is 0, so no gradient brings them back). "
            + (
                "With all of them dead the output is the same for every image: chance, 0.1. "
                if all_dead
                else "The more of them die, the less the network can still learn. "
            )
            + "The slides: the learning rate is set by trial and error."
        )
    return _compare(title, f"η = {eta:g}", prediction, results, BASELINE["hidden"], why)


@never_raise("Predict: the batch size")
def check_batch_size(batch_size, prediction):
    """Exercise 3: train with a batch size from 1 to 1077 and compare with the prediction."""
    title = "Predict: the batch size"
    size = _whole_number(batch_size, 1, 1077)
    size, problem = _read_knob(title, "batch_size", batch_size, prediction, size)
    if problem is not None:
        return problem
    results = run_seeds(batch_size=size)
    per_epoch = results[0]["updates"] // EPOCHS
    if size < 16:
        why = (
            f"Batch size {size} means {per_epoch} updates per epoch instead of 34, each a step "
            f"of the same η computed from only {size} sample{'s' if size > 1 else ''}: far more "
            "movement, in noisier directions, and the smaller the batch, the more ReLU neurons "
            "die (counted above). A smaller batch needs a smaller learning rate."
        )
    elif size <= 64:
        why = f"Batch size {size} is {'' if size == 32 else 'close to '}the baseline's 32."
    else:
        why = (
            f"Batch size {size} gives fewer updates per epoch ({per_epoch} instead of 34): "
            "smoother gradients, but fewer steps in the same number of epochs. Plain gradient "
            "descent (batch = all 1077 samples) takes only one step per epoch."
        )
    return _compare(title, f"batch size {size}", prediction, results, BASELINE["hidden"], why)
