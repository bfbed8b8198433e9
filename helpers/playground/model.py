"""The playground's model: its data, its ``helpers.Network`` and the training, without widgets.

    model = PlaygroundModel(dataset="xor", hidden=(4,), learning_rate=0.1)
    model.train(epochs=50)
    model.losses()          # (training loss, test loss)
    model.frame()           # everything the pictures show (see ``Frame``)

Training is the lecture's mini-batch SGD through the network's own ``mini_batches`` and
``update_mini_batch`` (one training loop in the course), with the TensorFlow Playground's L2
(``weight_decay``) or L1 (``l1_step``, the playground's own) regularisation and input
features x₁², x₂², x₁x₂, sin x₁, sin x₂. Classification uses sigmoid (two classes) or softmax
(3–4 classes) outputs; regression (the sets "plane" and "multi_gauss") a linear output with the
quadratic loss.
"""

from dataclasses import dataclass

import numpy as np

from ..data import make_toy
from ..losses import one_hot
from ..network import Network
from .diagnosis import chance_loss, diagnose
from .settings import FEATURES, LIMIT, PlaygroundSettings

#: Resolution of the output picture (points per side) and of each neuron's picture.
OUTPUT_RESOLUTION, NEURON_RESOLUTION = 64, 16


def feature_matrix(X, features):
    """The network's inputs: one column per chosen feature of the points X (n, 2)."""
    return np.column_stack([FEATURES[f][1](X) for f in features])


def plane_grid(resolution):
    """Points of a resolution × resolution grid over [−6, 6]², row 0 at the top (x₂ = 6)."""
    t = np.linspace(-LIMIT, LIMIT, resolution)
    xx, yy = np.meshgrid(t, t[::-1])
    return np.column_stack([xx.ravel(), yy.ravel()])


@dataclass
class Frame:
    """What the pictures show at one moment (the input of the state → picture functions).

    ``output``: (R, R, k) network outputs over the plane (k = 1 for two classes and for
    regression); ``neurons``: per layer, inputs first, (r, r, n) maps scaled to [−1, 1];
    ``weights``/``biases`` as in ``Network``; points and labels of both splits; ``history``
    (epochs, training and test losses); ``advice`` the "why did it fail" ``Advice``.
    """

    settings: PlaygroundSettings
    sizes: list
    output: np.ndarray
    neurons: list
    weights: list
    biases: list
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    epoch: int
    history: dict
    diverged: bool
    advice: object
    pinned_map: np.ndarray | None = None


