"""Checkers for notebook 06, stochastic gradient descent.

An epoch is one pass over all n samples in a shuffled order, cut into mini-batches of B
samples: ⌈n / B⌉ updates, the last batch smaller when B does not divide n.
"""

import numpy as np

from . import Feedback, call_safely, not_yet_answered, unfinished

# --------------------------------------------------------------------------------- exercise 1
_EPOCH_CASES = [(40, 40), (40, 1), (200, 32), (1347, 32), (100, 10), (5, 8)]


def updates_per_epoch(n, batch_size):
    """The reference answer: ⌈n / B⌉ (the last batch may be smaller)."""
    return -(-n // batch_size)


def check_updates_per_epoch(function):
    """Exercise 1: ``function(n, batch_size)`` returns the number of updates in one epoch.

    Tried on full batches, pure SGD, sizes that divide n and sizes that do not (where the
    usual slip, n // B, forgets the last, smaller batch).
    """
    title = "Updates in one epoch"
    if unfinished(function):
        return not_yet_answered(title, "your function")
    right = []
    for n, batch_size in _EPOCH_CASES:
        result, problem = call_safely(title, function, n, batch_size)
        if problem is not None:
            return problem
        expected = updates_per_epoch(n, batch_size)
        try:
            ok = float(result) == expected
        except (TypeError, ValueError):
            return Feedback(title, False, [f"Return a number, got {type(result).__name__}."])
        if not ok:
            messages = right + [
                f"For n = {n} samples and batch size B = {batch_size} you said {result}, "
                f"but an epoch takes {expected} updates."
            ]
            if result == n // batch_size:
                hint = (
                    f"{n} / {batch_size} is not a whole number: the last batch holds the "
                    f"{n % batch_size} samples that are left over, and it counts too "
                    "(round up: math.ceil)."
                )
            elif result == batch_size // max(n, 1) or result == n * batch_size:
                hint = "One update per batch, and an epoch needs n / B batches (rounded up)."
            else:
                hint = (
                    "Count the batches: n samples, B samples per batch, "
                    "the last one may be smaller."
                )
            return Feedback(title, False, messages, hint=hint)
        right.append(f"n = {n}, B = {batch_size}: {expected} updates ✓")
    return Feedback(title, True, right)


# --------------------------------------------------------------------------------- exercise 2
def mini_batches(order, batch_size):
    """The reference answer: consecutive slices of ``order``, ``batch_size`` indices each."""
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def check_mini_batches(function):
    """Exercise 2: ``function(order, batch_size)`` cuts a shuffled order of sample indices into
    mini-batches: a list of index arrays, in order, each of ``batch_size`` indices except maybe
    the last, together every index exactly once."""
    title = "Cutting an epoch into mini-batches"
    if unfinished(function):
        return not_yet_answered(title, "your function")
    rng = np.random.default_rng(7)
    for n, batch_size in ((10, 3), (12, 4), (7, 7), (5, 1), (6, 10)):
        order = rng.permutation(n)
        result, problem = call_safely(title, function, order.copy(), batch_size)
        if problem is not None:
            return problem
        case = f"order = {order.tolist()}, B = {batch_size}"
        if isinstance(result, (list, tuple)) and any(unfinished(batch) for batch in result):
            return not_yet_answered(title, "the slice of `order` that makes this batch")
        try:
            batches = [np.asarray(batch).astype(int).ravel() for batch in result]
        except (TypeError, ValueError):
            return Feedback(
                title,
                False,
                [f"Return a list of index arrays, got {type(result).__name__}."],
            )
        expected = mini_batches(order, batch_size)
        sizes = [len(batch) for batch in batches]
        joined = np.concatenate(batches) if batches else np.array([], dtype=int)
        if len(joined) < n:
            missing = sorted(set(order.tolist()) - set(joined.tolist()))
            return Feedback(
                title,
                False,
                [f"For {case} the samples {missing} are in no batch (sizes {sizes})."],
                hint="Let `start` run over range(0, n, B), so the last, smaller batch is "
                "included: order[start : start + B].",
            )
        if len(joined) > n:
            return Feedback(
                title,
                False,
                [f"For {case} some samples are in two batches (sizes {sizes})."],
                hint="Batches must not overlap: the next batch starts where the last one ended, "
                "order[start : start + B] with start = 0, B, 2B, ...",
            )
        if not np.array_equal(joined, order):
            return Feedback(
                title,
                False,
                [f"For {case} your batches do not follow the shuffled order."],
                hint="Slice the shuffled `order`, not np.arange(n): the shuffle is the point.",
            )
        if sizes != [len(batch) for batch in expected]:
            return Feedback(
                title,
                False,
                [
                    f"For {case} your batch sizes are {sizes}, expected "
                    f"{[len(batch) for batch in expected]}."
                ],
                hint="Every batch holds B samples, except the last one, which takes the rest.",
            )
    return Feedback(
        title,
        True,
        [
            "Every sample is in exactly one batch, in the shuffled order.",
            "Every batch has B samples, except the last, which takes the rest.",
        ],
    )


# --------------------------------------------------------------------------------- exercise 3
#: Which batch size drew which curve in the notebook's "guess the curve" figure.
CURVE_ANSWER = {"A": 1, "B": "n", "C": 32}


def check_curve_guess(answer):
    """Exercise 3: which curve (A, B, C) of the figure was trained with which batch size?

    ``answer`` is a dict like {"A": 32, "B": 1, "C": "n"} ("n" means the full batch, plain
    gradient descent).
    """
    title = "Which curve is which?"
    if unfinished(answer):
        return not_yet_answered(title, 'a dict such as {"A": 32, "B": 1, "C": "n"}')
    if not isinstance(answer, dict) or any(unfinished(v) for v in answer.values()):
        return not_yet_answered(title, 'a batch size (1, 32 or "n") for each curve')
    given = {str(k).upper(): v for k, v in answer.items()}
    if set(given) != set(CURVE_ANSWER):
        return Feedback(
            title, False, ['Give one batch size for each of the curves "A", "B" and "C".']
        )

    def normal(v):
        if isinstance(v, str):
            v = v.strip().lower()
            if v.isdigit():
                return int(v)
            return "n" if v in ("n", "all", "full", "full batch") else v
        try:
            return int(v)
        except (TypeError, ValueError):
            return v

    given = {k: normal(v) for k, v in given.items()}
    if sorted(map(str, given.values())) != sorted(map(str, CURVE_ANSWER.values())):
        return Feedback(
            title,
            False,
            ['Use each batch size once: 1 (pure SGD), 32 (mini-batch) and "n" (full batch).'],
        )
    reasons = {
        1: "pure SGD makes n updates per epoch, so it drops fastest per epoch, but it is the "
        "noisiest (one sample is a rough guess of the gradient)",
        32: "mini-batches make ⌈n/32⌉ updates per epoch: fast and fairly smooth",
        "n": "the full batch makes only one update per epoch: perfectly smooth but slow per epoch",
    }
    right = [k for k in "ABC" if given[k] == CURVE_ANSWER[k]]
    wrong = [k for k in "ABC" if given[k] != CURVE_ANSWER[k]]
    if not wrong:
        return Feedback(
            title,
            True,
            [f"Curve {k}: B = {CURVE_ANSWER[k]}: {reasons[CURVE_ANSWER[k]]}." for k in "ABC"],
        )
    messages = [f"Curve {k} is right." for k in right]
    messages.append(f"Curve{'s' if len(wrong) > 1 else ''} {', '.join(wrong)}: not yet.")
    return Feedback(
        title,
        False,
        messages,
        hint="Count updates per epoch (more updates: faster fall per epoch) and think about "
        "how noisy a gradient from 1, 32 or all samples is.",
    )
