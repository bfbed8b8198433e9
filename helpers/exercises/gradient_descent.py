"""Checkers for notebook 05, gradient descent.

The exercises use the notebook's model: one sigmoid neuron a = σ(w x + b) with the cross-entropy
loss on the small 1-D data set of two classes (``helpers.make_neuron_data()``), so the learning-rate
exercise runs on exactly the landscape the student has seen.
"""

import numpy as np

from ..data import make_neuron_data
from ..neuron import neuron_gradient, neuron_loss
from . import (
    Feedback,
    as_array,
    as_number,
    call_safely,
    is_close,
    never_raise,
    not_yet_answered,
    read_learning_rate,
    unfinished,
)

#: The start of every path in notebook 05: (w, b) = (−2, 3), a neuron that is badly wrong.
START = np.array([-2.0, 3.0])


def _shown(values):
    """A short, readable form of a student's number or array for a message."""
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        name = type(values).__name__
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    shown = str(np.round(array, 4).tolist())
    if not np.isfinite(array).all():
        shown += " (NaN or inf: the path ran away, or a 0/0)"
    return shown


# --------------------------------------------------------------------------------- exercise 1
#: The three small steps Δβ of the "predict the sign of ΔL" exercise, all from START.
SIGN_STEPS = {
    "A": ("Δβ = +0.01 ∇L (a gradient-descent step with its sign flipped)", None),
    "B": ("Δβ = (0, +0.1): only b grows a little", np.array([0.0, 0.1])),
    "C": ("Δβ = (+0.1, +0.5): w grows a little, b five times as much", np.array([0.1, 0.5])),
}


def loss_change(name):
    """ΔL = L(START + Δβ) − L(START) and the first-order estimate ∇L·Δβ for step ``name``."""
    x, y = make_neuron_data()
    grad = neuron_gradient(START, x, y)
    step = SIGN_STEPS[name][1]
    step = 0.01 * grad if step is None else step
    change = neuron_loss(START + step, x, y) - neuron_loss(START, x, y)
    return change, float(grad @ step)


def _as_sign(value):
    """−1 or +1 from a number (or a string holding one, "−1" with a typographic minus too),
    else None."""
    if isinstance(value, str):
        value = value.replace("\u2212", "-")  # "−1" copied from the text
    number = as_number(value)
    return int(number) if number in (-1.0, 1.0) else None


@never_raise("Predict the sign of ΔL")
def check_loss_signs(sign_A, sign_B, sign_C):
    """Exercise 1: for the three small steps Δβ of ``SIGN_STEPS`` from (w, b) = (−2, 3), does
    the loss go down (−1) or up (+1)? Judged against the true ΔL, computed here."""
    title = "Predict the sign of ΔL"
    answers = {"A": sign_A, "B": sign_B, "C": sign_C}
    if any(unfinished(value) for value in answers.values()):
        return not_yet_answered(title, "-1 (the loss goes down) or +1 (it goes up) for each step")
    signs = {name: _as_sign(value) for name, value in answers.items()}
    unreadable = [name for name, sign in signs.items() if sign is None]
    if unreadable:
        return Feedback(
            title,
            False,
            [f"sign_{name}: answer -1 (down) or +1 (up)." for name in unreadable],
        )
    truth = {name: int(np.sign(loss_change(name)[0])) for name in SIGN_STEPS}
    wrong = [name for name in SIGN_STEPS if signs[name] != truth[name]]
    if wrong:
        right = [f"Step {name} is right." for name in SIGN_STEPS if name not in wrong]
        return Feedback(
            title,
            False,
            right + [f"Step {name} ({SIGN_STEPS[name][0]}): not yet." for name in wrong],
            hint="For a small step ΔL ≈ ∇L·Δβ = ∂L/∂w·Δw + ∂L/∂b·Δb, with "
            "∇L = (−1.518, 0.228) at (−2, 3): multiply and add, then look at the sign.",
        )
    messages = []
    for name in SIGN_STEPS:
        change, estimate = loss_change(name)
        messages.append(
            f"Step {name}: ∇L·Δβ = {estimate:+.4f}, and the true ΔL = {change:+.4f} "
            f"({'down' if change < 0 else 'up'})."
        )
    messages.append("For small steps the sign of ∇L·Δβ decides: the slope times the step.")
    return Feedback(title, True, messages)


# --------------------------------------------------------------------------------- exercise 2
_STEP_CASES = [
    (np.array([-2.0, 3.0]), np.array([-1.5, 0.4]), 0.5),
    (np.array([1.0, -1.0]), np.array([0.2, -0.3]), 2.0),
    (np.array([0.5, 0.5, 0.5]), np.array([1.0, 0.0, -1.0]), 0.1),
]


