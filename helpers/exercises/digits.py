"""Checkers for notebook 08, "Neural networks: Digits".

Each exercise changes one knob of the digits network, asks the student to predict what will happen
*before* running, then trains a small run and compares the outcome with the prediction. Every
prediction uses the same three letters, for the validation accuracy after a short training run
(``EPOCHS`` epochs on the plain training split of ``load_digits_split(validation_size=0.2)``,
ReLU hidden layer, momentum 0.9, seed 0; all other settings as in the notebook):

    "A"  0.95 or more: as good as the notebook's network
    "B"  from 0.5 up to 0.95: it learns something, but clearly less
    "C"  below 0.5 (or the training diverges): it hardly learns at all (chance is 0.1)

Each run takes well under a second. Every checker returns a
:class:`helpers.exercises.Feedback` and never raises.
"""

import time

import numpy as np

from ..data import load_digits_split
from ..network import Network, TrainingDiverged
from . import Feedback, never_raise, not_yet_answered, unfinished

#: The baseline the exercises change one knob of.
BASELINE = {"hidden": 128, "learning_rate": 0.1, "batch_size": 32}
#: Short runs: the exercises compare settings, they do not chase the best accuracy.
EPOCHS = 10
MOMENTUM = 0.9
WEIGHT_DECAY = 1e-4
#: What the three letters mean.
CHOICES = {
    "A": "0.95 or more (as good as the notebook's network)",
    "B": "from 0.5 up to 0.95 (learns something, but clearly less)",
    "C": "below 0.5 (hardly learns at all; chance is 0.1)",
}

_RESULTS = {}  # (hidden, learning_rate, batch_size) -> result dict; runs are deterministic


def grade(accuracy):
    """The letter for a validation accuracy: "A" (≥ 0.95), "B" (≥ 0.5) or "C"."""
    if accuracy is None or not np.isfinite(accuracy) or accuracy < 0.5:
        return "C"
    return "A" if accuracy >= 0.95 else "B"


def run_experiment(hidden=128, learning_rate=0.1, batch_size=32):
    """Train the exercises' network once and return what happened.

    Returns a dict with ``accuracy`` (validation accuracy, None if the training diverged),
    ``grade`` ("A", "B" or "C"), ``diverged``, ``updates`` (weight updates in the whole run),
    ``loss`` (the last training loss, None if diverged) and ``seconds``.
    """
    key = (int(hidden), float(learning_rate), int(batch_size))
    if key in _RESULTS:
        return dict(_RESULTS[key])
    data = load_digits_split(validation_size=0.2)
    n = len(data.X_train)
    net = Network([64, key[0], 10], hidden_activation="relu", seed=0)
    started = time.perf_counter()
    diverged = False
    try:
        history = net.fit(
            data.X_train,
            data.y_train,
            epochs=EPOCHS,
            batch_size=key[2],
            learning_rate=key[1],
            momentum=MOMENTUM,
            weight_decay=WEIGHT_DECAY,
        )
        accuracy = net.accuracy(data.X_val, data.y_val)
        loss = history["loss"][-1]
        if not np.isfinite(accuracy) or not np.isfinite(loss):
            diverged, accuracy, loss = True, None, None
    except TrainingDiverged:
        diverged, accuracy, loss = True, None, None
    result = {
        "accuracy": accuracy,
        "grade": grade(accuracy),
        "diverged": diverged,
        "updates": EPOCHS * int(np.ceil(n / key[2])),
        "loss": loss,
        "seconds": time.perf_counter() - started,
    }
    _RESULTS[key] = result
    return dict(result)


def _letter(prediction):
    """The prediction as "A", "B" or "C", or None if it is not one of them."""
    if isinstance(prediction, str) and prediction.strip().upper() in CHOICES:
        return prediction.strip().upper()
    return None