class PlaygroundModel:
    """The data, the network and its training for one ``PlaygroundSettings``."""

    def __init__(self, settings=None, **arguments):
        if settings is None:
            settings = PlaygroundSettings.from_arguments(**arguments)
        self.settings = settings
        self.make_data()
        self.reset()

    # ---------------------------------------------------------------------------- set-up
    def make_data(self):
        """Draw the points, split them, and compute the features (also over the grid)."""
        s = self.settings
        X, y = make_toy(s.dataset, s.n_samples, s.noise / 100, s.data_seed, s.n_classes)
        order = np.random.default_rng(s.data_seed + 1000).permutation(len(X))
        n_train = int(round(len(X) * s.train_ratio / 100))
        self.X_train, self.y_train = X[order[:n_train]], y[order[:n_train]]
        self.X_test, self.y_test = X[order[n_train:]], y[order[n_train:]]
        self._features()

    def _features(self):
        s = self.settings
        self.F_train = feature_matrix(self.X_train, s.features)
        self.F_test = feature_matrix(self.X_test, s.features)
        self.F_grid = feature_matrix(plane_grid(OUTPUT_RESOLUTION), s.features)
        self.Y_train, self.Y_test = self.targets(self.y_train), self.targets(self.y_test)
        self.chance = chance_loss(self.Y_train, self.loss_name, self.output_kind)

    @property
    def output_kind(self):
        s = self.settings
        return "linear" if s.regression else "sigmoid" if s.n_classes == 2 else "softmax"

    @property
    def loss_name(self):
        return "mse" if self.settings.regression else self.settings.loss

    def targets(self, y):
        """Rows the output layer is trained towards: y itself (one sigmoid or linear output),
        or one-hot rows (softmax)."""
        if self.output_kind == "softmax":
            return one_hot(y, self.settings.n_classes)
        return np.asarray(y, dtype=float)[:, None]

    def reset(self):
        """A fresh network (the same initial weights for the same seed), epoch 0."""
        s = self.settings
        n_out = s.n_classes if self.output_kind == "softmax" else 1
        self.net = Network(
            [len(s.features), *s.hidden, n_out],
            hidden_activation=s.activation,
            output_activation=self.output_kind,
            loss=self.loss_name,
            seed=s.seed,
        )
        if s.activation == "relu":  # as in the TensorFlow Playground: hidden biases start at
            for b in self.net.biases[:-1]:  # 0.1, so each ReLU starts active on more than half
                b[:] = 0.1  # the plane and fewer die (output 0 everywhere, gradient 0)
        # the order of the batches: a generator of its own, so that it does not depend on how
        # many numbers drawing the weights took (the playground's runs stay as they were)
        self.net.rng = np.random.default_rng(s.seed)
        self.epoch = 0
        self.diverged = False
        train, test = self.losses()
        self.history = {"epoch": [0], "train": [train], "test": [test]}

    def apply(self, settings):
        """Switch to new settings, redoing only what they need (see ``settings``' "applies"):
        new data, a new network, or nothing (live settings act from the next step on).
        Returns "data", "network" or "live"."""
        old, self.settings = self.settings, settings
        changed = {n for n in settings.names() if getattr(settings, n) != getattr(old, n)}
        if changed & set(settings.names("data")):
            self.make_data()
        elif changed & set(settings.names("network")):
            self._features()
        else:
            return "live"
        self.reset()
        return "data" if changed & set(settings.names("data")) else "network"

    # ---------------------------------------------------------------------------- training
    def _loss(self, F, Y):
        """The network's loss on (F, Y); NaN once its outputs are no longer finite."""
        with np.errstate(all="ignore"):
            try:
                return float(self.net.loss(F, Y))
            except ValueError:  # the loss refuses NaN or infinite outputs: training diverged
                return float("nan")

    def losses(self):
        """(training loss, test loss) of the current network."""
        return self._loss(self.F_train, self.Y_train), self._loss(self.F_test, self.Y_test)

    def accuracy(self, split="test"):
        """Fraction of the ``split`` ("train" or "test") points classified right."""
        if self.settings.regression:
            raise ValueError("accuracy needs a classification data set; use losses()")
        F, y = (self.F_test, self.y_test) if split == "test" else (self.F_train, self.y_train)
        with np.errstate(all="ignore"):
            return float(self.net.accuracy(F, y))

    def train(self, epochs=1):
        """Train ``epochs`` epochs of the lecture's mini-batch SGD; returns False once training
        diverged.

        The loop is ``Network``'s own: ``mini_batches`` shuffles and cuts the data (with the
        network's ``rng``, seeded by ``seed`` in ``reset``), ``update_mini_batch`` takes each
        step W ← W − η (∂L/∂W + λ W) for L2 (λ = regularization_rate, ``weight_decay``).
        L1 is the playground's own extra (``l1_step``): W ← W − η λ sign(W), with the sign
        taken before the step, so that the step is W ← W − η (∂L/∂W + λ sign W).
        """
        if self.diverged:
            return False
        s = self.settings
        lam = s.regularization_rate if s.regularization else 0.0
        l2 = lam if s.regularization == "L2" else 0.0
        l1 = lam if s.regularization == "L1" else 0.0
        with np.errstate(all="ignore"):
            for _ in range(epochs):
                for F, Y in self.net.mini_batches(self.F_train, self.Y_train, s.batch_size):
                    signs = [np.sign(W) for W in self.net.weights] if l1 else None
                    self.net.update_mini_batch(F, Y, s.learning_rate, weight_decay=l2)
                    if l1:
                        l1_step(self.net.weights, signs, s.learning_rate * l1)
                self.epoch += 1
        train, test = self.losses()
        self.history["epoch"].append(self.epoch)
        self.history["train"].append(train)
        self.history["test"].append(test)
        if not np.isfinite(train) or max(np.abs(W).max() for W in self.net.weights) > 1e6:
            self.diverged = True
        return not self.diverged

    def set_weight(self, layer, k, j, value):
        """Set w^layer_{kj} (``weights[layer - 1][k, j]``), as a student edits a link."""
        self.net.weights[layer - 1][k, j] = float(value)
        train, test = self.losses()
        self.history["train"][-1], self.history["test"][-1] = train, test

    def advice(self):
        """The "why did it fail" line for the run so far ("" when nothing looks wrong)."""
        return diagnose(
            self.history["train"],
            self.history["test"],
            self.chance,
            diverged=self.diverged,
            epochs=self.history["epoch"],
        )

    # ---------------------------------------------------------------------------- pictures
    def frame(self, pinned=None):
        """The current state for the pictures (a ``Frame``); ``pinned`` = (layer, j) also
        gives that neuron's map at the output's resolution (``pinned_map``)."""
        with np.errstate(all="ignore"):
            layers = self.net.forward_layers(self.F_grid)
        r = OUTPUT_RESOLUTION
        step = OUTPUT_RESOLUTION // NEURON_RESOLUTION
        neurons = [
            _scaled(a.reshape(r, r, -1)[::step, ::step], l, self) for l, a in enumerate(layers)
        ]
        output = layers[-1].reshape(r, r, -1)
        pinned_map = None
        if pinned is not None:
            l, j = pinned
            pinned_map = _scaled(layers[l].reshape(r, r, -1), l, self)[..., j]
        return Frame(
            settings=self.settings,
            sizes=list(self.net.sizes),
            output=np.nan_to_num(output, nan=0.5 if not self.settings.regression else 0.0),
            neurons=neurons,
            weights=[W.copy() for W in self.net.weights],
            biases=[b.copy() for b in self.net.biases],
            X_train=self.X_train,
            y_train=self.y_train,
            X_test=self.X_test,
            y_test=self.y_test,
            epoch=self.epoch,
            history=self.history,
            diverged=self.diverged,
            advice=self.advice(),
            pinned_map=pinned_map,
        )


def l1_step(weights, signs, step):
    """The playground's L1 regularisation, after a step of SGD: W ← W − ``step`` · sign(W)
    for each weight matrix, ``signs`` the signs before the step (``step`` = η λ₁). Biases are
    not regularised. (The lecture's ``Network`` has L2 only, as ``weight_decay``.)"""
    for W, sign in zip(weights, signs, strict=True):
        W -= step * sign


def _scaled(maps, layer, model):
    """A layer's maps in [−1, 1] for the picture: tanh as it is, sigmoid and the output
    stretched from [0, 1], inputs and unbounded activations (ReLU, linear) by their largest
    absolute value over the plane."""
    last = layer == len(model.net.sizes) - 1
    kind = model.output_kind if last else "input" if layer == 0 else model.settings.activation
    maps = np.nan_to_num(maps, nan=0.0, posinf=1.0, neginf=-1.0)  # a diverged network
    if kind in ("sigmoid", "softmax"):
        maps = 2 * maps - 1
    elif last:  # regression: the targets lie in [−1, 1], shown on that scale
        pass
    elif kind != "tanh":
        scale = np.abs(maps).max(axis=(0, 1))
        maps = maps / np.where(scale > 0, scale, 1.0)
    return np.clip(maps, -1, 1)
