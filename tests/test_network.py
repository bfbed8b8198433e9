"""helpers.Network: layout, forward pass, loss, predictions, backpropagation, training, saving
and bad input."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier

import helpers
from helpers import Network, TrainingDiverged
from helpers.network import class_of, softmax_quadratic_error


@pytest.fixture(scope="module")
def blobs():
    """A small 3-class problem: (X of shape (60, 4), integer labels y)."""
    rng = np.random.default_rng(0)
    y = np.arange(60) % 3
    X = rng.normal(size=(60, 4)) * 0.7 + np.eye(3, 4)[y] * 2.5
    return X, y


def weights_of(net):
    return [W.copy() for W in net.weights] + [b.copy() for b in net.biases]


def assert_same_parameters(a, b):
    for p, q in zip(weights_of(a), weights_of(b), strict=True):
        np.testing.assert_array_equal(p, q)


# -------------------------------------------------------------------------------- layout
def test_weights_and_biases_have_the_documented_shapes():
    net = Network([5, 7, 4, 3], seed=0)
    assert [W.shape for W in net.weights] == [(5, 7), (7, 4), (4, 3)]
    assert [b.shape for b in net.biases] == [(7,), (4,), (3,)]
    assert all(np.all(b == 0) for b in net.biases)
    assert net.sizes == [5, 7, 4, 3]


@pytest.mark.parametrize(("activation", "gain"), [("sigmoid", 1.0), ("tanh", 1.0), ("relu", 2.0)])
def test_initialisation_is_scaled_to_the_fan_in(activation, gain):
    net = Network([400, 300, 10], hidden_activation=activation, seed=1)
    for W in net.weights:
        fan_in = W.shape[0]
        assert abs(W.mean()) < 0.01
        assert W.std() == pytest.approx(np.sqrt(gain / fan_in), rel=0.05)


def test_sizes_may_be_a_tuple_or_an_array():
    assert Network((3, 2), seed=0).sizes == [3, 2]
    assert Network(np.array([3, 4, 2]), seed=0).sizes == [3, 4, 2]


def test_repr_names_the_settings():
    net = Network([2, 3, 2], hidden_activation="tanh", seed=5)
    assert repr(net) == (
        "Network([2, 3, 2], hidden_activation='tanh', output_activation='softmax', "
        "loss='cross_entropy', seed=5)"
    )


# --------------------------------------------------------------------------- forward pass
def test_forward_is_the_lecture_formula(blobs):
    X, _ = blobs
    net = Network([4, 6, 5, 3], hidden_activation="tanh", seed=2)
    for b in net.biases:
        b += np.random.default_rng(3).normal(size=b.shape)
    a = X
    a = np.tanh(a @ net.weights[0] + net.biases[0])  # a¹ = f(a⁰ W¹ + b¹)
    a = np.tanh(a @ net.weights[1] + net.biases[1])
    z = a @ net.weights[2] + net.biases[2]
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)  # softmax output
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12)
    assert net.forward(X).shape == (60, 3)


def test_forward_matches_scikit_learn_with_the_same_weights(blobs):
    """weights[l] has the layout of MLPClassifier.coefs_: copying them gives the same output."""
    X, y = blobs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the 5 iterations do not converge: not the point here
        mlp = MLPClassifier((6,), activation="logistic", max_iter=5, random_state=0).fit(X, y)
    net = Network([4, 6, 3], hidden_activation="sigmoid", seed=0)
    for l in range(2):
        assert net.weights[l].shape == mlp.coefs_[l].shape
        net.weights[l][...] = mlp.coefs_[l]
        net.biases[l][...] = mlp.intercepts_[l]
    np.testing.assert_allclose(net.forward(X), mlp.predict_proba(X), rtol=1e-10)
    np.testing.assert_array_equal(net.predict(X), mlp.predict(X))


@pytest.mark.parametrize(("output", "loss"), [("sigmoid", "cross_entropy"), ("linear", "mse")])
def test_other_outputs(output, loss):
    net = Network([3, 4, 2], output_activation=output, loss=loss, seed=0)
    X = np.random.default_rng(0).normal(size=(5, 3))
    out = net.forward(X)
    hidden = helpers.sigmoid(X @ net.weights[0] + net.biases[0])
    z = hidden @ net.weights[1] + net.biases[1]
    expected = 1 / (1 + np.exp(-z)) if output == "sigmoid" else z
    np.testing.assert_allclose(out, expected, rtol=1e-12)


def test_softmax_outputs_are_probabilities(blobs):
    X, _ = blobs
    out = Network([4, 8, 3], seed=0).forward(X * 100)  # large inputs: still finite
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out.sum(axis=1), 1.0)


# ------------------------------------------------------------- predict, accuracy, loss
def test_predict_is_the_most_probable_class(blobs):
    X, _ = blobs
    net = Network([4, 5, 3], seed=0)
    np.testing.assert_array_equal(net.predict(X), net.forward(X).argmax(axis=1))
    assert net.predict(X).shape == (60,)


def test_predict_with_one_sigmoid_output_thresholds_at_one_half():
    net = Network([1, 1], output_activation="sigmoid", seed=0)
    net.weights[0][...] = 1.0
    np.testing.assert_array_equal(net.predict([[-2.0], [-0.1], [0.1], [3.0]]), [0, 0, 1, 1])
    assert net.accuracy([[-2.0], [3.0]], [0, 1]) == 1.0
    assert net.accuracy([[-2.0], [3.0]], [1, 1]) == 0.5


def test_predict_of_a_regression_network_returns_the_outputs():
    net = Network([2, 3, 1], output_activation="linear", loss="mse", seed=0)
    X = np.ones((4, 2))
    np.testing.assert_array_equal(net.predict(X), net.forward(X))
    with pytest.raises(ValueError, match="accuracy needs a classifier"):
        net.accuracy(X, np.zeros(4))


def test_accuracy_counts_right_answers(blobs):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    expected = np.mean(net.predict(X) == y)
    assert net.accuracy(X, y) == expected
    assert net.accuracy(X, helpers.one_hot(y, 3)) == expected  # one-hot rows work too
    assert net.score(X, y) == expected  # scikit-learn's name


@pytest.mark.parametrize(
    ("output", "loss", "function"),
    [
        ("softmax", "cross_entropy", helpers.cross_entropy),
        ("softmax", "mse", helpers.mse),
        ("sigmoid", "cross_entropy", helpers.binary_cross_entropy),
        ("sigmoid", "mse", helpers.mse),
    ],
)
def test_loss_is_the_chosen_loss_of_the_outputs(blobs, output, loss, function):
    X, y = blobs
    net = Network([4, 5, 3], output_activation=output, loss=loss, seed=0)
    assert net.loss(X, y) == pytest.approx(function(helpers.one_hot(y, 3), net.forward(X)))


# ----------------------------------------------------------------------------- gradients
def test_gradients_have_the_shapes_of_the_parameters(blobs):
    X, y = blobs
    net = Network([4, 6, 5, 3], seed=0)
    dW, db = net.gradients(X, y)
    assert [g.shape for g in dW] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [b.shape for b in net.biases]


def test_gradients_of_a_batch_are_the_mean_of_per_sample_gradients(blobs):
    X, y = blobs
    X, y = X[:7], y[:7]
    net = Network([4, 6, 3], hidden_activation="tanh", seed=0)
    dW, db = net.gradients(X, y)
    per_sample = [net.gradients(X[i : i + 1], y[i : i + 1]) for i in range(7)]
    for l in range(2):
        np.testing.assert_allclose(dW[l], np.mean([g[0][l] for g in per_sample], axis=0))
        np.testing.assert_allclose(db[l], np.mean([g[1][l] for g in per_sample], axis=0))


def test_gradients_do_not_change_the_network(blobs):
    X, y = blobs
    net = Network([4, 6, 3], seed=0)
    before = weights_of(net)
    net.gradients(X, y)
    for p, q in zip(before, weights_of(net), strict=True):
        np.testing.assert_array_equal(p, q)


# ------------------------------------------------------------------------------ training
def test_fit_learns_the_toy_problem(blobs):
    X, y = blobs
    net = Network([4, 8, 3], hidden_activation="tanh", seed=0)
    loss_before = net.loss(X, y)
    history = net.fit(X, y, epochs=30, batch_size=8, learning_rate=0.3)
    assert history["loss"][-1] < loss_before / 4
    assert net.accuracy(X, y) >= 0.95
    assert history["loss"][-1] == pytest.approx(net.loss(X, y))
    assert history["accuracy"][-1] == net.accuracy(X, y)


def test_fit_learns_xor():
    X, y = helpers.make_toy("xor", n_samples=200, seed=0)
    net = Network([2, 8, 2], hidden_activation="tanh", seed=0)
    net.fit(X / 5, y, epochs=60, batch_size=10, learning_rate=0.5)
    assert net.accuracy(X / 5, y) >= 0.95  # not linearly separable: needs the hidden layer


def test_history_keys_and_lengths(blobs):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    history = net.fit(X, y, epochs=4, batch_size=16, learning_rate=0.1)
    assert set(history) == {"loss", "accuracy"}
    assert all(len(v) == 4 for v in history.values())
    assert net.history_ is history
    history = net.fit(X, y, epochs=3, validation_data=(X[:10], y[:10]))
    assert set(history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 3 for v in history.values())
    assert all(isinstance(v, float) for values in history.values() for v in values)


def test_history_of_a_regression_network_has_no_accuracy():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (40, 1))
    net = Network(
        [1, 8, 1], hidden_activation="tanh", output_activation="linear", loss="mse", seed=0
    )
    history = net.fit(X, X**2, epochs=3, batch_size=8, validation_data=(X, X**2))
    assert set(history) == {"loss", "val_loss"}


def test_validation_history_scores_the_validation_data(blobs):
    X, y = blobs
    X_val, y_val = X[:20] + 0.3, y[:20]
    net = Network([4, 5, 3], seed=0)
    history = net.fit(X, y, epochs=2, batch_size=16, validation_data=(X_val, y_val))
    assert history["val_loss"][-1] == pytest.approx(net.loss(X_val, y_val))
    assert history["val_accuracy"][-1] == net.accuracy(X_val, y_val)
    assert history["val_loss"][-1] != history["loss"][-1]


def test_validation_data_does_not_change_training(blobs):
    X, y = blobs
    a, b = Network([4, 5, 3], seed=3), Network([4, 5, 3], seed=3)
    a.fit(X, y, epochs=3, batch_size=16)
    b.fit(X, y, epochs=3, batch_size=16, validation_data=(X[:5], y[:5]))
    assert_same_parameters(a, b)


def test_zero_epochs_changes_nothing(blobs):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    before = weights_of(net)
    assert net.fit(X, y, epochs=0) == {"loss": [], "accuracy": []}
    for p, q in zip(before, weights_of(net), strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("hidden_activation", ["sigmoid", "tanh", "relu"])
def test_full_batch_is_plain_gradient_descent(blobs, hidden_activation):
    """batch_size=len(X): one update per epoch, exactly W ← W − η ∂L/∂W with ``gradients``."""
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation=hidden_activation, seed=4)
    manual = Network([4, 6, 3], hidden_activation=hidden_activation, seed=4)
    for _ in range(3):
        net.fit(X, y, epochs=1, batch_size=len(X), learning_rate=0.7)
        dW, db = manual.gradients(X, y)
        for l in range(2):
            manual.weights[l] = manual.weights[l] - 0.7 * dW[l]
            manual.biases[l] = manual.biases[l] - 0.7 * db[l]
        for l in range(2):
            np.testing.assert_allclose(net.weights[l], manual.weights[l], rtol=1e-13, atol=1e-15)
            np.testing.assert_allclose(net.biases[l], manual.biases[l], rtol=1e-13, atol=1e-15)


def test_a_batch_larger_than_the_data_is_one_full_batch(blobs):
    X, y = blobs
    a, b = Network([4, 6, 3], seed=4), Network([4, 6, 3], seed=4)
    a.fit(X, y, epochs=2, batch_size=len(X), learning_rate=0.5)
    b.fit(X, y, epochs=2, batch_size=10 * len(X), learning_rate=0.5)
    assert_same_parameters(a, b)


def manual_sgd(net, X, y, epochs, batch_size, eta, momentum=0.0, weight_decay=0.0):
    """Mini-batch SGD written out with ``gradients``, drawing the same random orders as fit."""
    rng = np.random.default_rng(net.seed)
    rng.normal(size=sum(W.size for W in net.weights))  # skip the draws of the initialisation
    velocity = [np.zeros_like(p) for p in net.weights + net.biases]
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = order[start : start + batch_size]
            dW, db = net.gradients(X[batch], y[batch])
            grads = [g + weight_decay * W for g, W in zip(dW, net.weights, strict=True)] + db
            params = net.weights + net.biases
            for i, (p, g) in enumerate(zip(params, grads, strict=True)):
                velocity[i] = momentum * velocity[i] - eta * g
                p += velocity[i]
    return net


def test_the_initialisation_draws_are_what_manual_sgd_skips():
    # manual_sgd relies on the initial weights being the first normal draws of the seed's RNG
    net = Network([3, 4, 2], seed=11)
    rng = np.random.default_rng(11)
    np.testing.assert_array_equal(net.weights[0], rng.normal(0, np.sqrt(1 / 3), (3, 4)))
    np.testing.assert_array_equal(net.weights[1], rng.normal(0, np.sqrt(1 / 4), (4, 2)))


@pytest.mark.parametrize("batch_size", [1, 7, 32])
def test_mini_batch_sgd_with_default_extras_is_the_lecture_rule(blobs, batch_size):
    """Defaults momentum=0, weight_decay=0: plain SGD, W ← W − η ∂L/∂W per mini-batch."""
    X, y = blobs
    net = Network([4, 6, 3], seed=6)
    net.fit(X, y, epochs=2, batch_size=batch_size, learning_rate=0.2)
    manual = manual_sgd(Network([4, 6, 3], seed=6), X, y, 2, batch_size, 0.2)
    for p, q in zip(weights_of(net), weights_of(manual), strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-12, atol=1e-14)
    explicit = Network([4, 6, 3], seed=6)
    explicit.fit(X, y, epochs=2, batch_size=batch_size, learning_rate=0.2, momentum=0.0,
                 weight_decay=0.0)  # fmt: skip
    assert_same_parameters(net, explicit)


def test_momentum_and_weight_decay_follow_their_formulas(blobs):
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation="relu", seed=8)
    net.fit(X, y, epochs=2, batch_size=16, learning_rate=0.1, momentum=0.9, weight_decay=0.01)
    manual = manual_sgd(Network([4, 6, 3], hidden_activation="relu", seed=8), X, y, 2, 16, 0.1,
                        momentum=0.9, weight_decay=0.01)  # fmt: skip
    for p, q in zip(weights_of(net), weights_of(manual), strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-11, atol=1e-13)
    plain = Network([4, 6, 3], hidden_activation="relu", seed=8)
    plain.fit(X, y, epochs=2, batch_size=16, learning_rate=0.1)
    assert not np.allclose(plain.weights[0], net.weights[0])


def test_weight_decay_shrinks_the_weights(blobs):
    X, y = blobs
    norms = []
    for weight_decay in (0.0, 0.05):
        net = Network([4, 6, 3], seed=0)
        net.fit(X, y, epochs=20, batch_size=16, learning_rate=0.2, weight_decay=weight_decay)
        norms.append(sum(float(np.sum(W**2)) for W in net.weights))
    assert norms[1] < 0.8 * norms[0]


def test_fit_keeps_the_same_weight_arrays(blobs):
    """Training updates the arrays in place: references taken before fit see the new values."""
    X, y = blobs
    net = Network([4, 6, 3], seed=0)
    W0 = net.weights[0]
    before = W0.copy()
    net.fit(X, y, epochs=1, batch_size=16, momentum=0.5)
    assert net.weights[0] is W0 and not np.array_equal(W0, before)


# -------------------------------------------------------------------------- determinism
@pytest.mark.parametrize("hidden_activation", ["sigmoid", "relu"])
def test_same_seed_gives_bit_identical_training(blobs, hidden_activation):
    X, y = blobs
    runs = []
    for _ in range(2):
        net = Network([4, 7, 3], hidden_activation=hidden_activation, seed=42)
        history = net.fit(X, y, epochs=5, batch_size=8, learning_rate=0.3, momentum=0.5)
        runs.append((net, history))
    assert_same_parameters(runs[0][0], runs[1][0])
    assert runs[0][1] == runs[1][1]


def test_different_seeds_give_different_weights_and_training(blobs):
    X, y = blobs
    a, b = Network([4, 7, 3], seed=1), Network([4, 7, 3], seed=2)
    assert not np.array_equal(a.weights[0], b.weights[0])
    # the same starting weights but another seed: the samples are shuffled differently
    b.weights = [W.copy() for W in a.weights]
    a.fit(X, y, epochs=2, batch_size=8)
    b.fit(X, y, epochs=2, batch_size=8)
    assert not np.array_equal(a.weights[0], b.weights[0])


def test_seed_none_gives_a_random_network():
    assert not np.array_equal(Network([3, 4, 2]).weights[0], Network([3, 4, 2]).weights[0])


# ----------------------------------------------------------------------------- progress
def test_verbose_prints_progress_lines(blobs, capsys):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    net.fit(X, y, epochs=20, batch_size=16, validation_data=(X, y), verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10
    assert lines[-1].startswith("epoch 20/20  loss ")
    assert "val_accuracy" in lines[-1]
    net.fit(X, y, epochs=6, batch_size=16, verbose=3)
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["3/6", "6/6"]


def test_training_is_silent_by_default(blobs, capsys):
    X, y = blobs
    Network([4, 5, 3], seed=0).fit(X, y, epochs=3)
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(sizes=[4]), ValueError, "sizes must list at least two layer sizes"),
        (dict(sizes=[]), ValueError, "sizes must list at least two layer sizes"),
        (dict(sizes=5), ValueError, "sizes must list at least two layer sizes"),
        (dict(sizes=[4, 0, 3]), ValueError, "every entry of sizes must be a whole number > 0"),
        (dict(sizes=[4, -2]), ValueError, "every entry of sizes must be a whole number > 0"),
        (dict(sizes=[4, 2.5]), TypeError, "every entry of sizes must be a whole number"),
        (dict(sizes=[4, 3], hidden_activation="softplus"), ValueError, "hidden_activation must"),
        (
            dict(sizes=[4, 3], output_activation="tanh"),
            ValueError,
            "output_activation must be one of",
        ),
        (dict(sizes=[4, 3], loss="hinge"), ValueError, "loss must be one of 'cross_entropy'"),
        (
            dict(sizes=[4, 1]),
            ValueError,
            'output_activation="softmax" needs at least 2 output neurons',
        ),
        (dict(sizes=[4, 1], output_activation="linear"), ValueError, 'loss="cross_entropy" needs'),
    ],
)
def test_bad_constructor_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        Network(**kwargs)


@pytest.fixture
def net():
    return Network([4, 5, 3], seed=0)


BAD_DATA = [
    # X whose feature count does not match the network
    (np.zeros((5, 3)), np.zeros(5, int), ValueError, "X has 3 features per sample but"),
    (np.zeros(4), np.zeros(1, int), ValueError, "X must be 2-D"),
    # X and y of different lengths
    (np.zeros((5, 4)), np.zeros(4, int), ValueError, "X has 5 samples but y has 4"),
    (np.zeros((5, 4)), np.zeros((6, 3)), ValueError, "X has 5 samples but y has 6"),
    # labels outside 0..n_classes−1
    (np.zeros((2, 4)), np.array([0, 3]), ValueError, "y holds labels from 0 to 3: expected 0..2"),
    (np.zeros((2, 4)), np.array([-1, 0]), ValueError, "y holds labels from -1"),
    (np.zeros((2, 4)), np.array([0.5, 1]), ValueError, "y must hold integer class labels"),
    (np.zeros((2, 4)), np.zeros((2, 2)), ValueError, "y has 2 columns but the network has 3"),
    # NaN or inf in the data
    (np.array([[0, 0, np.nan, 0]]), [0], ValueError, "X contains NaN or inf"),
    (np.array([[0, 0, np.inf, 0]]), [0], ValueError, "X contains NaN or inf"),
    (np.zeros((1, 4)), [np.nan], ValueError, "y contains NaN or inf"),
    (np.zeros((1, 4)), [[0, np.inf, 0]], ValueError, "y contains NaN or inf"),
    # empty data
    (np.zeros((0, 4)), np.zeros(0, int), ValueError, "X is empty"),
    (np.zeros((2, 4)), [], ValueError, "y is empty"),
    # not numbers
    ([["a", "b", "c", "d"]], [0], TypeError, "X must be an array of numbers"),
]


@pytest.mark.parametrize(("X", "y", "error", "message"), BAD_DATA)
@pytest.mark.parametrize("method", ["fit", "gradients", "loss", "accuracy"])
def test_bad_data_names_the_argument(net, method, X, y, error, message):
    with pytest.raises(error, match=message):
        getattr(net, method)(X, y)


@pytest.mark.parametrize("method", ["forward", "predict"])
def test_bad_X_for_forward_and_predict(net, method):
    with pytest.raises(ValueError, match="X has 2 features per sample but the network's input"):
        getattr(net, method)(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="X contains NaN or inf"):
        getattr(net, method)(np.full((3, 4), np.nan))
    with pytest.raises(ValueError, match="X is empty"):
        getattr(net, method)(np.zeros((0, 4)))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(learning_rate=0), ValueError, "learning_rate must be a finite number > 0, got 0"),
        (dict(learning_rate=-0.1), ValueError, "learning_rate must be a finite number > 0"),
        (dict(learning_rate=np.nan), ValueError, "learning_rate must be a finite number > 0"),
        (dict(learning_rate="0.1"), TypeError, "learning_rate must be a number"),
        (dict(batch_size=0), ValueError, "batch_size must be a whole number > 0, got 0"),
        (dict(batch_size=-4), ValueError, "batch_size must be a whole number > 0"),
        (dict(batch_size=2.5), TypeError, "batch_size must be a whole number"),
        (dict(epochs=-1), ValueError, "epochs must be a whole number >= 0, got -1"),
        (dict(epochs=1.5), TypeError, "epochs must be a whole number, got 1.5"),
        (dict(momentum=1.0), ValueError, "momentum must be a finite number >= 0 and < 1"),
        (dict(momentum=-0.5), ValueError, "momentum must be a finite number >= 0 and < 1"),
        (dict(momentum="high"), TypeError, "momentum must be a number"),
        (dict(weight_decay=-1e-3), ValueError, "weight_decay must be a finite number >= 0"),
        (dict(weight_decay=np.inf), ValueError, "weight_decay must be a finite number >= 0"),
        (dict(weight_decay=None), TypeError, "weight_decay must be a number"),
        (dict(validation_data=(np.zeros((2, 4)),)), ValueError, "validation_data must be a pair"),
        (dict(validation_data=(np.zeros((2, 3)), [0, 1])), ValueError, "X has 3 features"),
        (dict(validation_data=(np.zeros((2, 4)), [0, 7])), ValueError, "y holds labels"),
    ],
)
def test_bad_training_settings_name_the_argument(net, blobs, kwargs, error, message):
    X, y = blobs
    before = weights_of(net)
    with pytest.raises(error, match=message):
        net.fit(X, y, **kwargs)
    for p, q in zip(before, weights_of(net), strict=True):  # checked before any training
        np.testing.assert_array_equal(p, q)


# ---------------------------------------------------------------------------- divergence
@pytest.mark.parametrize(
    ("kwargs", "eta"),
    [
        (dict(output_activation="linear", loss="mse", hidden_activation="relu"), 50.0),
        (dict(output_activation="linear", loss="mse", hidden_activation="tanh"), 1e3),
        (dict(output_activation="linear", loss="mse", hidden_activation="sigmoid"), 1e3),
    ],
)
def test_divergence_raises_and_blames_the_learning_rate(kwargs, eta):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 3)) * 3
    net = Network([3, 16, 2], seed=0, **kwargs)
    y = (
        rng.normal(size=(64, 2)) * 10
        if kwargs["output_activation"] == "linear"
        else rng.integers(0, 2, 64)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning (overflow, invalid value) leaks
        with pytest.raises(TrainingDiverged, match=r"learning rate \(.*\) is probably too large"):
            net.fit(X, y, epochs=50, batch_size=8, learning_rate=eta)
    assert issubclass(TrainingDiverged, ArithmeticError)


def test_a_stable_learning_rate_does_not_raise():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 3))
    net = Network([3, 16, 2], output_activation="linear", loss="mse", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = net.fit(X, X[:, :2], epochs=20, batch_size=8, learning_rate=0.05)
    assert np.all(np.isfinite(history["loss"]))
    assert history["loss"][-1] < history["loss"][0]


def test_huge_learning_rate_with_softmax_cross_entropy_stays_finite_or_raises(blobs):
    """Softmax + cross-entropy has bounded gradients; whatever happens, no NaN is returned."""
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation="relu", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            history = net.fit(X, y, epochs=10, batch_size=4, learning_rate=1e4)
        except TrainingDiverged as error:
            assert "learning rate" in str(error)
        else:
            assert np.all(np.isfinite(history["loss"]))


def test_anneal_lowers_the_learning_rate_linearly(blobs):
    """anneal=True: η in epoch 1, η(1 − 1/E) in epoch 2, ..., η/E in the last epoch E."""
    X, y = blobs
    net = Network([4, 6, 3], seed=4)
    manual = Network([4, 6, 3], seed=4)
    net.fit(X, y, epochs=4, batch_size=len(X), learning_rate=0.8, anneal=True)
    for eta in (0.8, 0.6, 0.4, 0.2):
        dW, db = manual.gradients(X, y)
        for l in range(2):
            manual.weights[l] = manual.weights[l] - eta * dW[l]
            manual.biases[l] = manual.biases[l] - eta * db[l]
    for p, q in zip(weights_of(net), weights_of(manual), strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-13, atol=1e-15)


def test_large_inputs_are_computed_in_chunks_with_the_same_result():
    X = np.random.default_rng(0).normal(size=(700, 4))  # more than one chunk of 256 rows
    net = Network([4, 9, 3], hidden_activation="relu", seed=0)
    whole = net.forward_layers(X)[-1]  # one pass over all 700 rows
    np.testing.assert_allclose(net.forward(X), whole, rtol=1e-13)
    assert net.forward(X).shape == (700, 3)
    assert net.loss(X, np.zeros(700, int)) == pytest.approx(
        helpers.cross_entropy(np.zeros(700, int), whole)
    )


def test_forward_layers_gives_every_activation_and_ends_with_forward():
    X = np.random.default_rng(3).normal(size=(5, 4))
    net = Network([4, 6, 3, 2], hidden_activation="tanh", seed=0)
    layers = net.forward_layers(X)
    assert [a.shape for a in layers] == [(5, 4), (5, 6), (5, 3), (5, 2)]
    np.testing.assert_array_equal(layers[0], X)
    np.testing.assert_allclose(layers[1], np.tanh(X @ net.weights[0] + net.biases[0]))
    np.testing.assert_allclose(layers[-1], net.forward(X))
    with pytest.raises(ValueError, match="X has 3 features"):
        net.forward_layers(X[:, :3])


# ------------------------------------------------------------- backprop, the public step
# Network.backprop against notebook 07's own cell (not a hand copy of it):
# tests/test_twins.py runs the cell tagged twin:helpers.network.Network.backprop.


def test_backprop_takes_targets_and_gradients_takes_labels(blobs):
    X, y = blobs
    net = Network([4, 6, 3], seed=0)
    nabla_w, nabla_b = net.backprop(X, net.targets(y))
    dW, db = net.gradients(X, y)
    for a, b in zip(nabla_w + nabla_b, dW + db, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match=r"backprop needs X of shape \(n, 4\) and Y of shape"):
        net.backprop(X, y)  # labels are not targets: Y must have one column per output


def test_targets_are_the_networks_own_form():
    softmax_net = Network([2, 3], seed=0)
    np.testing.assert_array_equal(softmax_net.targets([2, 0]), [[0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(softmax_net.targets([[0.2, 0.3, 0.5]]), [[0.2, 0.3, 0.5]])
    one_sigmoid = Network([2, 1], output_activation="sigmoid", seed=0)
    np.testing.assert_array_equal(one_sigmoid.targets([1, 0, 1]), [[1.0], [0.0], [1.0]])
    regression = Network([2, 1], output_activation="linear", loss="mse", seed=0)
    np.testing.assert_array_equal(regression.targets([0.5, -2.0]), [[0.5], [-2.0]])
    with pytest.raises(ValueError, match="y holds labels from 0 to 3: expected 0..2"):
        softmax_net.targets([0, 3])
    with pytest.raises(TypeError, match="y must be an array of numbers"):
        softmax_net.targets(None)


def test_class_of_is_the_largest_output():
    np.testing.assert_array_equal(class_of(np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])), [1, 0])
    # one output p counts as (1 − p, p): class 1 exactly when p > 0.5
    np.testing.assert_array_equal(class_of(np.array([[0.2], [0.5], [0.5000001]])), [0, 0, 1])


def test_predict_proba_and_predict_agree(blobs):
    X, _ = blobs
    net = Network([4, 5, 3], seed=0)
    np.testing.assert_array_equal(net.predict_proba(X), net.forward(X))
    np.testing.assert_array_equal(net.predict(X), net.predict_proba(X).argmax(axis=1))
    two_classes = Network([4, 1], output_activation="sigmoid", seed=1)
    proba = two_classes.predict_proba(X)
    assert proba.shape == (60, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(proba[:, 1], two_classes.forward(X)[:, 0])
    np.testing.assert_array_equal(two_classes.predict(X), proba.argmax(axis=1))
    with pytest.raises(ValueError, match="predict_proba needs a classifier"):
        Network([4, 1], output_activation="linear", loss="mse").predict_proba(X)


def test_update_mini_batch_is_one_step_of_the_formula(blobs):
    """W ← W − η (∂L/∂W + λ W + λ₁ sign W), b ← b − η ∂L/∂b."""
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation="tanh", seed=2)
    for b in net.biases:
        b += 0.1
    Y = net.targets(y)
    nabla_w, nabla_b = net.backprop(X[:10], Y[:10])
    expected_w = [W - 0.3 * (g + 0.01 * W) for W, g in zip(net.weights, nabla_w, strict=True)]
    expected_b = [b - 0.3 * g for b, g in zip(net.biases, nabla_b, strict=True)]
    net.update_mini_batch(X[:10], Y[:10], 0.3, weight_decay=0.01)
    for ours, theirs in zip(net.weights + net.biases, expected_w + expected_b, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-14, atol=1e-16)


def test_update_mini_batch_with_momentum_keeps_its_velocity(blobs):
    """v ← μ v − η g, θ ← θ + v: the second step carries μ times the first one's velocity."""
    X, y = blobs
    net, plain = Network([4, 5, 3], seed=3), Network([4, 5, 3], seed=3)
    Y = net.targets(y)
    start = [W.copy() for W in net.weights]
    net.update_mini_batch(X, Y, 0.5, momentum=0.9)
    first = [W - W0 for W, W0 in zip(net.weights, start, strict=True)]
    g = net.backprop(X, Y)[0]
    before = [W.copy() for W in net.weights]
    net.update_mini_batch(X, Y, 0.5, momentum=0.9)
    for W, W_before, v, grad in zip(net.weights, before, first, g, strict=True):
        np.testing.assert_allclose(W - W_before, 0.9 * v - 0.5 * grad, rtol=1e-12, atol=1e-15)
    plain.update_mini_batch(X, Y, 0.5)
    np.testing.assert_allclose(plain.weights[0], start[0] + first[0], rtol=1e-14)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(learning_rate=0), ValueError, "learning_rate must be a finite number > 0"),
        (
            dict(learning_rate=0.1, weight_decay=-1),
            ValueError,
            "weight_decay must be a finite number >= 0",
        ),
        (dict(learning_rate=0.1, momentum=1), ValueError, "momentum must be a finite number >="),
        (dict(learning_rate=0.1, weight_decay="a"), TypeError, "weight_decay must be a number"),
    ],
)
def test_update_mini_batch_bad_settings(blobs, kwargs, error, message):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    with pytest.raises(error, match=message):
        net.update_mini_batch(X, net.targets(y), **kwargs)


