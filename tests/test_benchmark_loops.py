"""The benchmark's hand-written contenders compute what ``Network.fit`` computes (so that
benchmarks/digits.py times the same work): the batched NumPy loop from the math and the
per-sample loop, one epoch each on a small slice of the digits, give fit's weights."""

import copy
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from helpers import Network, load_digits_split, one_hot

SPEC = importlib.util.spec_from_file_location(
    "benchmark_digits", Path(__file__).parent.parent / "benchmarks" / "digits.py"
)
digits = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(digits)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
def test_the_hand_written_loops_take_fits_steps(activation):
    data = load_digits_split()
    X, y = data.X_train[:100], data.y_train[:100]
    net = Network([64, 16, 10], hidden_activation=activation, seed=0)
    start = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    rng_a, rng_b = copy.deepcopy(net.rng), copy.deepcopy(net.rng)
    Y = one_hot(y, 10)
    numpy_w, numpy_b, _ = digits.numpy_epoch(*start, X, Y, 32, 0.1, activation, rng_a)
    sample_w, sample_b = digits.per_sample_epoch(*start, X, Y, 32, 0.1, activation, rng_b)
    net.fit(X, y, epochs=1, batch_size=32, learning_rate=0.1)
    for ours, numpy_loop, per_sample in zip(
        net.weights + net.biases, numpy_w + numpy_b, sample_w + sample_b, strict=True
    ):
        np.testing.assert_allclose(numpy_loop, ours, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(per_sample, ours, rtol=1e-9, atol=1e-12)
    assert not np.allclose(net.weights[0], start[0][0])  # it did train
