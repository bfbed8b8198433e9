"""The backpropagation notebook 07 teaches is the one ``helpers.Network`` runs.

Notebook 07 writes backpropagation inline, in a cell tagged ``inline-backprop``; this test runs
that cell's code and checks that its function gives the same gradients as
``Network.backprop(X, Y)`` on random networks of several sizes and hidden activations (softmax
output, cross-entropy: the case the inline function covers).
"""

import json
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.activations import ACTIVATIONS

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "07_backpropagation.ipynb"
TAG = "inline-backprop"


def inline_backprop():
    """The function ``backprop`` defined by the notebook's cell tagged ``inline-backprop``."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if TAG in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"expected one cell tagged {TAG!r} in {NOTEBOOK.name}"
    namespace = {"helpers": helpers, "np": np}
    exec(compile("".join(tagged[0]["source"]), f"{NOTEBOOK.name}[{TAG}]", "exec"), namespace)
    return namespace["backprop"]


SIZES = [[3, 2], [4, 5, 3], [6, 8, 7, 4], [5, 4, 6, 3, 10]]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_inline_backprop_equals_network_backprop(sizes, activation):
    backprop = inline_backprop()
    rng = np.random.default_rng(len(sizes) * 10 + sizes[0])
    net = helpers.Network(sizes, hidden_activation=activation, seed=int(rng.integers(1000)))
    for b in net.biases:  # non-zero biases, so that a mix-up of z and a would show
        b[...] = rng.normal(size=b.shape)
    X = rng.normal(size=(7, sizes[0]))
    Y = net.targets(rng.integers(0, sizes[-1], size=7))
    f, f_prime = ACTIVATIONS[activation]
    inline_w, inline_b = backprop(net.weights, net.biases, X, Y, f=f, f_prime=f_prime)
    network_w, network_b = net.backprop(X, Y)
    assert len(inline_w) == len(network_w) == len(sizes) - 1
    for mine, theirs in zip(inline_w + inline_b, network_w + network_b, strict=True):
        assert mine.shape == theirs.shape
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15)


def test_inline_backprop_defaults_to_sigmoid():
    """The notebook calls it without f: sigmoid hidden layers, as its docstring says."""
    backprop = inline_backprop()
    net = helpers.Network([4, 5, 3], hidden_activation="sigmoid", seed=1)
    X = np.random.default_rng(0).normal(size=(6, 4))
    Y = net.targets(np.array([0, 1, 2, 0, 1, 2]))
    for mine, theirs in zip(
        sum(backprop(net.weights, net.biases, X, Y), []), sum(net.backprop(X, Y), []), strict=True
    ):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15)