def test_fit_is_mini_batches_and_update_mini_batch(blobs):
    """fit's epoch loop uses only the public steps: the playground can train the same way."""
    X, y = blobs
    kwargs = dict(momentum=0.8, weight_decay=1e-3)
    net = Network([4, 6, 3], hidden_activation="relu", seed=5)
    net.fit(X, y, epochs=3, batch_size=7, learning_rate=0.2, **kwargs)
    by_hand = Network([4, 6, 3], hidden_activation="relu", seed=5)
    Y = by_hand.targets(y)
    for _ in range(3):
        for X_batch, Y_batch in by_hand.mini_batches(X, Y, 7):
            by_hand.update_mini_batch(X_batch, Y_batch, 0.2, **kwargs)
    assert_same_parameters(net, by_hand)


def test_mini_batches_cover_every_sample_once_in_a_seeded_order(blobs):
    X, y = blobs
    Y = helpers.one_hot(y, 3)
    batches = list(Network([4, 3], seed=1).mini_batches(X, Y, 25))
    assert [len(b[0]) for b in batches] == [25, 25, 10]
    rows = np.concatenate([b[0] for b in batches])
    assert sorted(map(tuple, rows)) == sorted(map(tuple, X))
    with pytest.raises(ValueError, match="X has 60 samples but Y has 59"):
        next(Network([4, 3], seed=1).mini_batches(X, Y[:-1], 25))
    with pytest.raises(TypeError, match="batch_size must be a whole number"):
        next(Network([4, 3], seed=1).mini_batches(X, Y, 2.5))
    again = list(Network([4, 3], seed=1).mini_batches(X, Y, 25))
    np.testing.assert_array_equal(again[0][0], batches[0][0])
    np.testing.assert_array_equal(again[0][1], batches[0][1])