def _step_slip(result, beta, grad, eta):
    """Feedback for a wrong new β: the usual slips by name, otherwise the expected numbers."""
    title = "One gradient-descent step"
    shown = f"β = {beta.tolist()}, ∇L = {grad.tolist()}, η = {eta}"
    if is_close(result, beta + eta * grad):
        return Feedback(
            title,
            False,
            [f"For {shown} you stepped uphill: the gradient points up the slope."],
            hint="Go against the gradient: β − η ∇L(β).",
        )
    if is_close(result, beta - grad):
        return Feedback(
            title,
            False,
            [f"For {shown} your step ignores the learning rate η."],
            hint="Multiply the gradient by η before subtracting it.",
        )
    return Feedback(
        title,
        False,
        [
            f"For {shown} you returned {_shown(result)} "
            f"but β − η ∇L(β) = {np.round(beta - eta * grad, 4).tolist()}."
        ],
        hint="The update of the slide: β ← β − η ∇L(β), for all parameters at once.",
    )


@never_raise("One gradient-descent step")
def check_gradient_step(gradient_step):
    """Exercise 2: ``gradient_step(beta, gradient, eta)`` must return β − η ∇L(β).

    Tried on three cases (two parameters and three). Recognises the usual slips: a plus sign
    (a step uphill), a forgotten learning rate, and a function that changes ``beta`` in place.
    """
    title = "One gradient-descent step"
    if unfinished(gradient_step):
        return not_yet_answered(title, "your function")
    for beta, grad, eta in _STEP_CASES:
        beta_in = beta.copy()
        result, problem = call_safely(title, gradient_step, beta_in, grad.copy(), eta)
        if problem is not None:
            where = f"gradient_step(β = {beta.tolist()}, ∇L = {grad.tolist()}, η = {eta:g})"
            return _named_input(problem, where)
        new_beta = as_array(result)
        if new_beta is None or new_beta.shape != beta.shape:
            return Feedback(
                title,
                False,
                [
                    f"For β = {beta.tolist()} your function returned {_shown(result)}; "
                    f"expected the new β: {beta.size} finite numbers, like β itself."
                ],
                hint="Return an array: `return beta - eta * gradient`.",
            )
        if not is_close(new_beta, beta - eta * grad):
            return _step_slip(new_beta, beta, grad, eta)
        if not np.array_equal(beta_in, beta):
            return Feedback(
                title,
                False,
                [
                    "The new β is right.",
                    "But your function also changed the β it was given (in place), so the "
                    "old position is lost.",
                ],
                hint="Return a new array: `return beta - eta * gradient` (not `beta -= ...`).",
            )
    return Feedback(
        title,
        True,
        [
            "β − η ∇L(β) is right for two and for three parameters.",
            "You did not change the β you were given.",
        ],
    )


# --------------------------------------------------------------------------------- exercise 3
def run_gradient_descent(eta, steps=100, tol=1e-3):
    """Gradient descent on the notebook's neuron from START with learning rate ``eta``.

    Returns (path, losses, converged_after): the positions β and the loss at each of them, and
    the number of steps after which ‖∇L‖ < tol (None if that never happened within ``steps``).
    """
    x, y = make_neuron_data()
    beta = START.copy()
    path, losses = [beta], []
    with np.errstate(all="ignore"):
        for step in range(steps + 1):
            losses.append(neuron_loss(beta, x, y))
            grad = neuron_gradient(beta, x, y)
            if np.linalg.norm(grad) < tol:
                return np.array(path), np.array(losses), step
            if step < steps:
                beta = beta - eta * grad
                path.append(beta)
    return np.array(path), np.array(losses), None


def describe_run(eta, steps=15, tol=1e-3):
    """What gradient descent with learning rate ``eta`` does in ``steps`` steps from START.

    One of "converges" (‖∇L‖ < tol within the steps), "overflows" (the numbers become inf or
    nan), "runs away" (the loss ends higher than it started), "bounces" (the loss goes up at
    some step), "zigzags" (the loss goes down at every step, but in most steps the path turns
    back across the valley) or "crawls" (the path heads steadily for the bottom, but does not
    get there). Returns (verdict, path, losses).
    """
    path, losses, converged_after = run_gradient_descent(eta, steps, tol)
    if converged_after is not None:
        return "converges", path, losses
    if not np.all(np.isfinite(losses)) or not np.all(np.isfinite(path)):
        return "overflows", path, losses
    if losses[-1] > losses[0]:
        return "runs away", path, losses
    if np.any(np.diff(losses) > 1e-12):
        return "bounces", path, losses
    moves = np.diff(path, axis=0)
    turns = np.sum(np.einsum("ij,ij->i", moves[:-1], moves[1:]) < 0)  # step against the last
    if turns > len(moves[:-1]) / 2:
        return "zigzags", path, losses
    return "crawls", path, losses


