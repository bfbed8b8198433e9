"""Claims of notebook 02 (network structure) whose truth depends on a computed result.

One test per claim; each docstring quotes the sentence it keeps true.
"""

import re

import numpy as np
import pytest
from notebook_cells import output

import helpers


def test_weights_list_starts_at_layer_1_with_shape_from_to():
    """ "`net.weights[l-1]` | `(sizes[l-1], sizes[l])`" and "`net.biases[l-1]` | `(sizes[l],)`":
    Wˡ = weights[l-1] has one row per neuron of layer l−1 and one column per neuron of layer l."""
    sizes = [2, 3, 2]
    net = helpers.Network(sizes, seed=0)
    for l in range(1, len(sizes)):
        assert net.weights[l - 1].shape == (sizes[l - 1], sizes[l])
        assert net.biases[l - 1].shape == (sizes[l],)


def test_entry_k_j_is_the_weight_from_k_to_j():
    """ "entry [k, j] is w^l_kj" (from neuron k of layer l−1 to neuron j of layer l): changing
    weights[0][1, 2] changes only the weighted input of hidden neuron 3, in proportion to x₂."""
    net = helpers.Network([2, 3, 2], seed=0)
    x = np.array([[4.0, 1.0]])
    before = x @ net.weights[0] + net.biases[0]
    net.weights[0][1, 2] += 1.0
    after = x @ net.weights[0] + net.biases[0]
    assert np.allclose(after - before, [[0.0, 0.0, x[0, 1]]])


def test_untrained_network_does_no_better_than_always_get_snacks():
    """ "The untrained network does no better than always answering "get snacks" ..., and every
    probability it gives is close to 0.5" """
    net = helpers.Network([2, 3, 2], seed=0)
    X, y = helpers.snack_data()
    A = net.forward(X)
    assert np.mean(A.argmax(axis=1) == y) <= np.mean(y == 1)
    assert np.abs(A - 0.5).max() < 0.1


def test_without_activation_two_layers_are_one_linear_layer():
    """ "Stacked linear layers are one linear layer": x W¹ W² + (b¹ W² + b²) equals the two
    layers with f(z) = z."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2))
    W1, b1 = rng.normal(size=(2, 3)), rng.normal(size=3)
    W2, b2 = rng.normal(size=(3, 2)), rng.normal(size=2)
    assert np.allclose((X @ W1 + b1) @ W2 + b2, X @ (W1 @ W2) + (b1 @ W2 + b2))


def test_two_steep_sigmoids_make_a_bump_of_height_h():
    """ "h σ(w(x − l)) − h σ(w(x − r)) ≈ h between l and r, 0 elsewhere" (w = 20, l = 0, r = 1,
    h = 0.7): the values printed under the cell, recomputed, are within 0.01 of h inside and of
    0 outside."""
    printed = dict(
        (float(x), float(v))
        for x, v in re.findall(
            r"x = ([+-]\d\.\d+):  bump = (-?\d\.\d+)", output("02", "nb02-one-bump")
        )
    )
    assert len(printed) == 5
    for x, value in printed.items():
        bump = 0.7 * (helpers.sigmoid(20 * (x - 0)) - helpers.sigmoid(20 * (x - 1)))
        assert value == pytest.approx(bump, abs=5e-4)
        assert abs(value - (0.7 if 0 < x < 1 else 0.0)) < 0.01


def test_the_bump_network_is_the_formula():
    """ "network = the bump formula: True" and "`bump_network(heights)` ... sets exactly the
    weights above" """
    from helpers.widgets.bumps import bump_network

    assert "network = the bump formula: True" in output("02", "nb02-bump-network")
    net = bump_network([0.7], edges=[0.0, 1.0], steepness=20.0)
    assert net.weights[0].ravel().tolist() == [20.0, 20.0]
    assert net.biases[0].tolist() == [0.0, -20.0]
    assert net.weights[1].ravel().tolist() == [0.7, -0.7]


def test_bumps_at_the_curve_s_midpoints_reach_the_exercise_target():
    """Exercise 4's solution ("each bump as tall as sin x in the middle of its interval", also
    rounded to one decimal) brings the error under 0.02, and all heights 0 do not."""
    from helpers.widgets.bumps import bump_state

    heights = np.sin(np.arange(-2.5, 3, 1.0))
    assert bump_state(heights)["error"] < 0.02
    assert bump_state(np.round(heights, 1))["error"] < 0.02
    assert bump_state(np.zeros(6))["error"] > 0.02
