"""Checkers for notebook 06, stochastic gradient descent.

An epoch is one pass over all n samples in a shuffled order, cut into mini-batches of B
samples: ⌈n / B⌉ updates, the last batch smaller when B does not divide n. The learning-rate
exercise runs pure SGD (B = 1) on the sigmoid neuron of notebooks 05 and 06.
"""

import numpy as np

from ..data import make_neuron_data
from . import (
    Feedback,
    as_number,
    call_safely,
    never_raise,
    not_yet_answered,
    read_learning_rate,
    unfinished,
)
from .gradient_descent import START, neuron_gradient

# --------------------------------------------------------------------------------- exercise 1
_EPOCH_CASES = [(40, 40), (40, 1), (200, 32), (1347, 32), (100, 10), (5, 8)]


def updates_per_epoch(n, batch_size):
    """The reference answer: ⌈n / B⌉ (the last batch may be smaller)."""
    return -(-n // batch_size)


def _epoch_hint(result, n, batch_size):
    if result == n // batch_size:
        return (
            f"{n} / {batch_size} is not a whole number: the last batch holds the "
            f"{n % batch_size} samples that are left over, and it counts too (round up: math.ceil)."
        )
    if result in (batch_size // max(n, 1), n * batch_size):
        return "One update per batch, and an epoch needs n / B batches (rounded up)."
    return "Count the batches: n samples, B samples per batch, the last one may be smaller."


@never_raise("Updates in one epoch")
def check_updates_per_epoch(function):
    """Exercise 1: ``function(n, batch_size)`` returns the number of updates in one epoch.

    Tried on full batches, pure SGD, sizes that divide n and sizes that do not (where the
    usual slip, n // B, forgets the last, smaller batch). A number in a string ("7") counts, as
    in every checker (``as_number``).
    """
    title = "Updates in one epoch"
    if unfinished(function):
        return not_yet_answered(title, "your function")
    right = []
    for n, batch_size in _EPOCH_CASES:
        result, problem = call_safely(title, function, n, batch_size)
        if problem is not None:
            problem.messages = [
                f"Called with n = {n}, batch_size = {batch_size}:"
            ] + problem.messages
            return problem
        number = as_number(result)
        if number is None:
            return Feedback(
                title,
                False,
                [
                    f"For n = {n}, batch_size = {batch_size} your function returned "
                    f"{type(result).__name__} {result!r:.40}: return one (finite) number."
                ],
            )
        expected = updates_per_epoch(n, batch_size)
        if number != expected:
            said = f"{number:g}" if number != int(number) else f"{int(number)}"
            messages = right + [
                f"For n = {n} samples and batch size B = {batch_size} you said {said}, "
                f"but an epoch takes {expected} update{'s' if expected != 1 else ''}."
            ]
            if number != int(number):
                hint = "The number of updates is a whole number: a batch is taken or it is not."
            else:
                hint = _epoch_hint(int(number), n, batch_size)
            return Feedback(title, False, messages, hint=hint)
        right.append(
            f"n = {n}, B = {batch_size}: {expected} update{'s' if expected != 1 else ''} ✓"
        )
    return Feedback(title, True, right)


# --------------------------------------------------------------------------------- exercise 2
#: Which batch size drew which curve in the notebook's "guess the curve" figure ("n": full batch).
CURVE_ANSWER = {"A": 1, "B": "n", "C": 32}


def mystery_curves(results, epochs=15):
    """The three unlabelled curves of exercise 2, from the race of the notebook.

    ``results`` maps each batch size (the largest one is the full batch) to a dict with the
    arrays "epochs" and "loss". Returns {"A": (epochs, loss), "B": ..., "C": ...}, the first
    ``epochs`` + 1 points of each, in the order of ``CURVE_ANSWER`` (kept here, out of sight).
    """
    full = max(results)
    curves = {}
    for name, size in CURVE_ANSWER.items():
        run = results[full if size == "n" else size]
        curves[name] = (run["epochs"][: epochs + 1], run["loss"][: epochs + 1])
    return curves


#: What a student may write for each batch size (after lower-casing, "-" and "_" as spaces).
_BATCH_WORDS = {
    "n": (
        "n",
        "all",
        "full",
        "full batch",
        "full batch gd",
        "full batch gradient descent",
        "gradient descent",
        "plain gradient descent",
        "batch gradient descent",
    ),
    1: ("pure", "pure sgd", "pure stochastic gradient descent", "single sample"),
    32: ("mini", "mini batch", "minibatch", "mini batch sgd", "minibatch sgd"),
}


def _batch_size(value):
    """1, 32 or "n" from a student's entry, or None if it is none of them.

    Numbers in strings count; 200 (the full batch of step 5's table) means "n"; the names of the
    three runs count too: "full-batch", "full batch", "pure SGD", "mini-batch" and the like.
    """
    if isinstance(value, str):
        words = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
        for size, names in _BATCH_WORDS.items():
            if words in names:
                return size
    number = as_number(value)
    if number == 200.0:
        return "n"
    return int(number) if number in (1.0, 32.0) else None


_REASONS = {
    1: "pure SGD makes n updates per epoch, so it drops fastest per epoch, but it is the "
    "noisiest (one sample is a rough guess of the gradient)",
    32: "mini-batches make ⌈n/32⌉ updates per epoch: fast and fairly smooth",
    "n": "the full batch makes only one update per epoch: perfectly smooth but slow per epoch",
}


@never_raise("Which curve is which?")
def check_curve_guess(curve_batch_sizes):
    """Exercise 2: which curve (A, B, C) of the figure was trained with which batch size?

    ``curve_batch_sizes`` is a dict like {"A": 32, "B": 1, "C": "n"} ("n" means the full batch,
    plain gradient descent).
    """
    title = "Which curve is which?"
    example = 'a dict such as {"A": 32, "B": 1, "C": "n"}'
    if unfinished(curve_batch_sizes):
        return not_yet_answered(title, example)
    if not isinstance(curve_batch_sizes, dict):
        return Feedback(title, False, [f"Give {example}."])
    if any(unfinished(v) for v in curve_batch_sizes.values()):
        return not_yet_answered(title, 'a batch size (1, 32 or "n") for each curve')
    given = {str(k).strip().upper(): v for k, v in curve_batch_sizes.items()}
    if set(given) != set(CURVE_ANSWER):
        return Feedback(
            title, False, ['Give one batch size for each of the curves "A", "B" and "C".']
        )
    unreadable = [f"{k} = {v!r:.30}" for k, v in sorted(given.items()) if _batch_size(v) is None]
    if unreadable:
        return Feedback(
            title,
            False,
            [f"I cannot read {', '.join(unreadable)} as a batch size."],
            hint='Write 1 (or "pure SGD"), 32 (or "mini-batch") or "n" (or "full batch").',
        )
    given = {k: _batch_size(v) for k, v in given.items()}
    if sorted(map(str, given.values())) != sorted(map(str, CURVE_ANSWER.values())):
        return Feedback(
            title,
            False,
            ['Use each batch size once: 1 (pure SGD), 32 (mini-batch) and "n" (full batch).'],
        )
    wrong = [k for k in "ABC" if given[k] != CURVE_ANSWER[k]]
    if not wrong:
        return Feedback(
            title,
            True,
            [f"Curve {k}: B = {CURVE_ANSWER[k]}: {_REASONS[CURVE_ANSWER[k]]}." for k in "ABC"],
        )
    messages = [f"Curve {k} is right." for k in "ABC" if k not in wrong]
    messages.append(f"Curve{'s' if len(wrong) > 1 else ''} {', '.join(wrong)}: not yet.")
    return Feedback(
        title,
        False,
        messages,
        hint="Count updates per epoch (more updates: faster fall per epoch) and think about "
        "how noisy a gradient from 1, 32 or all samples is.",
    )


# --------------------------------------------------------------------------------- exercise 3
#: Pure SGD "settles" if, over its last LAST_EPOCHS of EPOCHS epochs, it stays on average within
#: SETTLED of the bottom of the neuron's loss landscape.
EPOCHS, LAST_EPOCHS, SETTLED = 20, 5, 0.2


def neuron_bottom():
    """The lowest point (w, b) of the neuron's loss: full-batch gradient descent, η = 4."""
    x, y = make_neuron_data()
    beta = START.copy()
    for _ in range(200):
        beta = beta - 4.0 * neuron_gradient(beta, x, y)
    return beta


def pure_sgd(eta, epochs=EPOCHS, seed=0):
    """Pure SGD (B = 1) on the neuron from START, as the notebook's ``sgd`` loop does it: a new
    shuffled order each epoch from ``np.random.default_rng(seed)``. Returns the path (steps+1, 2).
    """
    x, y = make_neuron_data()
    rng = np.random.default_rng(seed)
    beta, path = START.copy(), [START.copy()]
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            for i in rng.permutation(len(x)):
                beta = beta - eta * neuron_gradient(beta, x[i : i + 1], y[i : i + 1])
                path.append(beta)
    return np.array(path)


def start_distance():
    """How far the start (−2, 3) is from the bottom of the neuron's loss (about 4.1)."""
    return float(np.linalg.norm(START - neuron_bottom()))


def describe_pure_sgd(eta, seed=0):
    """What pure SGD with learning rate ``eta`` does in EPOCHS epochs, judged by its distance
    from the bottom.

    Returns (verdict, mean distance from the bottom over the last LAST_EPOCHS epochs). The
    verdict is "settles" (that distance < SETTLED), "approaches" (still getting closer: the
    distance shrank by more than 3 times its own wobble over the last 10 epochs), "roams" (it
    wobbles around the bottom, too far away on average, but closer than where it started) or
    "runs away" (on average farther from the bottom than the start, or the numbers overflow).
    """
    path = pure_sgd(eta, seed=seed)
    if not np.all(np.isfinite(path)):
        return "runs away", float("inf")
    n = len(make_neuron_data()[0])
    distance = np.linalg.norm(path - neuron_bottom(), axis=1)
    last = distance[-LAST_EPOCHS * n :]
    earlier = distance[-3 * LAST_EPOCHS * n : -2 * LAST_EPOCHS * n]
    mean = float(last.mean())
    if mean < SETTLED:
        return "settles", mean
    if mean > start_distance():
        return "runs away", mean
    if earlier.mean() - mean > 3 * last.std():
        return "approaches", mean
    return "roams", mean


def _distance(value):
    """A distance as a person writes it: 0.07, 11.58, 2,435,732, 2.4e+100."""
    if value < 100:
        return f"{value:.2f}"
    return f"{value:,.0f}" if value < 1e9 else f"{value:.1e}"


@never_raise("A learning rate at which pure SGD settles")
def check_settling_rate(eta):
    """Exercise 3: a learning rate at which pure SGD (B = 1) on the neuron settles: over the last
    5 of 20 epochs it stays, on average, within 0.2 of the bottom. The checker runs it and says,
    from the distance, whether the path settles, is still on its way, roams around the bottom or
    runs away from it."""
    title = "A learning rate at which pure SGD settles"
    number, problem = read_learning_rate(title, eta)
    if problem is not None:
        return problem
    verdict, mean = describe_pure_sgd(number)
    where = (
        f"over the last {LAST_EPOCHS} of {EPOCHS} epochs it is on average {_distance(mean)} "
        "from the bottom"
    )
    if verdict == "settles":
        return Feedback(
            title,
            True,
            [
                f"With η = {number:g} pure SGD settles: {where} (less than {SETTLED}).",
                "It never stops moving (every sample pulls its own way), but with a small η "
                "each pull is small, so it stays close.",
            ],
        )
    if verdict == "runs away":
        if np.isfinite(mean):
            message = (
                f"the path runs away: {where}, farther than the start "
                f"({_distance(start_distance())} away)."
            )
        else:
            message = "the numbers overflow: the path runs away."
        hint = "Far too large: every step throws the path farther. Divide η by 10, or more."
    elif verdict == "approaches":
        message = f"it is still on its way down: {where} and still getting closer."
        hint = "Too small: each step is so short that 20 epochs are not enough. Try a larger η."
    else:
        message = f"it roams around the bottom instead of settling: {where}."
        hint = (
            "Too large: every single sample pulls the path by η times its own gradient. "
            "Try a smaller η."
        )
    return Feedback(title, False, [f"With η = {number:g} {message}"], hint=hint)
