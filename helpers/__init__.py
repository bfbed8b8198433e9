"""helpers: the from-scratch NumPy neural-network code of the course "Introduction to Neural
Networks" (MALI 2024, lecture II). Each module is one idea of the lecture:

    perceptron   the perceptron rule (the snack example)
    activations  step, sigmoid, tanh, ReLU, softmax and their derivatives
    losses       the quadratic loss (MSE) and the cross-entropy
    network      Network: a fully connected network trained by backpropagation and SGD
    gradcheck    numerical gradients, to check backpropagation
    data         the snack example, one neuron's 1-D data, 2-D toy sets, the handwritten digits
    plotting     the course's colour-blind-safe figure style
    exercises    checkers for the notebooks' exercises
    widgets      the interactive explorers and the playground (import helpers.widgets)
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
from .perceptron import perceptron

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