def test_softmax_with_the_quadratic_loss_has_its_own_output_error():
    """δᴸ = ∂L/∂zᴸ through the softmax, checked against central differences in zᴸ."""
    rng = np.random.default_rng(0)
    z, Y = rng.normal(size=(3, 4)), helpers.one_hot([0, 3, 1], 4)
    n, eps = len(Y), 1e-6
    numeric = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[index] = eps
        plus = helpers.mse(Y, helpers.softmax(z + step))
        minus = helpers.mse(Y, helpers.softmax(z - step))
        numeric[index] = (plus - minus) / (2 * eps)
    a = helpers.softmax(z)
    np.testing.assert_allclose(softmax_quadratic_error(a, Y) / n, numeric, atol=1e-9)


# ------------------------------------------------------------------------- save and load
@pytest.mark.parametrize(
    "settings",
    [
        dict(sizes=[4, 6, 3], seed=0),
        dict(sizes=[4, 5, 1], hidden_activation="relu", output_activation="sigmoid", seed=None),
        dict(
            sizes=[4, 3, 2],
            hidden_activation="tanh",
            output_activation="linear",
            loss="mse",
            seed=7,
        ),
    ],
)
def test_save_and_load_give_the_same_network(blobs, tmp_path, settings):
    X, y = blobs
    net = Network(**settings)
    linear = settings.get("output_activation") == "linear"
    target = X[:, :2] if linear else net.targets(y % net.sizes[-1])
    net.fit(X, target, epochs=2, batch_size=16)
    net.save(tmp_path / "net.npz", verbose=False)
    loaded = Network.load(tmp_path / "net.npz")
    assert repr(loaded) == repr(net)
    assert_same_parameters(loaded, net)
    np.testing.assert_array_equal(loaded.predict(X), net.predict(X))
    with np.load(tmp_path / "net.npz", allow_pickle=False) as data:  # plain NumPy reads it
        assert data["sizes"].tolist() == net.sizes
        np.testing.assert_array_equal(data["W1"], net.weights[0])