_RUN_FEEDBACK = {
    "overflows": (
        "the numbers overflow (the loss starts at {first:.4f}): the path runs away.",
        "Far too large: divide η by 10, or by 100.",
    ),
    "runs away": (
        "the loss ends higher than it started ({first:.4f} → {last:.4g}): the path runs away.",
        "Far too large: divide η by 10.",
    ),
    "bounces": (
        "the loss goes up and down ({first:.4f} → {last:.4f}): the steps jump from wall to wall "
        "across the valley.",
        "Too large: try a smaller η (divide by 2).",
    ),
    "zigzags": (
        "the loss goes down at every step ({first:.4f} → {last:.4f}), but the path jumps back "
        "and forth across the valley floor and is not at the bottom after {steps} steps.",
        "A bit too large: the zigzag wastes steps. Try a slightly smaller η.",
    ),
    "crawls": (
        "the path heads steadily for the bottom and the loss goes down at every step "
        "({first:.4f} → {last:.4f}), but it is not there after {steps} steps.",
        "Too small: the steps are too short. Try a larger η.",
    ),
}


@never_raise("A learning rate that converges in 15 steps")
def check_learning_rate(eta, steps=15):
    """Exercise 3: a learning rate η with which gradient descent on the notebook's neuron,
    started at (w, b) = (−2, 3), reaches ‖∇L‖ < 0.001 within ``steps`` (15) steps.

    Judged by what the run does (see ``describe_run``), not by a threshold on η.
    """
    title = f"A learning rate that converges within {steps} steps"
    number, problem = read_learning_rate(title, eta)
    if problem is not None:
        return problem
    verdict, path, losses = describe_run(number, steps)
    if verdict == "converges":
        return Feedback(
            title,
            True,
            [
                f"With η = {number:g} the gradient is (nearly) zero after {len(path) - 1} steps.",
                f"The loss went from {losses[0]:.4f} to {losses[-1]:.4f}: "
                "the bottom of the valley.",
            ],
        )
    what, hint = _RUN_FEEDBACK[verdict]
    message = what.format(first=losses[0], last=losses[-1], steps=steps)
    return Feedback(title, False, [f"With η = {number:g} {message}"], hint=hint)


# --------------------------------------------------------------------------------- exercise 4
def _bowl_gradient(beta):
    """Gradient of the bowl L(β) = (β₀ − 1)² + 2 (β₁ + 2)², whose bottom is at (1, −2)."""
    beta = np.asarray(beta, dtype=float)
    return np.array([2.0 * (beta[0] - 1.0), 4.0 * (beta[1] + 2.0)])


def reference_descend(gradient, beta, eta, tol=1e-3, max_steps=1000):
    """The loop of the notebook: step until ‖∇L(β)‖ < tol or ``max_steps`` steps were taken.

    Returns (beta, steps), steps = the number of updates made.
    """
    beta = np.asarray(beta, dtype=float)
    for step in range(max_steps):
        grad = gradient(beta)
        if np.linalg.norm(grad) < tol:
            return beta, step
        beta = beta - eta * grad
    return beta, max_steps


class _TooManyCalls(Exception):
    pass


def _run_descend(descend, eta, tol, max_steps):
    """Run the student's loop on the bowl; returns ((beta, steps), None) or (None, feedback)."""
    title = "Repeat until the gradient is (nearly) zero"
    calls = [0]

    def counted_gradient(beta):
        calls[0] += 1
        if calls[0] > 20 * max_steps + 20:
            raise _TooManyCalls
        return _bowl_gradient(beta)

    try:
        with np.errstate(all="ignore"):
            result = descend(counted_gradient, np.array([-2.0, 1.0]), eta, tol, max_steps)
    except _TooManyCalls:
        return None, Feedback(
            title,
            False,
            [f"With η = {eta} and max_steps = {max_steps} your loop did not stop."],
            hint="Stop after max_steps steps even if the gradient is not yet small: "
            "`for step in range(max_steps): ...`.",
        )
    except Exception as error:  # a student's code may fail in any way
        return None, Feedback(
            title,
            False,
            [
                f"Your function raised {type(error).__name__}: {error} (with η = {eta:g}, "
                f"tol = {tol:g}, max_steps = {max_steps}, starting at β = (−2, 1))"
            ],
        )
    if result is None:
        return None, Feedback(
            title, False, ["Your function returned None — did you print instead of return?"]
        )
    if unfinished(result) or (isinstance(result, tuple) and any(unfinished(p) for p in result)):
        return None, not_yet_answered(title, "the body of the function (it still returns `...`)")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None, Feedback(
            title,
            False,
            ["Return two things: the final β and the number of steps, `return beta, step`."],
        )
    beta, steps = as_array(result[0], shape=(2,)), as_number(result[1])
    if beta is None:
        return None, Feedback(
            title,
            False,
            [f"With η = {eta} the β you returned is {_shown(result[0])}, not two finite numbers."],
            hint="Return the β of the last step: an array of two numbers.",
        )
    if steps is None or steps != int(steps):
        return None, Feedback(
            title,
            False,
            [f"The number of steps should be a whole number, got {result[1]!r:.40}."],
        )
    return (beta, int(steps)), None


