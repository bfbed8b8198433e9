"""The course's data, all generated or shipped with scikit-learn: nothing is downloaded.

* ``snack_example`` and ``snack_data``: the lecture's snack example.
* ``make_toy``: 2-D toy sets like the TensorFlow Playground's: four for classification
  (circle, xor, gauss, spiral) and its two for regression (plane, multi_gauss).
* ``make_neuron_data``: the 1-D, two-class data of one sigmoid neuron (notebooks 05 and 06).
* ``load_digits_split``: scikit-learn's 8×8 handwritten digits, scaled and split;
  ``augment_digits`` adds copies shifted by one pixel; ``DIGITS_RECIPE`` is the course's recipe
  for training a network on them.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.utils import Bunch

from .validation import as_float_array, check_choice, check_scalar

#: The two inputs of the snack example (slide "The snack example").
SNACK_FEATURES = ("effort to get the snacks", "hunger")


def snack_example():
    """The slide's numbers: inputs x = (4, 1), weights w = (−1, 2), bias b = 1.

    x₁ = 4: the effort of getting up (you would have to climb over your partner), weighted −1
    because effort counts against snacks; x₂ = 1: you are a bit hungry, weighted 2.
    w · x + b = 4·(−1) + 1·2 + 1 = −1 ≤ 0 → output 0: stay on the couch.
    """
    return Bunch(x=np.array([4.0, 1.0]), w=np.array([-1.0, 2.0]), b=1.0, features=SNACK_FEATURES)


def snack_data():
    """A small table of evenings on the couch, decided by the snack example's perceptron.

    Returns (X, y): X of shape (24, 2) with columns (effort 0–5, hunger 0–3), y the decisions
    (0: stay on the couch, 1: get snacks) of the perceptron w = (−1, 2), b = 1.
    """
    effort, hunger = np.meshgrid(np.arange(0.0, 6.0), np.arange(0.0, 4.0))
    X = np.column_stack([effort.ravel(), hunger.ravel()])
    y = (X @ np.array([-1.0, 2.0]) + 1.0 > 0).astype(int)
    return X, y


TOY_SETS = ("circle", "xor", "gauss", "spiral")
#: The playground's two regression sets: a continuous target y instead of a class.
TOY_REGRESSION_SETS = ("plane", "multi_gauss")
#: The six signed bumps of "multi_gauss": centre (x₁, x₂) and sign (the playground's).
BUMPS = np.array(
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]]
)


def make_toy(name, n_samples=200, noise=0.0, seed=None, n_classes=2):
    """A 2-D toy data set like the TensorFlow Playground's, in the square [−6, 6]².

    Parameters
    ----------
    name : classification: "circle", "xor", "gauss" or "spiral";
        regression: "plane" or "multi_gauss" (see ``plane`` and ``multi_gauss``)
    n_samples : number of points (split evenly between the classes)
    noise : 0 to 0.5, how much the points are blurred (0.5 = the playground's 50 %)
    seed : int or None, for reproducible points
    n_classes : 2 for every set; "gauss" and "spiral" also make 3 or more classes

    Returns (X, y): X of shape (n_samples, 2); y integer labels of shape (n_samples,), or for
    the regression sets the continuous targets of shape (n_samples,): within [−1, 1] for
    "multi_gauss", within ±1.2 for "plane" (±1.8 at noise 0.5, where the blurred point may lie
    outside the square). As in the playground, the noise blurs the point at which y is taken,
    not the point X itself.
    """
    check_choice(name, "name", TOY_SETS + TOY_REGRESSION_SETS)
    check_scalar(n_samples, "n_samples", "int", low=0, low_open=True)
    check_scalar(noise, "noise", low=0, high=0.5)
    check_scalar(n_classes, "n_classes", "int", low=0, low_open=True)
    if n_classes < 2 or (name not in ("gauss", "spiral") and n_classes != 2):
        raise ValueError(
            f"n_classes must be 2 for {name!r} (and >= 2 for 'gauss' and 'spiral'), got {n_classes}"
        )
    rng = np.random.default_rng(seed)
    if name in TOY_REGRESSION_SETS:
        X = rng.uniform(-6, 6, (n_samples, 2))
        blurred = X + rng.uniform(-6, 6, X.shape) * noise  # y is computed at a blurred point
        return X, plane(blurred) if name == "plane" else multi_gauss(blurred)
    y = np.arange(n_samples) % n_classes
    X, y = _TOY_CLASSES[name](rng, y, noise, n_classes)
    return X, y.astype(int)


def plane(X):
    """The playground's "plane" regression target: y = (x₁ + x₂) / 10, for X of shape (n, 2)
    (so y runs from −1.2 to 1.2 over [−6, 6]²)."""
    return X.sum(axis=1) / 10


def multi_gauss(X):
    """The playground's "multi Gaussian" regression target for X of shape (n, 2).

    Six bumps, at (−4, ±2.5), (0, ±2.5), (4, ±2.5) with alternating signs (``BUMPS``). Bump i
    rises to sᵢ = ±1 at its centre cᵢ and falls linearly to 0 at distance 2:
    hᵢ(x) = sᵢ max(0, 1 − ‖x − cᵢ‖/2). y is the hᵢ(x) largest in absolute value (0 far from
    every bump), as in the TensorFlow Playground."""
    distance = np.linalg.norm(X[:, None, :] - BUMPS[None, :, :2], axis=2)  # (n, 6)
    heights = BUMPS[:, 2] * np.clip(1 - distance / 2, 0, 1)
    return heights[np.arange(len(X)), np.argmax(np.abs(heights), axis=1)]


def _circle(rng, y, noise, n_classes):
    """Class 1 inside radius 2.5, class 0 in a ring from 3.5 to 5."""
    n = len(y)
    radius = np.where(y == 1, rng.uniform(0, 2.5, n), rng.uniform(3.5, 5, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    X += rng.uniform(-5, 5, X.shape) * noise
    return X, y


def _xor(rng, y, noise, n_classes):
    """Class 1 where x₁ and x₂ have the same sign."""
    X = rng.uniform(-5, 5, (len(y), 2))
    X += np.sign(X) * 0.3  # keep a small gap around the axes
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    X += rng.uniform(-5, 5, X.shape) * noise
    return X, y


def _gauss(rng, y, noise, n_classes):
    """One Gaussian blob per class, centres on a circle of radius 2.8."""
    angle = 2 * np.pi * y / n_classes + np.pi / 4
    centres = 2.8 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + rng.normal(0, 0.5 + 3 * noise, (len(y), 2)), y


def _spiral(rng, y, noise, n_classes):
    """One arm per class, each turning 1.75 times around the centre."""
    t = rng.uniform(0, 1, len(y))
    angle = 1.75 * 2 * np.pi * t + 2 * np.pi * y / n_classes
    radius = 5 * t
    X = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    X += rng.uniform(-1, 1, X.shape) * 5 * noise
    return X, y


_TOY_CLASSES = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral}


def make_neuron_data(n=40, spread=2.5, seed=0):
    """The small 1-D data set of notebooks 05 and 06: one input x, two overlapping classes.

    Labels alternate, y = 0, 1, 0, 1, ... (y_i = i mod 2). Each x is its class centre plus
    Gaussian noise, rounded to one decimal:

        x_i = round(c_i + spread · ε_i, 1),   c_i = −1 if y_i = 0 else +1,   ε_i ~ Normal(0, 1)

    (drawn with ``np.random.default_rng(seed)``). With the defaults, 40 points whose classes
    overlap a lot: class 1 lies to the right, but no single threshold separates them. One sigmoid
    neuron a = σ(w x + b) has just two parameters (w, b), so its loss over these points is a
    landscape that can be drawn: the gradient-descent and SGD examples of the course.

    Returns (x, y): x floats of shape (n,), y integer labels 0/1 of shape (n,).
    """
    check_scalar(n, "n", "int", low=0, low_open=True)
    check_scalar(spread, "spread", low=0, low_open=True)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    x = np.round(np.where(y == 1, 1.0, -1.0) + rng.normal(0.0, spread, n), 1)
    return x, y


def load_digits_split(test_size=0.25, validation_size=0.0, seed=0):
    """scikit-learn's 1797 handwritten digits (8×8 pixels), ready for a network.

    Pixels are scaled from 0..16 to [0, 1]. The split is stratified (every digit in the same
    proportion in every part) and fixed by ``seed``: the course always uses the default one.
    ``validation_size`` (a fraction of the training part) carves out a validation set for
    choosing hyperparameters, so that the test set is used only once, at the end.

    Returns a Bunch with X_train, y_train, X_test, y_test (and X_val, y_val if
    validation_size > 0); X arrays have shape (n, 64), y arrays hold labels 0–9; also
    ``images_*`` views of shape (n, 8, 8) are easy to get with ``X.reshape(-1, 8, 8)``.
    """
    for name, value in (("test_size", test_size), ("validation_size", validation_size)):
        if not 0 <= value < 1:
            raise ValueError(f"{name} must be a fraction between 0 and 1, got {value!r}")
    if test_size == 0:
        raise ValueError("test_size must be > 0: keep a test set")
    digits = load_digits()
    X = digits.data / 16.0
    y = digits.target
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=seed
    )
    split = Bunch(X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test)
    if validation_size > 0:
        split.X_train, split.X_val, split.y_train, split.y_val = train_test_split(
            X_train, y_train, test_size=validation_size, stratify=y_train, random_state=seed
        )
    return split


def augment_digits(X, y):
    """The digits plus four copies of each, shifted by one pixel (left, right, up, down).

    A digit moved by one pixel is still the same digit: these extra examples teach the network
    that the position does not matter much ("data augmentation"). Only augment training data.

    ``X`` has shape (n, 64) (8×8 images as rows), ``y`` shape (n,). Returns (X5, y5) with 5n
    rows: the originals first, then the shifted copies (the pixel row or column that moves in
    at the border is blank).
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 64:
        raise ValueError(f"X must hold 8×8 digit images as rows of 64 pixels, got shape {X.shape}")
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must hold one label per row of X: expected shape ({X.shape[0]},)")
    images = X.reshape(-1, 8, 8)
    copies = [images]
    for axis, step in ((2, 1), (2, -1), (1, 1), (1, -1)):  # right, left, down, up
        shifted = np.roll(images, step, axis=axis)
        border = 0 if step == 1 else -1  # the row/column that wrapped around: blank it
        if axis == 2:
            shifted[:, :, border] = 0.0
        else:
            shifted[:, border, :] = 0.0
        copies.append(shifted)
    return np.concatenate(copies).reshape(-1, 64), np.tile(y, len(copies))


#: The course's recipe for the digits, chosen on the validation split only
#: (``load_digits_split(validation_size=0.2)``, 3 seeds; the search is benchmarks/tune_digits.py):
#: a ReLU hidden layer of 128 neurons, mini-batch SGD with momentum, a little weight decay, an
#: annealed learning rate, and the training set augmented with one-pixel shifts. Use it as
#:
#:     X, y = augment_digits(split.X_train, split.y_train)  # if DIGITS_RECIPE["augment"]
#:     net = Network(**DIGITS_RECIPE["network"], seed=0)
#:     net.fit(X, y, **DIGITS_RECIPE["fit"])
DIGITS_RECIPE = {
    "network": {"sizes": [64, 128, 10], "hidden_activation": "relu"},
    "fit": {
        "epochs": 10,
        "batch_size": 32,
        "learning_rate": 0.1,
        "momentum": 0.9,
        "weight_decay": 1e-4,
        "anneal": True,
    },
    "augment": True,
}
