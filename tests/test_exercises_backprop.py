"""The checkers of notebook 07 (backpropagation): solutions pass, wrong and unfinished answers
get the feedback they deserve, and nothing raises. (Garbage of every kind: test_exercises_fuzz.)"""

import numpy as np
import pytest
from support import text

import helpers
from helpers.exercises.backprop import (
    check_backprop_fix,
    check_graph_gradients,
    check_neuron_delta,
    check_vanishing_gradient,
    missing_slope_backprop,
    neuron_values,
    planted_bug_backprop,
)
from helpers.exercises.backprop_graph import GRAPH_INPUTS, graph_forward, graph_gradients

# ---------------------------------------------------------------- Step 6: the drawn graph
GRAPH_SOLUTION = {"d": -2, "f": -4, "e": -2, "a": 4, "b": -4}


def test_graph_reference_is_the_chain_rule():
    """The checker's reference (central differences) equals the chain rule worked by hand:
    e = a·b = −6, d = e + a = −4, L = d·f = 8; ∂L/∂d = f, ∂L/∂f = d, ∂L/∂e = ∂L/∂d,
    ∂L/∂a = ∂L/∂e · b + ∂L/∂d, ∂L/∂b = ∂L/∂e · a."""
    values = graph_forward(**GRAPH_INPUTS)
    assert (values["e"], values["d"], values["L"]) == (-6.0, -4.0, 8.0)
    grads = graph_gradients()
    f, d, a, b = values["f"], values["d"], values["a"], values["b"]
    assert grads == {"d": f, "f": d, "e": f, "a": f * b + f, "b": f * a}


def test_graph_solution_passes():
    assert check_graph_gradients(GRAPH_SOLUTION)
    assert check_graph_gradients({k: str(v) for k, v in GRAPH_SOLUTION.items()})
    assert check_graph_gradients({k: float(v) for k, v in GRAPH_SOLUTION.items()})


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"a": 6}, "both paths"),  # only the path through e
        ({"a": -2}, "both paths"),  # only the direct path
        ({"b": 2}, "local derivative alone"),
        ({"e": 1}, "local derivative alone"),
        ({"f": -2}, "the other factor, d"),
        ({"d": 2}, "Check the signs"),
        ({"d": 7}, "Start at L on the right"),
        ({"d": ...}, "still `...`"),
        ({"d": "minus two"}, "one number"),
    ],
)
def test_graph_wrong_answers_get_a_hint(changes, expected):
    feedback = check_graph_gradients({**GRAPH_SOLUTION, **changes})
    assert not feedback
    assert expected in text(feedback)


def test_graph_unfinished_and_malformed():
    assert "Replace the `...`" in text(check_graph_gradients(...))
    assert "Replace the `...`" in text(check_graph_gradients(dict.fromkeys("dfeab", ...)))
    assert "every node: b" in text(check_graph_gradients({"d": -2, "f": -4, "e": -2, "a": 4}))
    assert "Give a dict" in text(check_graph_gradients([-2, -4, -2, 4, -4]))


# ---------------------------------------------------------------- Exercise 1
def solution_neuron():
    z = -0.5 * 2.0 + 0.5
    a = helpers.sigmoid(z)
    delta = (a - 1.0) * a * (1 - a)
    return delta, delta * 2.0, delta


def test_neuron_values_match_the_chain_rule_and_central_differences():
    v = neuron_values()
    assert v["z"] == pytest.approx(-0.5)
    assert v["a"] == pytest.approx(0.3775, abs=1e-4)
    assert v["delta"] == pytest.approx(-0.1463, abs=1e-4)
    eps = 1e-6

    def loss(w, b):
        return 0.5 * (float(helpers.sigmoid(w * 2.0 + b)) - 1.0) ** 2

    numeric_w = (loss(-0.5 + eps, 0.5) - loss(-0.5 - eps, 0.5)) / (2 * eps)
    assert v["dL_dw"] == pytest.approx(numeric_w, rel=1e-6)


