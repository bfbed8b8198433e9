"""Claims of notebook 03 (activation functions) whose truth depends on a computed result.

One test per claim; each docstring quotes the sentence it keeps true.
"""

import re
import warnings

import numpy as np
from notebook_cells import definitions, output

import helpers


def test_sigmoid_moves_by_about_the_change_of_w1():
    """ "Now a change of 0.0002 in w₁ moves the output by about 0.0002 (from 0.4999 to 0.5001)" """
    x, b = np.array([4.0, 1.0]), 1.0
    low = float(helpers.sigmoid(np.array([-0.7501, 2.0]) @ x + b))
    high = float(helpers.sigmoid(np.array([-0.7499, 2.0]) @ x + b))
    assert (round(low, 4), round(high, 4)) == (0.4999, 0.5001)
    assert abs((high - low) - 0.0002) < 0.00002


def test_sigmoid_steepest_at_zero_and_flat_beyond_4():
    """ "sigmoid: smooth, steepest at z = 0 with slope 0.25, and almost flat for |z| > 4" """
    z = np.linspace(-10, 10, 2001)
    slopes = helpers.sigmoid_prime(z)
    assert z[slopes.argmax()] == 0 and np.isclose(slopes.max(), 0.25)
    assert slopes[np.abs(z) > 4].max() < 0.02


def test_tanh_is_a_stretched_sigmoid_with_slope_up_to_1():
    """ "tanh: the sigmoid's shape stretched to be centred on 0 (tanh(z) = 2σ(2z) − 1), slope up
    to 1." """
    z = np.linspace(-6, 6, 1201)
    assert np.allclose(helpers.tanh(z), 2 * helpers.sigmoid(2 * z) - 1)
    assert np.isclose(helpers.tanh_prime(z).max(), 1.0)


def test_helpers_sigmoid_avoids_the_overflow_warning():
    """ "`helpers.sigmoid` ... also avoids the overflow warning that `np.exp(-z)` gives for
    z = −1000" """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(helpers.sigmoid(-1000.0)) == 0.0
        try:
            np.exp(1000.0)
        except RuntimeWarning:
            pass
        else:  # pragma: no cover - NumPy changed
            raise AssertionError("np.exp(1000) no longer warns")


X_SNACK, Y_SNACK = helpers.snack_data()
#: The notebook's own ``relu_neuron`` (step 4's dying-ReLU demonstration), taken from its cell.
RELU_NEURON = definitions("03", "nb03-dying-code", X_snack=X_SNACK, y_snack=Y_SNACK)["relu_neuron"]


def _relu_neuron_run(eta, steps=200):
    """The notebook's demonstration with its ``relu_neuron``: (loss, active evenings, w, b) after
    each step."""
    w, b = np.array([1.0, 1.0]), 0.0
    history = []
    for _ in range(steps + 1):
        loss, (grad_w, grad_b), active = RELU_NEURON(w, b)
        history.append((loss, active, w.copy(), b))
        w, b = w - eta * grad_w, b - eta * grad_b
    return history


def _printed_verdict(eta):
    """The notebook's printed "the neuron is dead: ..." line for the run at ``eta``."""
    printed = output("03", "nb03-dying-code")
    run = printed.split(f"η = {eta}:")[1].split("η = ")[0]
    return re.search(r"the neuron is dead: (True|False)", run).group(1)


def test_large_step_kills_the_relu_neuron_for_good():
    """ "With η = 0.5 the first step overshoots ... afterwards z < 0 on every evening: the
    gradient is exactly 0, and 200 more steps change nothing at all." """
    history = _relu_neuron_run(0.5)
    assert history[0][1] > 0
    assert all(active == 0 for _, active, _, _ in history[1:])
    w1, b1 = history[1][2], history[1][3]
    assert all(np.array_equal(w, w1) and b == b1 for _, _, w, b in history[1:])
    assert _printed_verdict(0.5) == "True"


def test_small_step_keeps_the_relu_neuron_alive_and_learning():
    """ "With η = 0.05 the same neuron stays alive and its loss keeps falling." """
    history = _relu_neuron_run(0.05)
    losses = [loss for loss, _, _, _ in history]
    assert all(active > 0 for _, active, _, _ in history)
    assert all(later <= earlier for earlier, later in zip(losses, losses[1:], strict=False))
    assert _printed_verdict(0.05) == "False"


def test_exponential_exaggerates_differences():
    """ "a score 2.5 higher means e^2.5 ≈ 12 times more likely" """
    p = helpers.softmax(np.array([5.0, 2.5, 0.5]))
    assert round(p[0] / p[1]) == 12


def test_slide_rounds_softmax_up_once_more():
    """ "So the network says: class A with probability 0.915, B with 0.075, C with 0.010. ...
    To two decimals 0.9148 would be 0.91 ... the slide's three rounded numbers add up to 1.01" """
    p = helpers.softmax(np.array([5.0, 2.5, 0.5]))
    assert [f"{v:.3f}" for v in p] == ["0.915", "0.075", "0.010"]
    assert f"{p[0]:.4f}" == "0.9148" and f"{p[0]:.2f}" == "0.91"
    assert np.isclose(0.92 + 0.08 + 0.01, 1.01)


def test_softmax_of_equal_scores_and_of_shifted_scores():
    """ "Equal scores give equal probabilities, 1/3 each" and "Adding 100 to every score changes
    nothing at all" """
    assert np.allclose(helpers.softmax(np.array([1.0, 1.0, 1.0])), 1 / 3)
    z = np.array([5.0, 2.5, 0.5])
    assert np.allclose(helpers.softmax(z + 100), helpers.softmax(z))


def test_step_4_shows_the_plain_relu_only_and_claims_no_cure():
    """Issue 19: step 4 "cured" dying ReLUs, which nothing showed. Now the leaky ReLU is "listed"
    among the ways to keep neurons alive, "(the demonstration above used the plain ReLU only)",
    and its slope for z < 0 is 0.01, not 0, so gradients reach a neuron that is off."""
    import json
    from pathlib import Path

    path = Path(__file__).parent.parent / "notebooks" / "03_activation_functions.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    demo = "".join(next(c["source"] for c in cells if c.get("id") == "nb03-dying-code"))
    assert "cured" not in text and "leaky" not in demo.lower()
    assert "helpers.relu(" in demo and "helpers.relu_prime(" in demo
    z = np.array([-3.0, -0.5])
    leaky_slope = np.where(z > 0, 1.0, 0.01)
    assert np.all(leaky_slope > 0) and np.all(helpers.relu_prime(z) == 0)


def test_the_activation_table_is_typeset_math():
    """Issue 19 (website): the table and the softmax lines were caret text (e^(−z))."""
    import json
    from pathlib import Path

    path = Path(__file__).parent.parent / "notebooks" / "03_activation_functions.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "e^(" not in text and "e^z" not in text and "10^308" not in text
    assert "\\dfrac{1}{1 + e^{-z}}" in text