def _whole_number(value, low, high):
    """``value`` as an int in [low, high], or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        number = int(value)
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        number = int(value)
    else:
        return None
    return number if low <= number <= high else None


def _positive_number(value, low, high):
    """``value`` as a float in [low, high], or None."""
    if isinstance(value, (bool, str, bytes)) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) and low <= number <= high else None


def _compare(title, setting, prediction, result, explanation):
    """The common verdict: did the prediction match what happened?"""
    letter = _letter(prediction)
    baseline = run_experiment(**BASELINE)
    if result["diverged"]:
        happened = "the training diverged (the loss became NaN or infinite)"
    else:
        happened = f"validation accuracy {result['accuracy']:.3f}"
    messages = [
        f"With {setting}: {happened} → {result['grade']}: {CHOICES[result['grade']]}.",
        f"For comparison, the baseline (128 neurons, η = 0.1, batch 32) reaches "
        f"{baseline['accuracy']:.3f} in the same {EPOCHS} epochs "
        f"({result['updates']} weight updates with your setting, {baseline['updates']} with "
        "the baseline's).",
    ]
    if letter == result["grade"]:
        return Feedback(title, True, [f"You predicted {letter}: right!"] + messages + [explanation])
    return Feedback(
        title,
        False,
        [f"You predicted {letter}, but the outcome is {result['grade']}."] + messages,
        hint=explanation + " Try another value and predict again.",
    )


def _unanswered(title, knob, prediction, knob_name):
    if unfinished(knob) and unfinished(prediction):
        return not_yet_answered(title, f"your {knob_name} and your prediction ('A', 'B' or 'C')")
    if unfinished(knob):
        return not_yet_answered(title, f"your {knob_name}")
    if unfinished(prediction):
        return not_yet_answered(title, "your prediction ('A', 'B' or 'C'), made before you look")
    if _letter(prediction) is None:
        return Feedback(
            title,
            False,
            [f"Your prediction should be 'A', 'B' or 'C', got {prediction!r}."],
            "A: ≥ 0.95, B: 0.5 to 0.95, C: below 0.5.",
        )
    return None


@never_raise("Predict: the width of the hidden layer")
def check_hidden_width(width, prediction):
    """Exercise 1: train [64, width, 10] (1 ≤ width ≤ 512) and compare with the prediction."""
    title = "Predict: the width of the hidden layer"
    problem = _unanswered(title, width, prediction, "number of hidden neurons")
    if problem is not None:
        return problem
    hidden = _whole_number(width, 1, 512)
    if hidden is None:
        return Feedback(
            title,
            False,
            [f"The width should be a whole number from 1 to 512, got {width!r}."],
            "For example width = 4.",
        )
    result = run_experiment(hidden=hidden)
    if hidden <= 2:
        why = (
            f"{hidden} hidden neuron{'s' if hidden > 1 else ''} must squeeze 64 pixels into "
            f"{hidden} number{'s' if hidden > 1 else ''}: far too little to tell ten digits apart."
        )
    elif hidden < 16:
        why = f"{hidden} hidden neurons are a bottleneck: enough for some digits, not for all ten."
    else:
        why = (
            f"{hidden} hidden neurons are plenty for 8×8 digits: the network is surprisingly "
            "tolerant to its width once it is wide enough (and one hidden layer is enough, as the "
            "slides say)."
        )
    return _compare(title, f"{hidden} hidden neurons", prediction, result, why)


@never_raise("Predict: the learning rate")
def check_learning_rate(learning_rate, prediction):
    """Exercise 2: train with learning rate η (1e-5 ≤ η ≤ 100) and compare with the prediction."""
    title = "Predict: the learning rate"
    problem = _unanswered(title, learning_rate, prediction, "learning rate η")
    if problem is not None:
        return problem
    eta = _positive_number(learning_rate, 1e-5, 100.0)
    if eta is None:
        return Feedback(
            title,
            False,
            [f"The learning rate should be a number from 0.00001 to 100, got {learning_rate!r}."],
            "For example learning_rate = 0.001.",
        )
    result = run_experiment(learning_rate=eta)
    if eta < 0.1:
        why = (
            f"η = {eta:g} is smaller than the baseline's 0.1: every step is smaller, so in the "
            "same number of steps the network gets less far down the loss landscape."
        )
    elif eta <= 0.2:
        why = f"η = {eta:g} is close to the baseline's 0.1, which was chosen on the validation set."
    else:
        why = (
            f"η = {eta:g} is larger than the baseline's 0.1: the steps overshoot the valley and "
            "bounce around (with ReLU, neurons can also 'die', stuck at 0) instead of settling in. "
            "Remember the slides: the learning rate is set by trial and error."
        )
    return _compare(title, f"η = {eta:g}", prediction, result, why)


@never_raise("Predict: the batch size")
def check_batch_size(batch_size, prediction):
    """Exercise 3: train with a batch size from 1 to 1077 and compare with the prediction."""
    title = "Predict: the batch size"
    problem = _unanswered(title, batch_size, prediction, "batch size")
    if problem is not None:
        return problem
    size = _whole_number(batch_size, 1, 1077)
    if size is None:
        return Feedback(
            title,
            False,
            [f"The batch size should be a whole number from 1 to 1077, got {batch_size!r}."],
            "For example batch_size = 1077 (the whole training set: plain gradient descent).",
        )
    result = run_experiment(batch_size=size)
    if size < 32:
        why = (
            f"Batch size {size} means many more updates per epoch, each from a noisier gradient, "
            "with the same η (and momentum): the steps add up to far too much movement. A smaller "
            "batch needs a smaller learning rate."
        )
    elif size <= 64:
        why = f"Batch size {size} is close to the baseline's 32."
    else:
        why = (
            f"Batch size {size} gives fewer updates per epoch ({result['updates'] // EPOCHS} "
            "instead of 34): smoother gradients, but fewer steps in the same number of epochs. "
            "Plain gradient descent (batch = all 1077 samples) takes only one step per epoch."
        )
    return _compare(title, f"batch size {size}", prediction, result, why)
