"""Checkers for notebook 07, "Backpropagation".

Step 6's graph exercise (backpropagation by hand through a small drawn graph of operations) is
checked by ``helpers.exercises.backprop_graph``; ``check_graph_gradients`` is imported from here
too, with the notebook's other checkers. Exercise 1 is one sigmoid neuron done by hand, a = σ(z),
z = w x + b, with the quadratic loss L = ½ (a − y)² of one sample. Exercise 2 is a
backpropagation with one planted error, to be found with a gradient check and fixed; the checker
runs the gradient check on a small network and, once the function has been changed, says which
gradients are still wrong. Exercise 3 asks why deep sigmoid networks learn slowly in their first
layers: (BP2) multiplies the error by σ'(z) ≤ 1/4 at every layer on its way back.

Notation as in the course: one row per sample, Wˡ = ``weights[l-1]`` of shape (n_{l−1}, n_l),
zˡ = aˡ⁻¹ Wˡ + bˡ. Every checker returns a :class:`helpers.exercises.Feedback` and never raises.
"""

import functools

import numpy as np

from ..activations import sigmoid, softmax
from ..data import load_digits_split
from ..gradcheck import numerical_gradient
from ..network import Network
from . import (
    Feedback,
    as_array,
    as_letter,
    as_number,
    call_safely,
    letter_feedback,
    mark_numbers,
    marked_feedback,
    matches_shown,
    never_raise,
    not_yet_answered,
    unfinished,
)
from .backprop_graph import check_graph_gradients as check_graph_gradients  # notebook 07's

#: Exercise 1: the neuron's input, weight, bias and target.
EX1_X, EX1_W, EX1_B, EX1_Y = 2.0, -0.5, 0.5, 1.0
#: Exercise 1 asks for three decimals.
EX1_DECIMALS = 3


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


#: A by-hand chain that rounds each step (a, a − y, σ'(z)) to three decimals can end up to
#: this far from the exact δ (the exact −0.14631 becomes −0.146 or −0.147).
EX1_CHAIN_TOLERANCE = 0.001


def _decimals(value):
    """How many decimals a number was written with: 2 for −0.29 and "−0.29", 3 for −0.292."""
    text = repr(float(value)) if not isinstance(value, str) else value.strip()
    if "e" in text.lower() or "." not in text:
        return 0 if "e" not in text.lower() else 99
    return len(text.split(".")[1])


def _neuron_slip(key, value, v, answer):
    """A hint for a typical slip in one of exercise 1's numbers, or None."""
    if abs(value - v[key]) <= 0.005 + 1e-12:
        if _decimals(answer) < EX1_DECIMALS:
            return f"Close: round to {EX1_DECIMALS} decimals (e.g. 0.123), not fewer."
        return (
            f"Close, but off in the {EX1_DECIMALS}rd decimal: a step rounded too early? Keep four "
            f"decimals in the steps and round only the answer to {EX1_DECIMALS}."
        )
    if key == "delta" and matches_shown(value, v["dL_da"], EX1_DECIMALS):
        return "a − y is ∂L/∂a; δ = ∂L/∂z needs one more link of the chain: × σ'(z)."
    if matches_shown(value, -v[key], EX1_DECIMALS):
        return "Wrong sign: ∂L/∂a = a − y, not y − a."
    if key == "dL_dw" and matches_shown(value, v["delta"], EX1_DECIMALS):
        return "∂z/∂w = x: multiply δ by the input x = 2."
    if key == "dL_db" and matches_shown(value, v["dL_dw"], EX1_DECIMALS):
        return "∂z/∂b = 1: the bias's gradient is δ itself, without the x."
    return None


def _judge_neuron(key, value, v, delta_given):
    """ "exact" if ``value`` is v[key] to three decimals, "chain" if it is what a by-hand chain of
    steps rounded to three decimals gives (for ∂L/∂w and ∂L/∂b: from the student's own right δ),
    else None."""
    if matches_shown(value, v[key], EX1_DECIMALS):
        return "exact"
    if key in ("delta", "dL_db") and abs(value - v[key]) <= EX1_CHAIN_TOLERANCE + 1e-12:
        return "chain"
    if delta_given is not None and key != "delta":
        factor = EX1_X if key == "dL_dw" else 1.0
        if matches_shown(value, factor * delta_given, EX1_DECIMALS):
            return "chain"
    return None


