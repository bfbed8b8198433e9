"""Claims of notebook 02 (network structure) whose truth depends on a computed result.

One test per claim; each docstring quotes the sentence it keeps true.
"""

import numpy as np

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


def test_wider_hidden_layer_fits_sine_ever_closer():
    """ "One hidden neuron can only make one S-shaped step ...; two already give the right shape,
    and more neurons fit ever closer." (the notebook's fit: 1000 full-batch steps, momentum 0.9)"""
    x = np.linspace(-3, 3, 61)[:, None]
    y = np.sin(x)
    losses = []
    for width in [1, 2, 4, 16]:
        net = helpers.Network(
            [1, width, 1], hidden_activation="tanh", output_activation="linear", loss="mse", seed=0
        )
        history = net.fit(x, y, epochs=1000, batch_size=61, learning_rate=0.1, momentum=0.9)
        losses.append(history["loss"][-1])
    assert losses == sorted(losses, reverse=True), losses
    assert losses[0] > 5 * losses[1]  # one step misses the ends; two give the shape