def test_load_refuses_a_file_that_is_not_a_network(tmp_path):
    np.savez(tmp_path / "other.npz", x=np.zeros(3))
    with pytest.raises(ValueError, match="is not a network saved by Network.save: it holds"):
        Network.load(tmp_path / "other.npz")


def test_a_network_pickles(blobs):
    """No lambda on the object: pickle (and so joblib) keep a trained network."""
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation="relu", seed=0)
    net.fit(X, y, epochs=2, momentum=0.5)
    copy = pickle.loads(pickle.dumps(net))
    np.testing.assert_array_equal(copy.predict_proba(X), net.predict_proba(X))
    assert copy.history_ == net.history_
    # the copy even continues training exactly as the original would
    net.fit(X, y, epochs=1)
    copy.fit(X, y, epochs=1)
    assert_same_parameters(copy, net)


# ------------------------------------------------------------------ issue 14's bad input
@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        ("abc", TypeError, "seed must be a whole number, got 'abc'"),
        (-1, ValueError, "seed must be a whole number >= 0, got -1"),
        (1.5, TypeError, "seed must be a whole number, got 1.5"),
        (True, TypeError, "seed must be a whole number, got True"),
    ],
)
def test_a_bad_seed_is_named(seed, error, message):
    with pytest.raises(error, match=message):
        Network([2, 3, 2], seed=seed)