@never_raise("δ of one neuron, by hand")
def check_neuron_delta(delta, dL_dw, dL_db):
    """Exercise 1: δ = ∂L/∂z, ∂L/∂w and ∂L/∂b of the neuron x = 2, w = −0.5, b = 0.5, y = 1.

    Accepts answers to three decimals (|answer − value| ≤ 0.0005) and what a by-hand chain of
    steps rounded to three decimals gives: δ within 0.001, and ∂L/∂w = x δ, ∂L/∂b = δ from the
    student's own (right) δ, so −0.146 then 2 × (−0.146) = −0.292 passes. A string holding a
    number counts. Recognises fewer decimals than asked (a rounding hint), a forgotten σ'(z)
    (δ = a − y), the wrong sign (y − a), ∂L/∂w without the factor x and ∂L/∂b with it.
    """
    title = "δ of one neuron, by hand"
    v = neuron_values()
    answers = {"delta": delta, "dL_dw": dL_dw, "dL_db": dL_db}
    names = {"delta": "δ", "dL_dw": "∂L/∂w", "dL_db": "∂L/∂b"}
    if all(unfinished(a) for a in answers.values()):
        return not_yet_answered(title, "your three numbers")
    delta_number = None if unfinished(delta) else as_number(delta)
    if delta_number is not None and _judge_neuron("delta", delta_number, v, None) is None:
        delta_number = None  # a wrong δ carries no credit to the other two

    def mark(key, value, answer):
        verdict = _judge_neuron(key, value, v, delta_number)
        if verdict == "exact":
            return True, f"{names[key]} = {v[key]:.4f}: right.", None
        if verdict == "chain":
            line = f"{names[key]} = {value:g}: right, as far as the rounded steps go"
            return True, f"{line} (unrounded: {v[key]:.4f}).", None
        return False, f"{names[key]} = {value:g} is not right.", _neuron_slip(key, value, v, answer)

    return marked_feedback(
        title,
        mark_numbers(answers, mark, names),
        f"Forward first: z = w x + b = {v['z']:.1f}, a = σ(z). Then δ = (a − y) · a (1 − a), "
        "∂L/∂w = δ · x, ∂L/∂b = δ.",
        [
            f"z = {v['z']:.1f}, a = σ(z) = {v['a']:.4f}, "
            f"σ'(z) = a(1 − a) = {v['sigma_prime']:.4f}.",
            "Both gradients are negative: increasing w or b raises a towards y = 1 "
            "and lowers the loss.",
        ],
    )


# --------------------------------------------------------------------------------- exercise 2
#: Exercise 2's test network: two sigmoid hidden layers, a softmax output.
EX2_SIZES = [4, 5, 4, 3]
#: Gradients within this relative error of the numerical gradient pass the gradient check.
EX2_TOLERANCE = 1e-5


def planted_bug_backprop(weights, biases, X, Y):
    """The function exercise 2 starts from (notebook 07's ``backprop_to_fix``): sigmoid hidden
    layers, a softmax output, the mean cross-entropy, written in another style than step 5's
    ``backprop``, with one planted error: (BP4) takes the mean of δ over the samples where the
    sum belongs (the 1/n is already inside δ), so every ∂L/∂bˡ is n times too small while every
    ∂L/∂Wˡ is right."""
    a = X
    layers = []  # (aˡ⁻¹, aˡ) for l = 1, ..., out
    for l, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        a_before = a
        z = a_before @ W + b
        a = softmax(z) if l == len(weights) else sigmoid(z)
        layers.append((a_before, a))
    grads_w, grads_b = [], []
    delta = (a - Y) / len(X)
    for (a_before, _), W in zip(reversed(layers), reversed(weights), strict=True):
        grads_w.insert(0, a_before.T @ delta)
        grads_b.insert(0, delta.mean(axis=0))
        delta = (delta @ W.T) * a_before * (1 - a_before)  # σ'(z) = a(1 − a) of the layer below
    return grads_w, grads_b


