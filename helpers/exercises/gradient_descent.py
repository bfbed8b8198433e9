"""Checkers for notebook 05, gradient descent.

The exercises use the notebook's model: one sigmoid neuron a = σ(w x + b) with the cross-entropy
loss on the small 1-D data set of two classes (``helpers.make_neuron_data()``), so the learning-rate
exercise runs on exactly the landscape the student has seen.
"""

import numpy as np

from ..data import make_neuron_data
from . import Feedback, call_safely, close, not_yet_answered, unfinished

#: The start of every path in notebook 05: (w, b) = (−2, 3), a neuron that is badly wrong.
START = np.array([-2.0, 3.0])


def neuron_loss(beta, x, y):
    """Cross-entropy L(w, b) = −1/n Σ [y ln a + (1 − y) ln(1 − a)] of a = σ(w x + b)."""
    z = beta[0] * x + beta[1]
    # ln(1 + e^z) − y z is the same loss, written so that it never takes ln 0
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def neuron_gradient(beta, x, y):
    """∇L = [∂L/∂w, ∂L/∂b] = [1/n Σ (a − y) x, 1/n Σ (a − y)]."""
    a = 1.0 / (1.0 + np.exp(-(beta[0] * x + beta[1])))
    return np.array([np.mean((a - y) * x), np.mean(a - y)])


# --------------------------------------------------------------------------------- exercise 1
_STEP_CASES = [
    (np.array([-2.0, 3.0]), np.array([-1.5, 0.4]), 0.5),
    (np.array([1.0, -1.0]), np.array([0.2, -0.3]), 2.0),
    (np.array([0.5, 0.5, 0.5]), np.array([1.0, 0.0, -1.0]), 0.1),
]