def test_large_and_numpy_seeds_are_fine():
    assert Network([2, 2], seed=np.int64(3)).seed == 3
    Network([2, 2], seed=2**70)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(verbose="yes"), TypeError, r"verbose \(True, False or every how many epochs\)"),
        (dict(verbose=-1), ValueError, "verbose .* must be a whole number >= 0"),
        (dict(anneal="yes"), TypeError, "anneal must be True or False"),
    ],
)
def test_bad_verbose_and_anneal_are_named(net, blobs, kwargs, error, message):
    X, y = blobs
    with pytest.raises(error, match=message):
        net.fit(X, y, epochs=1, **kwargs)


# ------------------------------------------------------- issue 21: divergence, interrupts
@pytest.mark.parametrize("hidden_activation", ["sigmoid", "tanh"])
@pytest.mark.parametrize(
    ("output_activation", "loss", "says"),
    [
        ("softmax", "cross_entropy", "the loss rose to"),  # clipped: finite, but far too high
        ("sigmoid", "mse", "a weight reached"),  # a bounded loss: the weights show it
        ("softmax", "mse", "a weight reached"),
    ],
)
def test_a_huge_learning_rate_with_saturating_neurons_is_divergence(
    hidden_activation, output_activation, loss, says
):
    """η = 1e9 pins sigmoid/tanh networks at 0 and 1: the clipped cross-entropy stays finite
    (about 27.6 per wrong sample) and the quadratic loss is bounded, yet fit must say it."""
    X, y = helpers.make_toy("xor", n_samples=200, seed=0)
    net = Network([2, 8, 2], hidden_activation, output_activation, loss, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingDiverged, match=f"epoch 1: {says}") as caught:
            net.fit(X, y, epochs=5, batch_size=8, learning_rate=1e9)
    assert "The learning rate (1000000000.0) is probably too large" in str(caught.value)
    assert caught.value.history is net.history_ and len(net.history_["loss"]) == 1