def missing_slope_backprop(weights, biases, X, Y):
    """The slip notebook 07 shows in step 5: (BP2) without the ⊙ σ'(zˡ⁻¹)."""
    zs, activations = [], [X]
    for l, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        zs.append(activations[-1] @ W + b)
        activations.append(softmax(zs[-1]) if l == len(weights) else sigmoid(zs[-1]))
    nabla_w, nabla_b = [None] * len(weights), [None] * len(weights)
    delta = (activations[-1] - Y) / len(X)
    for l in range(len(weights), 0, -1):
        nabla_w[l - 1], nabla_b[l - 1] = activations[l - 1].T @ delta, delta.sum(axis=0)
        if l > 1:
            delta = delta @ weights[l - 1].T
    return nabla_w, nabla_b


@functools.cache
def _backprop_case():
    """Exercise 2's network, batch and numerical gradient (computed once)."""
    net = Network(EX2_SIZES, hidden_activation="sigmoid", seed=3)
    rng = np.random.default_rng(4)
    X = rng.normal(size=(6, EX2_SIZES[0]))
    Y = net.targets(np.array([0, 1, 2, 0, 1, 2]))
    numeric = numerical_gradient(lambda: net.loss(X, Y), net.weights + net.biases)
    return net, X, Y, numeric


def _relative_error(g, h):
    """‖g − h‖ / (‖g‖ + ‖h‖): 0 when equal, about 1 when unrelated (or of opposite sign: 1)."""
    scale = np.linalg.norm(g) + np.linalg.norm(h)
    return float(np.linalg.norm(g - h) / scale) if scale > 0 else 0.0


def _read_gradients(result, net):
    """The student's (nabla_w, nabla_b) as one list of arrays [∂L/∂W¹, ..., ∂L/∂b¹, ...] in
    the parameters' shapes, or a list of problems (strings) saying what is wrong with it."""
    n_layers = len(net.weights)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return [f"Your function should return two lists (nabla_w, nabla_b), got {result!r:.80}."]
    problems, arrays = [], []
    for kind, part, params in zip("Wb", result, (net.weights, net.biases), strict=True):
        if not isinstance(part, (tuple, list)) or len(part) != n_layers:
            problems.append(f"nabla_{kind.lower()} should be a list of {n_layers} arrays.")
            continue
        for l, (answer, param) in enumerate(zip(part, params, strict=True), start=1):
            array = as_array(answer)
            if array is None and _not_finite(answer):
                problems.append(f"nabla_{kind.lower()}[{l - 1}] holds NaN or inf values.")
            elif array is None:
                problems.append(f"nabla_{kind.lower()}[{l - 1}] is not an array of numbers.")
            elif array.shape != param.shape:
                problems.append(
                    f"nabla_{kind.lower()}[{l - 1}] = ∂L/∂{kind}{_sup(l)} has shape {array.shape}, "
                    f"but {kind}{_sup(l)} has shape {param.shape}"
                    + (
                        ": the values are there, only the shape is wrong."
                        if array.size == param.size
                        else "."
                    )
                )
            else:
                arrays.append(array)
    return problems or arrays


def _not_finite(answer):
    """True if ``answer`` is an array of numbers with a NaN or an infinity in it."""
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return not np.isfinite(array).all()


def _sup(number):
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _same(result, reference, net, X, Y):
    """True if ``result`` (as read) equals ``reference(weights, biases, X, Y)``."""
    expected = reference([W.copy() for W in net.weights], [b.copy() for b in net.biases], X, Y)
    return all(np.allclose(g, h) for g, h in zip(result, expected[0] + expected[1], strict=True))


def _report(kind, l, error):
    """One line of the gradient check: ∂L/∂Wˡ or ∂L/∂bˡ right or wrong (digits that do not
    depend on the machine's rounding: a right array's error is only said to be below the
    tolerance)."""
    name = f"∂L/∂{kind}{_sup(l)}"
    if error <= EX2_TOLERANCE:
        return f"{name}: right (relative error below {EX2_TOLERANCE:g})"
    return f"{name}: wrong (relative error {error:.2f})"