def test_neuron_solution_passes():
    feedback = check_neuron_delta(*solution_neuron())
    assert feedback, text(feedback)
    assert check_neuron_delta(-0.146, -0.293, -0.146)  # three decimals, as the exercise asks
    assert check_neuron_delta("-0.146", "-0.293", "-0.146")  # strings holding numbers count
    assert check_neuron_delta(np.float64(-0.1463), np.array(-0.2926), -0.1463)


def test_neuron_two_decimals_are_not_enough():
    feedback = check_neuron_delta(-0.15, -0.29, -0.15)
    assert not feedback
    assert "round to 3 decimals" in text(feedback)  # says what is missing, not just "not right"
    assert "round to 3 decimals" in text(check_neuron_delta("−0.15", "−0.29", "−0.15"))


def test_neuron_by_hand_chain_of_rounded_steps_passes():
    """Issue 19: −0.146 then 2 × (−0.146) = −0.292 was rejected with "give 3 decimals, not
    fewer" (the exact ∂L/∂w is −0.29256). A by-hand chain of steps rounded to three decimals
    must pass, and the feedback says the answer is right up to the rounding of the steps."""
    feedback = check_neuron_delta(-0.146, -0.292, -0.146)
    assert feedback, text(feedback)
    assert "rounded steps" in text(feedback)
    assert check_neuron_delta("-0.146", "-0.292", "-0.146")
    # every step rounded to three decimals: a = 0.378, a − y = −0.622, σ' = 0.235
    a = 0.378
    sigma_prime = round(a * (1 - a), 3)
    delta = round(round(a - 1.0, 3) * sigma_prime, 3)
    assert check_neuron_delta(delta, round(2 * delta, 3), delta)
    # a chain that rounds a little differently: −0.147 and 2 × (−0.147)
    assert check_neuron_delta(-0.147, -0.294, -0.147)


def test_neuron_rounding_does_not_excuse_a_wrong_number():
    """Credit for 2 × your δ needs a right δ; a δ off in the third decimal by more than the
    rounding of the steps gets a rounding hint, not a pass."""
    assert not check_neuron_delta(-0.15, -0.300, -0.15)
    off = check_neuron_delta(-0.149, -0.298, -0.149)
    assert not off and "round only the answer" in text(off)
    assert not check_neuron_delta(-0.146, -0.2, -0.146)
    assert not check_neuron_delta(-0.146, -0.146, -0.146)  # ∂L/∂w without the x


def test_neuron_unfinished_is_not_yet():
    feedback = check_neuron_delta(..., ..., ...)
    assert not feedback
    assert "Replace the `...`" in text(feedback)
    delta, dw, db = solution_neuron()
    half = check_neuron_delta(delta, ..., db)
    assert not half
    assert "still `...`" in text(half) and "right" in text(half)


@pytest.mark.parametrize(
    "answers, expected_hint",
    [
        ((-0.6225, -1.245, -0.6225), "σ'(z)"),  # forgot σ'(z)
        ((0.1463, 0.2926, 0.1463), "Wrong sign"),
        ((-0.1463, -0.1463, -0.1463), "multiply δ by the input"),
        ((-0.1463, -0.2926, -0.2926), "without the x"),
        ((1.0, 2.0, 3.0), "Forward first"),
    ],
)
def test_neuron_wrong_answers_get_a_hint(answers, expected_hint):
    feedback = check_neuron_delta(*answers)
    assert not feedback
    assert expected_hint in text(feedback)


# ---------------------------------------------------------------- Exercise 2
def fixed_backprop(weights, biases, X, Y, keepdims=False):
    """The right answer, from the library: ``Network.backprop`` (sigmoid hidden layers, softmax
    output, cross-entropy), the biases' gradients as rows if ``keepdims``."""
    sizes = [len(weights[0])] + [len(b) for b in biases]
    net = helpers.Network(sizes, hidden_activation="sigmoid")
    net.weights, net.biases = weights, biases
    nabla_w, nabla_b = net.backprop(X, Y)
    return nabla_w, [g[None, :] if keepdims else g for g in nabla_b]