def test_the_baseline_loss_is_that_of_knowing_nothing(blobs):
    X, y = blobs  # three balanced classes: knowing nothing is ŷ = (1/3, 1/3, 1/3)
    assert Network([4, 3], seed=0).baseline_loss(y) == pytest.approx(np.log(3))
    regression = Network([4, 1], output_activation="linear", loss="mse", seed=0)
    targets = np.array([1.0, 2.0, 3.0, 6.0])  # mean 3: 1/(2n) Σ (y − 3)² = 14/8
    assert regression.baseline_loss(targets) == pytest.approx(14 / 8)


@pytest.mark.parametrize(
    ("n_out", "output_activation", "loss", "loss_function"),
    [
        (4, "softmax", "cross_entropy", helpers.cross_entropy),
        (1, "sigmoid", "cross_entropy", helpers.binary_cross_entropy),
        (4, "softmax", "mse", helpers.mse),
    ],
)
def test_the_baseline_loss_is_the_loss_of_always_answering_the_mean(
    n_out, output_activation, loss, loss_function
):
    """Unbalanced classes. For the cross-entropies baseline_loss takes a shortcut (the loss is
    linear in y, so the mean of L(y, ȳ) over the samples is L(ȳ, ȳ)): the same number."""
    net = Network([3, n_out], output_activation=output_activation, loss=loss, seed=0)
    y = np.random.default_rng(0).choice(4, size=200, p=[0.5, 0.3, 0.15, 0.05]) % max(n_out, 2)
    Y = net.targets(y)
    always_the_mean = np.tile(Y.mean(axis=0), (len(Y), 1))
    assert net.baseline_loss(y) == pytest.approx(loss_function(Y, always_the_mean), rel=1e-12)


