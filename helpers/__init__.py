"""helpers: the from-scratch NumPy neural-network code of the course "Introduction to Neural
Networks" (MALI 2024, lecture II).

The package has two layers. The **core** is teaching material: a student reads it in one
sitting, each module one idea of the lecture, each formula in the course's notation (w, b, z,
a, η, L):

    validation       the input checks every function uses (clear errors that name the argument)
    activations      step, sigmoid, tanh, ReLU, softmax, their derivatives: the table ACTIVATIONS
    losses           the quadratic loss (MSE) and the cross-entropy
    perceptron_rule  perceptron(x, w, b), the perceptron rule (the snack example)
    network          Network: a fully connected network, backpropagation (BP1–BP4) and SGD
    gradcheck        numerical gradients, to check backpropagation
    data             the snack example, one neuron's 1-D data, 2-D toy sets, the digits
    plotting         the course's colour-blind-safe figure style, show(fig, alt)

The **apparatus** makes the notebooks interactive and checks exercises. It builds on the core's
public names only, and the core imports nothing from it:

    widgets/         the interactive explorers, the digit pad and the playground's widget
    playground/      the Neural Network Playground without widgets: model, settings, pictures
    exercises/       the checkers of the notebooks' exercises
"""

from .activations import (
    linear,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    step,
    tanh,
    tanh_prime,
)
from .data import load_digits_split, make_neuron_data, make_toy, snack_data, snack_example
from .gradcheck import gradient_check, numerical_gradient
from .losses import binary_cross_entropy, cross_entropy, mse, one_hot
from .network import Network, TrainingDiverged
from .perceptron_rule import perceptron

__all__ = [
    "Network",
    "TrainingDiverged",
    "binary_cross_entropy",
    "cross_entropy",
    "gradient_check",
    "linear",
    "load_digits_split",
    "make_neuron_data",
    "make_toy",
    "mse",
    "numerical_gradient",
    "one_hot",
    "perceptron",
    "relu",
    "relu_prime",
    "sigmoid",
    "sigmoid_prime",
    "snack_data",
    "snack_example",
    "softmax",
    "step",
    "tanh",
    "tanh_prime",
]