def backprop_with_slope(slope):
    """A backpropagation whose (BP2) multiplies by ``slope(z, a)`` of the layer below: the
    variants a student may write (a(1 − a): right; σ'(a): the z/a mix-up)."""

    def backprop(weights, biases, X, Y):
        zs, activations = [], [X]
        for l, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
            zs.append(activations[-1] @ W + b)
            last = l == len(weights)
            activations.append(helpers.softmax(zs[-1]) if last else helpers.sigmoid(zs[-1]))
        nabla_w, nabla_b = [None] * len(weights), [None] * len(weights)
        delta = (activations[-1] - Y) / len(X)
        for l in range(len(weights), 0, -1):
            nabla_w[l - 1] = activations[l - 1].T @ delta
            nabla_b[l - 1] = delta.sum(axis=0)
            if l > 1:
                delta = (delta @ weights[l - 1].T) * slope(zs[l - 2], activations[l - 1])
        return nabla_w, nabla_b

    return backprop


def test_backprop_fix_solution_passes():
    feedback = check_backprop_fix(fixed_backprop)
    assert feedback, text(feedback)
    assert "gradient check passes" in text(feedback)


def test_backprop_fix_other_correct_fixes_pass():
    """The exercise's own fix (sum, not mean: n times the planted biases' gradients), σ'(z)
    written from the activation, a (1 − a), and σ'(z) itself are all right."""

    def the_fix(weights, biases, X, Y):
        grads_w, grads_b = planted_bug_backprop(weights, biases, X, Y)
        return grads_w, [len(X) * g for g in grads_b]

    assert check_backprop_fix(the_fix)
    assert check_backprop_fix(backprop_with_slope(lambda z, a: a * (1 - a)))
    assert check_backprop_fix(backprop_with_slope(lambda z, a: helpers.sigmoid_prime(z)))


def test_backprop_fix_unchanged_says_so_without_the_answer():
    """The committed output of the exercise: "not yet", and what to do, but nothing that says
    where the bug is (issue 19: it located the wrong layers before the student looked)."""
    feedback = check_backprop_fix(planted_bug_backprop)
    assert not feedback
    said = text(feedback)
    assert "still the function as given" in said and "numerical gradient" in said
    for clue in ("layer", "∂L/∂b", "∂L/∂W", "right", "wrong", "BP4", "mean", "sum"):
        assert clue not in said, clue


def test_backprop_fix_planted_bug_is_in_the_biases_only():
    """The planted error: every ∂L/∂bˡ wrong, every ∂L/∂Wˡ right (the mean over the samples
    where (BP4) sums). A function changed elsewhere that keeps it gets the array-by-array
    check and the hint to look at the biases' line."""

    def renamed(weights, biases, X, Y):  # the same bug, in a changed function
        grads_w, grads_b = planted_bug_backprop(weights, biases, X, Y)
        return list(grads_w), [g.copy() for g in grads_b]

    feedback = check_backprop_fix(renamed)
    assert feedback is not None and not feedback.passed
    said = text(feedback)
    assert "still the function as given" in said  # the same numbers: recognised
    half = check_backprop_fix(  # a different bug in the same line: twice the sum
        lambda w, b, X, Y: (
            fixed_backprop(w, b, X, Y)[0],
            [2 * g for g in fixed_backprop(w, b, X, Y)[1]],
        )
    )
    said = text(half)
    assert not half
    assert "∂L/∂W¹: right" in said and "∂L/∂b¹: wrong" in said and "∂L/∂b³: wrong" in said
    assert "biases' gradients" in said


def test_backprop_fix_earlier_layers_wrong_points_to_bp2():
    slope_of_a = backprop_with_slope(lambda z, a: helpers.sigmoid_prime(a))  # σ'(a), not σ'(z)
    feedback = check_backprop_fix(slope_of_a)
    assert not feedback
    said = text(feedback)
    assert "∂L/∂W³: right" in said and "∂L/∂W¹: wrong" in said and "(BP2)" in said


def test_backprop_fix_keepdims_is_only_a_shape_problem():
    feedback = check_backprop_fix(lambda *args: fixed_backprop(*args, keepdims=True))
    assert not feedback
    said = text(feedback)
    assert "only the shape is wrong" in said
    assert "has shape (1, 3), but b³ has shape (3,)" in said