def test_a_network_that_trains_badly_is_not_called_diverged(blobs):
    """A too-large but finite η (ReLU, 3 classes) gives a poor network, not TrainingDiverged."""
    X, y = blobs
    net = Network([4, 6, 3], hidden_activation="relu", seed=0)
    history = net.fit(X, y, epochs=10, batch_size=8, learning_rate=3.0)
    assert len(history["loss"]) == 10


def test_an_interrupt_keeps_the_weights_and_the_history_and_says_so(blobs, capsys):
    X, y = blobs
    net = Network([4, 5, 3], seed=0)
    calls = {"n": 0}
    step = net.update_mini_batch

    def interrupted_after_two_epochs(*args, **kwargs):
        if calls["n"] == 2 * 4 + 1:  # 60 samples in batches of 16: 4 steps per epoch
            raise KeyboardInterrupt
        calls["n"] += 1
        return step(*args, **kwargs)

    net.update_mini_batch = interrupted_after_two_epochs
    with pytest.raises(KeyboardInterrupt):
        net.fit(X, y, epochs=10, batch_size=16)
    assert len(net.history_["loss"]) == len(net.history_["accuracy"]) == 2
    assert capsys.readouterr().out == (
        "Training interrupted during epoch 3 of 10: the network keeps the weights trained so "
        "far, and net.history_ the 2 finished epoch(s).\n"
    )
    reference = Network([4, 5, 3], seed=0)
    reference.fit(X, y, epochs=2, batch_size=16)
    reference.update_mini_batch(*next(reference.mini_batches(X, reference.targets(y), 16)), 0.1)
    assert_same_parameters(net, reference)  # two epochs and one step: nothing undone