def check_gradient_step(gradient_step):
    """Exercise 1: ``gradient_step(beta, gradient, eta)`` must return β − η ∇L(β).

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
            return problem
        expected = beta - eta * grad
        if close(result, expected):
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
            continue
        shown = f"β = {beta.tolist()}, ∇L = {grad.tolist()}, η = {eta}"
        if close(result, beta + eta * grad):
            return Feedback(
                title,
                False,
                [f"For {shown} you stepped uphill: the gradient points up the slope."],
                hint="Go against the gradient: β − η ∇L(β).",
            )
        if close(result, beta - grad):
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
                f"For {shown} you returned {np.round(np.asarray(result, float), 4).tolist()} "
                f"but β − η ∇L(β) = {np.round(expected, 4).tolist()}."
            ],
            hint="The update of the slide: β ← β − η ∇L(β), for all parameters at once.",
        )
    return Feedback(
        title,
        True,
        [
            "β − η ∇L(β) is right for two and for three parameters.",
            "You did not change the β you were given.",
        ],
    )


# --------------------------------------------------------------------------------- exercise 2
def run_gradient_descent(eta, steps=100, tol=1e-3):
    """Gradient descent on the notebook's neuron from START with learning rate ``eta``.

    Returns (losses, converged_after): the loss before each step, and the number of steps after
    which ‖∇L‖ < tol (None if that never happened within ``steps``).
    """
    x, y = make_neuron_data()
    beta = START.copy()
    losses = []
    with np.errstate(all="ignore"):
        for step in range(steps + 1):
            losses.append(neuron_loss(beta, x, y))
            grad = neuron_gradient(beta, x, y)
            if np.linalg.norm(grad) < tol:
                return losses, step
            if step < steps:
                beta = beta - eta * grad
    return losses, None


def check_learning_rate(eta, steps=15):
    """Exercise 2: a learning rate η with which gradient descent on the notebook's neuron,
    started at (w, b) = (−2, 3), reaches ‖∇L‖ < 0.001 within ``steps`` (15) steps."""
    title = f"A learning rate that converges within {steps} steps"
    if unfinished(eta):
        return not_yet_answered(title, "a learning rate (a number)")
    if isinstance(eta, bool) or not isinstance(eta, (int, float, np.integer, np.floating)):
        return Feedback(title, False, [f"η should be a number, got {type(eta).__name__}."])
    eta = float(eta)
    if not np.isfinite(eta) or eta <= 0:
        return Feedback(
            title,
            False,
            [f"η = {eta} does not go downhill: the learning rate must be a positive number."],
        )
    losses, converged_after = run_gradient_descent(eta, steps)
    if converged_after is not None:
        return Feedback(
            title,
            True,
            [
                f"With η = {eta:g} the gradient is (nearly) zero after {converged_after} steps.",
                f"The loss went from {losses[0]:.4f} to {losses[-1]:.4f}: "
                "the bottom of the valley.",
            ],
        )
    tail = np.asarray(losses[-20:])
    bouncing = np.any(np.diff(tail) > 1e-9) or not np.all(np.isfinite(tail))
    if bouncing:
        return Feedback(
            title,
            False,
            [
                f"With η = {eta:g} the loss still goes up and down after {steps} steps: "
                "the steps jump across the valley.",
            ],
            hint="Too large: try a smaller η (divide by 2 or by 10).",
        )
    return Feedback(
        title,
        False,
        [
            f"With η = {eta:g} the loss goes steadily down ({losses[0]:.4f} → {losses[-1]:.4f}) "
            f"but is not at the bottom after {steps} steps: the steps are too small.",
        ],
        hint="Too small: try a larger η (multiply by 2 or by 10).",
    )


# --------------------------------------------------------------------------------- exercise 3
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


def check_descend(descend):
    """Exercise 3: ``descend(gradient, beta, eta, tol, max_steps)`` repeats the step until the
    gradient is (nearly) zero, and gives up after ``max_steps`` steps; it returns (beta, steps).

    Tried on a bowl L(β) = (β₀ − 1)² + 2 (β₁ + 2)² with a good η (it must stop near (1, −2) after
    the right number of steps, ±1) and a too-large η (it must stop after ``max_steps``).
    """
    title = "Repeat until the gradient is (nearly) zero"
    if unfinished(descend):
        return not_yet_answered(title, "your function")
    messages = []
    for eta, tol, max_steps in ((0.1, 1e-3, 1000), (0.3, 1e-6, 1000), (0.6, 1e-3, 50)):
        calls = [0]

        def counted_gradient(beta, calls=calls, limit=20 * max_steps + 20):
            calls[0] += 1
            if calls[0] > limit:
                raise _TooManyCalls
            return _bowl_gradient(beta)

        start = np.array([-2.0, 1.0])
        try:
            with np.errstate(all="ignore"):
                result = descend(counted_gradient, start.copy(), eta, tol, max_steps)
        except _TooManyCalls:
            return Feedback(
                title,
                False,
                messages + [f"With η = {eta} and max_steps = {max_steps} your loop did not stop."],
                hint="Stop after max_steps steps even if the gradient is not yet small: "
                "`for step in range(max_steps): ...`.",
            )
        except Exception as error:  # a student's code may fail in any way
            return Feedback(
                title, False, messages + [f"Your function raised {type(error).__name__}: {error}"]
            )
        if unfinished(result) or (
            isinstance(result, tuple) and any(unfinished(part) for part in result)
        ):
            return not_yet_answered(title, "the body of the function (it still returns `...`)")
        try:
            beta, steps = result
            beta = np.asarray(beta, dtype=float)
            steps = int(steps)
        except (TypeError, ValueError):
            return Feedback(
                title,
                False,
                ["Return two things: the final β and the number of steps, `return beta, step`."],
            )
        ref_beta, ref_steps = reference_descend(_bowl_gradient, start, eta, tol, max_steps)
        if ref_steps == max_steps:  # the too-large η: it must give up after max_steps
            if abs(steps - max_steps) > 1:
                return Feedback(
                    title,
                    False,
                    messages
                    + [
                        f"With η = {eta} the path never settles; your loop reported {steps} "
                        f"steps instead of stopping after max_steps = {max_steps}."
                    ],
                    hint="Count the steps you take and return max_steps if you gave up.",
                )
            messages.append(f"With a too-large η = {eta} you gave up after {max_steps} steps.")
            continue
        if beta.shape != (2,) or np.linalg.norm(_bowl_gradient(beta)) > 10 * tol:
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
        if abs(steps - ref_steps) > 1:
            return Feedback(
                title,
                False,
                messages
                + [
                    f"With η = {eta} you reached the bottom, but reported {steps} steps where "
                    f"{ref_steps} are needed."
                ],
                hint="Return how many updates you made before the gradient became small.",
            )
        messages.append(
            f"With η = {eta} and tol = {tol:g} you stopped at the bottom after {steps} steps."
        )
    return Feedback(title, True, messages)