def test_backprop_fix_missing_slope_is_named():
    feedback = check_backprop_fix(missing_slope_backprop)
    assert not feedback
    assert "missing altogether" in text(feedback)


@pytest.mark.parametrize(
    "wrong, expected",
    [
        (lambda w, b, X, Y: [(-g for g in part) for part in fixed_backprop(w, b, X, Y)], "array"),
        (
            lambda w, b, X, Y: tuple([-g for g in part] for part in fixed_backprop(w, b, X, Y)),
            "∂L/∂W³: wrong (relative error 1.00)",
        ),
        (lambda w, b, X, Y: fixed_backprop(w, b, X, Y)[0], "two lists"),
        (lambda w, b, X, Y: (fixed_backprop(w, b, X, Y)[0][:2], [0, 0, 0]), "list of 3 arrays"),
        (
            lambda w, b, X, Y: ([g.T for g in fixed_backprop(w, b, X, Y)[0]], [0] * 3),
            "only the shape is wrong",
        ),
        (lambda w, b, X, Y: 1 / 0, "ZeroDivisionError"),
        (lambda w, b, X, Y: None, "did you print instead of return"),
        (42, "Expected a function"),
    ],
)
def test_backprop_fix_wrong_answers(wrong, expected):
    feedback = check_backprop_fix(wrong)
    assert not feedback
    assert expected in text(feedback)


def test_backprop_fix_does_not_let_the_student_change_the_network():
    def vandal(weights, biases, X, Y):
        for W in weights:
            W[...] = 0
        return fixed_backprop(weights, biases, X, Y)

    assert not check_backprop_fix(vandal)
    assert check_backprop_fix(fixed_backprop)  # the case itself is untouched


# ---------------------------------------------------------------- Exercise 3
def test_vanishing_gradient_solution_passes():
    feedback = check_vanishing_gradient(0.25, "C")
    assert feedback, text(feedback)
    assert check_vanishing_gradient(1 / 4, " c ")
    assert check_vanishing_gradient("0.25", "C")


def test_vanishing_gradient_largest_slope_is_a_quarter():
    z = np.linspace(-10, 10, 20001)
    assert helpers.sigmoid_prime(z).max() == pytest.approx(0.25)


@pytest.mark.parametrize(
    "answers, expected",
    [
        ((0.5, "C"), "σ(0), the value"),
        ((1, "C"), "largest slope of tanh"),
        ((0.3, "C"), "never reaches 0.3"),
        ((0.2, "C"), "does reach 0.2, but somewhere else it is larger"),
        ((-0.1, "C"), "never reaches -0.1"),
        ((0.25, "A"), "not what happens"),
        ((0.25, "B"), "not what happens"),
        ((0.25, "Dunno"), "Answer with one letter"),
        ((0.25, "AC"), "Answer with one letter"),
        ((..., "C"), "still `...`"),
        ((0.25, ...), "Replace the `...`"),
        ((..., ...), "Replace the `...`"),
        (("quarter", "C"), "one number"),
    ],
)
def test_vanishing_gradient_wrong_answers(answers, expected):
    feedback = check_vanishing_gradient(*answers)
    assert not feedback
    assert expected in text(feedback)


def test_vanishing_gradient_hides_the_measurement_until_a_prediction():
    assert "Measured" not in text(check_vanishing_gradient(..., ...))
    assert "Measured" not in text(check_vanishing_gradient(0.25, ...))
    assert "Measured" in text(check_vanishing_gradient(0.25, "A"))


def test_backprop_fix_names_the_input_and_nan():
    """Issue 21's rule: the network and batch it raised on; NaN or inf gradients named."""
    said = text(check_backprop_fix(lambda w, b, X, Y: 1 / 0))
    assert "network [4, 5, 4, 3] with a batch of 6 samples" in said and "ZeroDivisionError" in said

    def nan_weights(w, b, X, Y):
        grads_w, grads_b = fixed_backprop(w, b, X, Y)
        return [g * np.nan for g in grads_w], grads_b

    said = text(check_backprop_fix(nan_weights))
    assert "nabla_w[0] holds NaN or inf values" in said
