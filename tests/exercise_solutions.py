"""A reference solution for every exercise checker in ``helpers.exercises``.

``SOLUTIONS["module.check_name"] = (args, kwargs)``: calling the checker with them must pass.
``tests/test_exercises_fuzz.py`` finds every checker by itself and fails when one has no entry
here, so a new checker cannot go untested. Whoever adds or changes a checker adds its entry.
"""

import math

import numpy as np

import helpers
from helpers.exercises.gradient_descent import reference_descend


def _leaky_relu(z):
    return np.maximum(0.01 * z, z)


def _leaky_relu_prime(z):
    return np.where(z > 0, 1.0, 0.01)


def _perceptron(x, w, b):
    return int(np.dot(x, w) + b > 0)


def _backprop_fixed(weights, biases, X, Y):
    sizes = [len(weights[0])] + [len(b) for b in biases]
    net = helpers.Network(sizes, hidden_activation="sigmoid")
    net.weights, net.biases = weights, biases
    return net.backprop(X, Y)


def _xor_challenge():
    from helpers.playground import PlaygroundModel

    model = PlaygroundModel(dataset="xor", hidden=(3,), activation="relu", learning_rate=0.1)
    model.train(300)
    return model


def _gradient_step(beta, gradient, eta):
    return beta - eta * gradient


def _updates_per_epoch(n, batch_size):
    return math.ceil(n / batch_size)


def _tanh_neuron_dw(w, b, x, y):
    a = np.tanh(w * x + b)
    return (a - y) * (1 - a**2) * x


_SCORES = np.array([2.0, 1.0, 0.1])
_Y = np.array([0.0, 0.0, 1.0])
_Y_HAT = np.array([0.2, 0.2, 0.6])
_NEURON_DELTA = (helpers.sigmoid(-0.5) - 1.0) * helpers.sigmoid_prime(-0.5)

SOLUTIONS = {
    # 01 perceptron
    "perceptron.check_snack_decision": ((0.5, 1), {}),
    "perceptron.check_nor": (((-1, -1), 0.5), {}),
    "perceptron.check_tipping_bias": ((2, 0), {}),
    "perceptron.check_my_perceptron": ((_perceptron,), {}),
    # 02 structure
    "structure.check_weight_shapes": (([(784, 30), (30, 10)],), {}),
    "structure.check_parameter_count": ((23860,), {}),
    "structure.check_forward_step": (([1.5, 2, -1.5], [1.5, 2, 0]), {}),
    "structure.check_bump_heights": ((np.sin(np.arange(-2.5, 3, 1.0)),), {}),
    # 03 activations
    "activations.check_leaky_relu": ((_leaky_relu, _leaky_relu_prime), {}),
    "activations.check_softmax": ((np.exp(_SCORES) / np.exp(_SCORES).sum(),), {}),
    "activations.check_dead_neuron": (("C",), {}),
    "activations.check_output_ranges": (
        ({"step": "D", "sigmoid": "A", "tanh": "B", "relu": "C", "softmax": "E"},),
        {},
    ),
    # 04 losses
    "losses.check_losses": ((np.sum((_Y - _Y_HAT) ** 2) / 2, -np.log(0.6)), {}),
    "losses.check_accuracy_vs_loss": ((0.75, 0.75, 0.950, 0.279, "B"), {}),
    "losses.check_tanh_gradient": ((_tanh_neuron_dw,), {}),
    # 05 gradient descent
    "gradient_descent.check_loss_signs": ((+1, +1, -1), {}),
    "gradient_descent.check_gradient_step": ((_gradient_step,), {}),
    "gradient_descent.check_learning_rate": ((4.0,), {}),
    "gradient_descent.check_descend": ((reference_descend,), {}),
    # 06 stochastic gradient descent
    "sgd.check_updates_per_epoch": ((_updates_per_epoch,), {}),
    "sgd.check_curve_guess": (({"A": 1, "B": "n", "C": 32},), {}),
    "sgd.check_settling_rate": ((0.05,), {}),
    # 07 backpropagation
    "backprop_graph.check_graph_gradients": (({"d": -2, "f": -4, "e": -2, "a": 4, "b": -4},), {}),
    "backprop.check_neuron_delta": ((_NEURON_DELTA, 2 * _NEURON_DELTA, _NEURON_DELTA), {}),
    "backprop.check_backprop_fix": ((_backprop_fixed,), {}),
    "backprop.check_vanishing_gradient": ((0.25, "C"), {}),
    # 08 digits
    "digits.check_hidden_width": ((1, "C"), {}),
    "digits.check_learning_rate": ((2.0, "C"), {}),
    "digits.check_batch_size": ((1077, "B"), {}),
    # 09 playground
    "recall.check_recall": (("02", [0, "A", 3]), {}),
    "playground.check_circle_features": ((("x1^2", "x2^2"),), {}),
    "playground.check_xor_hidden": ((4,), {}),
    "playground.check_learning_rates": (({0.0001: "A", 0.03: "B", 10.0: "C"},), {}),
    "playground.check_challenge": (("xor", _xor_challenge()), {}),
}