def _locate(wrong_w, wrong_b, n_layers):
    """A hint from the pattern of wrong arrays: which line of the backward pass to look at."""
    every = list(range(1, n_layers + 1))
    if not wrong_w and wrong_b == every:
        return (
            "Every ∂L/∂W is right and every ∂L/∂b wrong: the bug is in the line that computes the "
            "biases' gradients. Compare it with (BP4)."
        )
    if wrong_w and n_layers not in wrong_w and n_layers not in wrong_b:
        return (
            "The last layer is right and earlier ones are wrong: the bug is in a line that only "
            "the earlier layers depend on. Compare it, symbol by symbol, with (BP2)."
        )
    return "Compare each line with the four equations of step 4, starting at the output."


@never_raise("Find the bug in a backpropagation")
def check_backprop_fix(backprop_function):
    """Exercise 2: ``backprop_function(weights, biases, X, Y)`` must return the gradient
    (nabla_w, nabla_b) of the mean cross-entropy of a network with sigmoid hidden layers and a
    softmax output, nabla_w[l-1] = ∂L/∂Wˡ.

    The gradient check: tried on a [4, 5, 4, 3] network and a batch of 6, every array is
    compared with the numerical gradient (central differences; the reference, no other
    backpropagation). The unchanged function (the planted bug) only gets "not yet": finding the
    wrong arrays with a gradient check is the student's part. A changed function that is still
    wrong gets the check's verdict array by array and a hint from the pattern; the missing σ'
    and a shape-only mistake are recognised.
    """
    title = "Find the bug in a backpropagation"
    if unfinished(backprop_function):
        return not_yet_answered(title, "your function")
    net, X, Y, numeric = _backprop_case()
    weights, biases = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    result, problem = call_safely(title, backprop_function, weights, biases, X.copy(), Y.copy())
    if problem is not None:
        where = f"Called on a network {EX2_SIZES} with a batch of {len(X)} samples:"
        problem.messages = [where] + problem.messages
        return problem
    gradients = _read_gradients(result, net)
    if gradients and isinstance(gradients[0], str):
        return Feedback(
            title,
            False,
            gradients,
            "Return nabla_w, nabla_b: lists with one array per layer, nabla_w[l-1] shaped like "
            "weights[l-1] and nabla_b[l-1] like biases[l-1] (sum over the samples, axis=0).",
        )
    errors = [_relative_error(g, h) for g, h in zip(gradients, numeric, strict=True)]
    n_layers = len(net.weights)
    layers = range(1, n_layers + 1)
    wrong_w = [l for l in layers if errors[l - 1] > EX2_TOLERANCE]
    wrong_b = [l for l in layers if errors[n_layers + l - 1] > EX2_TOLERANCE]
    report = [_report("W", l, errors[l - 1]) for l in layers]
    report += [_report("b", l, errors[n_layers + l - 1]) for l in layers]
    if not wrong_w and not wrong_b:
        return Feedback(
            title,
            True,
            ["The gradient check passes: every gradient agrees with the numerical one."]
            + report
            + [
                "The 1/n of the mean loss is already inside δ (BP1), so (BP4) sums δ over the "
                "samples; a mean divides by n a second time. Every array has the right shape, "
                "so only a gradient check finds this bug."
            ],
        )
    if _same(gradients, planted_bug_backprop, net, X, Y):
        return Feedback(
            title,
            False,
            [
                "This is still the function as given, with its bug.",
                "First find out which arrays are off: compare each array the function returns "
                "with the numerical gradient (check 1 of step 5). Then find the line and fix it.",
            ],
        )
    if _same(gradients, missing_slope_backprop, net, X, Y):
        lead = "Now the ⊙ f'(z) of (BP2) is missing altogether (the bug of step 5):"
    else:
        lead = "The gradient check fails:"
    return Feedback(title, False, [lead] + report, _locate(wrong_w, wrong_b, n_layers))


# --------------------------------------------------------------------------------- exercise 3
#: Exercise 3's deep network: five sigmoid hidden layers of 32 neurons.
EX3_SIZES = [64, 32, 32, 32, 32, 32, 10]
#: Exercise 3's choices.
EX3_CHOICES = {
    "A": "about as large as those of W⁵",
    "B": "many times larger than those of W⁵",
    "C": "many times smaller than those of W⁵",
}


