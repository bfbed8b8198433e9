"""Checkers for notebook 07, "Backpropagation".

Exercise 1 is one sigmoid neuron done by hand, a = σ(z), z = w x + b, with the quadratic loss
L = ½ (a − y)² of one sample. Exercises 2 and 3 are single lines of the backward pass in the
course's layout (one row per sample, ``weights[l]`` of shape (neurons in, neurons out)):

    δˡ = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ σ'(zˡ)          (exercise 2)
    ∂L/∂Wˡ = aˡ⁻¹ᵀ δˡ,  ∂L/∂bˡ = Σ δˡ   (exercise 3)

Every checker returns a :class:`helpers.exercises.Feedback` and never raises.
"""

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from . import Feedback, as_number, call_safely, close, never_raise, not_yet_answered, unfinished

#: Exercise 1: the neuron's input, weight, bias and target.
EX1_X, EX1_W, EX1_B, EX1_Y = 2.0, -0.5, 0.5, 1.0

#: Hand-computed answers are accepted when they are this close (3 decimals are enough).
TOLERANCE = 1e-3


# --------------------------------------------------------------------------------- exercise 1
def neuron_values(x=EX1_X, w=EX1_W, b=EX1_B, y=EX1_Y):
    """The forward and backward values of one sigmoid neuron with L = ½ (a − y)².

    Returns a dict with z, a, L, dL_da = a − y, sigma_prime = σ'(z) = a (1 − a),
    delta = ∂L/∂z = (a − y) σ'(z), dL_dw = δ x and dL_db = δ.
    """
    z = w * x + b
    a = float(sigmoid(z))
    sigma_prime = a * (1.0 - a)
    delta = (a - y) * sigma_prime
    return {
        "z": z,
        "a": a,
        "L": 0.5 * (a - y) ** 2,
        "dL_da": a - y,
        "sigma_prime": sigma_prime,
        "delta": delta,
        "dL_dw": delta * x,
        "dL_db": delta,
    }


@never_raise("δ of one neuron, by hand")
def check_neuron_delta(delta, dL_dw, dL_db):
    """Exercise 1: δ = ∂L/∂z, ∂L/∂w and ∂L/∂b of the neuron x = 2, w = −0.5, b = 0.5, y = 1.

    Accepts answers within 0.001. Recognises a forgotten σ'(z) (δ = a − y), the wrong sign
    (y − a), and ∂L/∂w without the factor x.
    """
    title = "δ of one neuron, by hand"
    v = neuron_values()
    answers = {"delta": delta, "dL_dw": dL_dw, "dL_db": dL_db}
    names = {"delta": "δ", "dL_dw": "∂L/∂w", "dL_db": "∂L/∂b"}
    if all(unfinished(a) for a in answers.values()):
        return not_yet_answered(title, "your three numbers")
    right, wrong, hints = [], [], []
    for key, answer in answers.items():
        name = names[key]
        if unfinished(answer):
            wrong.append(f"{name} is still `...`.")
            continue
        value = as_number(answer)
        if value is None:
            wrong.append(f"{name} should be one number, got {answer!r}.")
            continue
        if abs(value - v[key]) <= TOLERANCE:
            right.append(f"{name} = {v[key]:.4f}: right.")
            continue
        wrong.append(f"{name} = {value:.4f} is not right.")
        if key == "delta" and abs(value - v["dL_da"]) <= TOLERANCE:
            hints.append("a − y is ∂L/∂a; δ = ∂L/∂z needs one more link of the chain: × σ'(z).")
        elif abs(value + v[key]) <= TOLERANCE:
            hints.append(f"{name} has the wrong sign: ∂L/∂a = a − y, not y − a.")
        elif key == "dL_dw" and abs(value - v["delta"]) <= TOLERANCE:
            hints.append("∂z/∂w = x: multiply δ by the input x = 2.")
        elif key == "dL_db" and abs(value - v["dL_dw"]) <= TOLERANCE:
            hints.append("∂z/∂b = 1: the bias's gradient is δ itself, without the x.")
    if wrong:
        hint = " ".join(dict.fromkeys(hints)) or (
            f"Forward first: z = w x + b = {v['z']:.1f}, a = σ(z). Then δ = (a − y) · a (1 − a), "
            "∂L/∂w = δ · x, ∂L/∂b = δ."
        )
        return Feedback(title, False, right + wrong, hint)
    return Feedback(
        title,
        True,
        right
        + [
            f"z = {v['z']:.1f}, a = σ(z) = {v['a']:.4f}, "
            f"σ'(z) = a(1 − a) = {v['sigma_prime']:.4f}.",
            "Both gradients are negative: increasing w or b raises a towards y = 1 "
            "and lowers the loss.",
        ],
    )


# --------------------------------------------------------------------------------- exercise 2
def _hidden_delta_case():
    """A batch of 5 samples, a hidden layer of 4 sigmoid neurons and a next layer of 3."""
    rng = np.random.default_rng(7)
    delta_next = rng.normal(size=(5, 3))
    W_next = rng.normal(size=(4, 3))
    z = rng.normal(size=(5, 4))
    return delta_next, W_next, z


def reference_hidden_delta(delta_next, W_next, z):
    """δˡ = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ σ'(zˡ) for a sigmoid hidden layer."""
    return (delta_next @ W_next.T) * sigmoid_prime(z)