def _named_input(problem, where):
    """``problem`` (from ``call_safely``) with the call that failed named in its first line."""
    if problem.messages and "raised" in problem.messages[0]:
        problem.messages[0] = f"{problem.messages[0]} (in {where})"
    return problem


def _off_by_one(steps, right, gave_up):
    """The message naming an off-by-one count (``steps`` = ``right`` ± 1), else nothing."""
    if steps == right + 1 and gave_up:
        return [
            "One too many: is the last step counted twice (once in the loop, once after)? "
            "After max_steps updates the count is max_steps."
        ]
    if steps == right + 1:
        return [
            "One too many: that is an off-by-one. The last gradient, the one whose length is "
            "below tol, is computed but no step follows it: count updates of β, not gradients."
        ]
    if steps == right - 1 and gave_up:
        return [
            "One too few: that is an off-by-one. After `for step in range(max_steps)` the "
            "variable step is max_steps − 1, the index of the last update, not their number."
        ]
    if steps == right - 1:
        return [
            "One too few: that is an off-by-one. Count every update of β, the first one too "
            "(steps starts at 0 and grows by one with each update)."
        ]
    return []


@never_raise("Repeat until the gradient is (nearly) zero")
def check_descend(descend):
    """Exercise 4: ``descend(gradient, beta, eta, tol, max_steps)`` repeats the step until the
    gradient is (nearly) zero, and gives up after ``max_steps`` steps; it returns (beta, steps).

    Tried on a bowl L(β) = (β₀ − 1)² + 2 (β₁ + 2)² with a good η (it must stop near (1, −2) after
    exactly the right number of steps; an off-by-one is named as one) and a too-large η (it must
    stop after exactly ``max_steps``).
    """
    title = "Repeat until the gradient is (nearly) zero"
    if unfinished(descend):
        return not_yet_answered(title, "your function")
    if not callable(descend):
        return Feedback(title, False, [f"Expected a function, got {type(descend).__name__}."])
    messages = []
    for eta, tol, max_steps in ((0.1, 1e-3, 1000), (0.3, 1e-6, 1000), (0.6, 1e-3, 50)):
        answer, problem = _run_descend(descend, eta, tol, max_steps)
        if problem is not None:
            problem.messages = messages + problem.messages
            return problem
        beta, steps = answer
        ref_beta, ref_steps = reference_descend(_bowl_gradient, [-2.0, 1.0], eta, tol, max_steps)
        if ref_steps == max_steps:  # the too-large η: it must give up after max_steps
            if steps != max_steps:
                return Feedback(
                    title,
                    False,
                    messages
                    + [
                        f"With η = {eta} the path never settles; your loop reported {steps} "
                        f"steps instead of stopping after max_steps = {max_steps}."
                    ]
                    + _off_by_one(steps, max_steps, gave_up=True),
                    hint="Count the steps you take and return max_steps if you gave up.",
                )
            messages.append(f"With a too-large η = {eta} you gave up after {max_steps} steps.")
            continue
        if np.linalg.norm(_bowl_gradient(beta)) > 10 * tol:
            return Feedback(
                title,
                False,
                messages
                + [
                    f"With η = {eta} the bottom is at (1, −2) but you returned "
                    f"β = {np.round(beta, 4).tolist()}."
                ],
                hint="Inside the loop: compute the gradient, stop if its length "
                "np.linalg.norm(grad) is below tol, else take the step β − η ∇L(β).",
            )
        if steps != ref_steps:
            return Feedback(
                title,
                False,
                messages
                + [
                    f"With η = {eta} you reached the bottom, but reported {steps} steps where "
                    f"{ref_steps} updates of β were made."
                ]
                + _off_by_one(steps, ref_steps, gave_up=False),
                hint="Return how many updates you made before the gradient became small.",
            )
        messages.append(
            f"With η = {eta} and tol = {tol:g} you stopped at the bottom after {steps} steps."
        )
    return Feedback(title, True, messages)