def test_fit_continues_from_the_current_weights(blobs):
    """fit's contract (the batch-size explorer depends on it): 2 + 3 epochs = 5 epochs."""
    X, y = blobs
    once, twice = Network([4, 5, 3], seed=0), Network([4, 5, 3], seed=0)
    history = once.fit(X, y, epochs=5, batch_size=16)
    twice.fit(X, y, epochs=2, batch_size=16)
    second = twice.fit(X, y, epochs=3, batch_size=16)
    assert_same_parameters(once, twice)
    assert second["loss"] == history["loss"][2:] and twice.history_ is second


def test_a_regression_may_climb_until_its_loss_is_inf():
    """Notebook 05 shows 40 exploding steps of a linear neuron with fit: an unbounded loss
    stops fit only once it is inf (the ratio and weight rules are for classifiers)."""
    x = np.linspace(-2, 2, 40)[:, None]
    net = Network([1, 1], output_activation="linear", loss="mse", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = net.fit(x, 3 * x, epochs=40, batch_size=40, learning_rate=2.0)
        assert history["loss"][-1] > 1e6 * history["loss"][0]  # far beyond 8 times
        with pytest.raises(TrainingDiverged, match=r"epoch \d+: the loss became inf"):
            net.fit(x, 3 * x, epochs=5000, batch_size=40, learning_rate=2.0)