@never_raise("One line of the backward pass: δ of a hidden layer")
def check_hidden_delta(hidden_delta):
    """Exercise 2: ``hidden_delta(delta_next, W_next, z)`` must return (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ σ'(zˡ).

    Tried on a batch of 5 samples, 4 hidden neurons, 3 neurons in the next layer. Recognises a
    forgotten σ'(z), σ(z) instead of σ'(z), and shape mistakes (W instead of Wᵀ).
    """
    title = "One line of the backward pass: δ of a hidden layer"
    if unfinished(hidden_delta):
        return not_yet_answered(title, "your function")
    delta_next, W_next, z = _hidden_delta_case()
    args = (delta_next.copy(), W_next.copy(), z.copy())
    result, problem = call_safely(title, hidden_delta, *args)
    if problem is not None:
        if "ValueError" in " ".join(problem.messages):  # almost always a shape mismatch
            problem.messages.append(
                "δˡ⁺¹ has shape (5, 3) and Wˡ⁺¹ has shape (4, 3): which of W or Wᵀ gives (5, 4)?"
            )
            problem.hint = "Use the matrix product @ with the transpose: delta_next @ W_next.T."
        return problem
    expected = reference_hidden_delta(delta_next, W_next, z)
    try:
        shape = np.shape(result)
    except Exception:
        shape = None
    if close(result, expected):
        return Feedback(
            title,
            True,
            [
                "(δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ σ'(zˡ) is right: shape (5 samples, 4 neurons), like zˡ.",
                "The matrix product sends each output error back along the weights; "
                "the ⊙ σ'(z) scales it by how sensitive each neuron was.",
            ],
        )
    if shape != expected.shape:
        return Feedback(
            title,
            False,
            [f"Your δ has shape {shape}, but δˡ must have the shape of zˡ: (5, 4)."],
            hint="delta_next (5, 3) @ W_next.T (3, 4) gives (5, 4).",
        )
    back = delta_next @ W_next.T
    if close(result, back):
        return Feedback(
            title,
            False,
            ["You sent δ back through the weights, but forgot the activation's slope."],
            hint="Multiply element-wise by helpers.sigmoid_prime(z).",
        )
    if close(result, back * sigmoid(z)):
        return Feedback(
            title,
            False,
            ["You multiplied by σ(z); the chain rule needs its derivative σ'(z) = σ(z)(1 − σ(z))."],
            hint="Use helpers.sigmoid_prime(z).",
        )
    return Feedback(
        title,
        False,
        ["Your δ has the right shape (5, 4) but not the right values."],
        hint="δˡ = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ σ'(zˡ): `(delta_next @ W_next.T) * helpers.sigmoid_prime(z)`.",
    )


# --------------------------------------------------------------------------------- exercise 3
def _layer_case():
    """A batch of 6 samples, a layer with 4 inputs and 3 neurons."""
    rng = np.random.default_rng(8)
    return rng.normal(size=(6, 4)), rng.normal(size=(6, 3))


@never_raise("The gradients of one layer's weights and biases")
def check_layer_gradients(layer_gradients):
    """Exercise 3: ``layer_gradients(a_prev, delta)`` must return (aˡ⁻¹ᵀ δˡ, Σ_rows δˡ).

    Tried on a batch of 6 samples, 4 inputs, 3 neurons. Recognises δᵀ a (the transposed
    matrix), a mean instead of a sum (δ already carries the 1/n), and a sum over the wrong axis.
    """
    title = "The gradients of one layer's weights and biases"
    if unfinished(layer_gradients):
        return not_yet_answered(title, "your function")
    a_prev, delta = _layer_case()
    result, problem = call_safely(title, layer_gradients, a_prev.copy(), delta.copy())
    if problem is not None:
        return problem
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return Feedback(
            title,
            False,
            [f"Your function should return two arrays (dW, db), got {type(result).__name__}."],
            hint="End with `return dW, db`.",
        )
    dW, db = result
    if unfinished(dW) or unfinished(db):
        return not_yet_answered(title, "both lines of the function (dW and db)")
    expected_dW, expected_db = a_prev.T @ delta, delta.sum(axis=0)
    messages, hints = [], []
    dW_right = close(dW, expected_dW)
    if dW_right:
        messages.append("∂L/∂W = aˡ⁻¹ᵀ δˡ: right, shape (4 inputs, 3 neurons) like W.")
    else:
        if close(dW, expected_dW.T):
            messages.append("Your ∂L/∂W is transposed: shape (3, 4), but W has shape (4, 3).")
            hints.append("a_prev.T @ delta: (4, 6) @ (6, 3) → (4, 3).")
        elif close(dW, expected_dW / len(a_prev)):
            messages.append("Your ∂L/∂W is n = 6 times too small.")
            hints.append("δ already carries the 1/n of the loss: no extra mean.")
        else:
            messages.append(f"Your ∂L/∂W (shape {np.shape(dW)}) is not aˡ⁻¹ᵀ δˡ.")
            hints.append("Each entry [k, j] is Σ over samples of aₖ δⱼ: a_prev.T @ delta.")
    db_right = close(db, expected_db)
    if db_right:
        messages.append("∂L/∂b = Σ δˡ over the samples: right, shape (3,) like b.")
    else:
        if close(db, expected_db / len(a_prev)):
            messages.append("Your ∂L/∂b is n = 6 times too small (a mean instead of a sum).")
            hints.append("Sum δ over the samples: delta.sum(axis=0).")
        elif close(db, delta.sum(axis=1)):
            messages.append("Your ∂L/∂b sums over the neurons instead of over the samples.")
            hints.append("The rows are samples: sum over axis=0.")
        else:
            messages.append(f"Your ∂L/∂b (shape {np.shape(db)}) is not Σ δˡ over the samples.")
            hints.append("∂z/∂b = 1, so ∂L/∂b is δ summed over the rows: delta.sum(axis=0).")
    if dW_right and db_right:
        messages.append("With exercise 2, you have written every line of backpropagation.")
        return Feedback(title, True, messages)
    return Feedback(title, False, messages, " ".join(hints))