@functools.cache
def gradient_sizes(seed=0, n_samples=200):
    """The mean |∂L/∂Wˡ| of every layer of exercise 3's freshly initialised sigmoid network
    (seed ``seed``) on the first ``n_samples`` training digits: a tuple, layer 1 first."""
    digits = load_digits_split()
    net = Network(EX3_SIZES, hidden_activation="sigmoid", seed=seed)
    nabla_w, _ = net.gradients(digits.X_train[:n_samples], digits.y_train[:n_samples])
    return tuple(float(np.mean(np.abs(g))) for g in nabla_w)


def _measurement():
    sizes = gradient_sizes()
    listed = ", ".join(f"W{_sup(l)} {s:.1e}" for l, s in enumerate(sizes, start=1))
    return [
        f"Measured on the network {EX3_SIZES} (seed 0, 200 digits), mean |∂L/∂Wˡ|: {listed}.",
        f"W¹'s gradients are {sizes[4] / sizes[0]:.0f}× smaller than W⁵'s: each layer on the "
        "way back shrinks them again.",
    ]


def _slope_problem(largest_slope):
    """What is wrong with exercise 3's first answer, σ'(z) at its largest, or None if right."""
    if unfinished(largest_slope):
        return "The largest value of σ'(z) is still `...`."
    if as_number(largest_slope) is None:
        return f"The largest value of σ'(z) should be one number, got {largest_slope!r}."
    if matches_shown(largest_slope, 0.25, 2):
        return None
    value = as_number(largest_slope)
    if matches_shown(value, 0.5, 2):
        return "0.5 is σ(0), the value of the sigmoid; its slope is σ'(0) = σ(0)(1 − σ(0))."
    if matches_shown(value, 1.0, 2):
        return "1 is the largest slope of tanh; the sigmoid's σ' = σ(1 − σ) is smaller."
    if 0 < value < 0.25:
        return (
            f"σ'(z) = σ(z)(1 − σ(z)) does reach {value:g}, but somewhere else it is larger: "
            "where is it largest?"
        )
    return f"σ'(z) = σ(z)(1 − σ(z)) never reaches {value:g}: where is it largest?"


@never_raise("Predict: gradients in a deep sigmoid network")
def check_vanishing_gradient(largest_slope, prediction):
    """Exercise 3: the largest value of σ'(z) (two decimals: 0.25) and the prediction "C":
    in a deep sigmoid network the first layer's gradients are many times smaller than the last
    hidden layer's, because (BP2) multiplies δ by σ'(z) ≤ 1/4 at every layer.

    Once a letter is given, the feedback shows the measurement (mean |∂L/∂Wˡ| per layer).
    """
    title = "Predict: gradients in a deep sigmoid network"
    if unfinished(largest_slope) and unfinished(prediction):
        return not_yet_answered(title, "the largest value of σ'(z) and your prediction")
    if unfinished(prediction):
        return not_yet_answered(title, "your prediction ('A', 'B' or 'C'), made before you look")
    letter = as_letter(prediction, "ABC")
    if letter is None:
        return letter_feedback(title, "ABC")
    messages, passed = [], True
    slope_problem = _slope_problem(largest_slope)
    if slope_problem:
        messages.append(slope_problem)
        passed = False
    else:
        messages.append("σ'(z) = σ(z)(1 − σ(z)) is largest at z = 0: σ'(0) = ½ · ½ = 0.25.")
    if letter == "C":
        messages.append(f"You predicted C, {EX3_CHOICES['C']}: right.")
    else:
        messages.append(f"You predicted {letter}, {EX3_CHOICES[letter]}: not what happens.")
        passed = False
    messages += _measurement()
    hint = (
        None
        if passed
        else "(BP2): δˡ⁻¹ = (δˡ Wˡᵀ) ⊙ σ'(zˡ⁻¹). How often is δ multiplied by σ'(z) on its way "
        "from the output back to layer 1, and how large can σ'(z) be?"
    )
    if passed:
        messages.append(
            "The error is multiplied by σ'(z) ≤ 0.25 once per layer on its way back, so the first "
            "layers of a deep sigmoid network learn slowest: the vanishing gradient. ReLU, whose "
            "slope is 1 wherever it is active, is one cure."
        )
    return Feedback(title, passed, messages, hint)
