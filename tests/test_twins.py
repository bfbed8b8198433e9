"""Every notebook cell that a library function copies gives the same values as its twin.

A cell is a twin when it carries the tag ``twin:<dotted path>`` (CONTRIBUTING, "Twins and
claims"). For each such cell this test executes the cell's definitions (in a namespace holding
the notebook's imports, see tests/notebook_cells.py) and compares the function with the library
function on fixed inputs. ``CASES`` says, once per twin, which function of the cell it is and how
its arguments map onto the twin's; a tagged cell without a case, or a case without its tagged
cell, fails.
"""

import importlib

import numpy as np
import pytest
from notebook_cells import definitions, tagged

import helpers
from helpers.activations import ACTIVATIONS
from helpers.data import make_neuron_data

X1, Y1 = make_neuron_data()  # the 1-D data of notebooks 05 and 06
BETAS = [(-2.0, 3.0), (0.9, 0.1), (3.0, -1.0), (-40.0, 5.0)]  # the last: a rounds to 0 or 1


def resolve(dotted):
    """The object named by ``dotted`` (a module's attribute, or a class's method)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def neuron_loss_05(ns, twin):
    for w, b in BETAS:
        yield ns["loss"](w, b), twin(np.array([w, b]), X1, Y1)


def neuron_gradient_05(ns, twin):
    for w, b in BETAS:
        yield ns["gradient"](w, b), twin(np.array([w, b]), X1, Y1)


def neuron_gradient_06(ns, twin):
    rng = np.random.default_rng(0)
    for beta, size in zip(BETAS, (1, 8, 40, 5), strict=True):
        batch = rng.choice(len(X1), size=size, replace=False)
        yield ns["gradient"](np.array(beta), batch), twin(np.array(beta), X1[batch], Y1[batch])


def backprop_cases(activations=("sigmoid",)):
    """Random networks with non-zero biases (so that a mix-up of z and a shows) and batches."""
    for sizes in ([3, 2], [1, 1, 2], [4, 5, 3], [6, 8, 7, 4], [5, 4, 6, 3, 10]):
        for activation in activations:
            rng = np.random.default_rng(len(sizes) * 10 + sizes[0])
            net = helpers.Network(sizes, hidden_activation=activation, seed=int(rng.integers(99)))
            for b in net.biases:
                b[...] = rng.normal(size=b.shape)
            X = rng.normal(size=(7, sizes[0]))
            yield net, activation, X, net.targets(rng.integers(0, sizes[-1], size=7))


def flat(gradients):
    nabla_w, nabla_b = gradients
    return list(nabla_w) + list(nabla_b)


def network_backprop_07(ns, twin):
    """Every hidden activation, given as f and f_prime; and, for sigmoid networks, also the call
    without them (the notebook's own call: its defaults must be sigmoid's, as its docstring says).
    """
    for net, activation, X, Y in backprop_cases(("sigmoid", "tanh", "relu", "linear")):
        f, f_prime = ACTIVATIONS[activation]
        calls = [{"f": f, "f_prime": f_prime}] + ([{}] if activation == "sigmoid" else [])
        theirs = twin(net, X, Y)
        for keywords in calls:
            mine = ns["backprop"](net.weights, net.biases, X, Y, **keywords)
            assert len(mine[0]) == len(mine[1]) == len(net.weights), "one gradient per layer"
            yield from zip(flat(mine), flat(theirs), strict=True)


def planted_07(function_name):
    def compare(ns, twin):
        for net, _, X, Y in backprop_cases():
            mine = ns[function_name](net.weights, net.biases, X, Y)
            yield from zip(flat(mine), flat(twin(net.weights, net.biases, X, Y)), strict=True)

    return compare


#: (notebook, tag) -> a generator of (cell's value, twin's value) pairs on fixed inputs, given the
#: cell's namespace and the twin. Globals a cell's function reads are given in GLOBALS.
CASES = {
    ("05", "twin:helpers.neuron.neuron_loss"): neuron_loss_05,
    ("05", "twin:helpers.neuron.neuron_gradient"): neuron_gradient_05,
    ("06", "twin:helpers.neuron.neuron_gradient"): neuron_gradient_06,
    ("07", "twin:helpers.network.Network.backprop"): network_backprop_07,
    ("07", "twin:helpers.exercises.backprop.missing_slope_backprop"): planted_07("buggy_backprop"),
    ("07", "twin:helpers.exercises.backprop.planted_bug_backprop"): planted_07("backprop_to_fix"),
}
GLOBALS = {"05": {"x": X1, "y": Y1}, "06": {"x": X1, "y": Y1}}
NOTEBOOKS = ["01", "02", "03", "04", "05", "06", "07", "08", "09"]


def test_every_tagged_cell_has_a_case_and_every_case_a_cell():
    found = {(nb, tag) for nb in NOTEBOOKS for tag, _ in tagged(nb, "twin:")}
    assert not found - set(CASES), f"tagged cells without a case in CASES: {found - set(CASES)}"
    assert not set(CASES) - found, f"cases whose cell is not tagged: {set(CASES) - found}"


@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[0]}-{c[1][5:]}")
def test_cell_equals_its_twin(case):
    check_twin(*case)


def check_twin(nb, tag, notebook=None):
    """Compare the cell ``tag`` of notebook ``nb`` (or of the file ``notebook``) with its twin."""
    case = (nb, tag)
    ns = definitions(notebook or nb, tag, **GLOBALS.get(nb, {}))
    twin = resolve(tag.removeprefix("twin:"))
    pairs = list(CASES[case](ns, twin))
    assert pairs, f"{case}: nothing compared"
    for mine, theirs in pairs:
        assert np.shape(mine) == np.shape(theirs), f"{case}: shapes differ"
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15, err_msg=str(case))
