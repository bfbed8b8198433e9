"""The playground's logic, without widgets: configuration, data, training and figures.

``helpers.widgets.playground()`` wires these to controls. Everything here is plain Python and
NumPy (plus matplotlib for the figures), so it is unit-tested without a browser:

    config = PlaygroundConfig(dataset="xor", hidden=(4,), activation="tanh")
    model = PlaygroundModel(config)
    model.train(epochs=50)
    model.losses()          # (training loss, test loss)

Training is the lecture's mini-batch SGD on a ``helpers.Network`` (its backpropagation), plus
what the TensorFlow Playground offers on top: L1 or L2 regularisation of the weights and the
input features x₁², x₂², x₁x₂, sin x₁, sin x₂.
"""

from dataclasses import asdict, dataclass, field

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb

from .data import TOY_SETS, make_toy
from .losses import binary_cross_entropy, cross_entropy, mse, one_hot
from .network import Network
from .plotting import BLUE_ORANGE, CLASS_COLORS, COLORS

#: name → (label, function of X (n, 2)); the TensorFlow Playground's input features.
FEATURES = {
    "x1": ("x₁", lambda X: X[:, 0]),
    "x2": ("x₂", lambda X: X[:, 1]),
    "x1^2": ("x₁²", lambda X: X[:, 0] ** 2),
    "x2^2": ("x₂²", lambda X: X[:, 1] ** 2),
    "x1*x2": ("x₁x₂", lambda X: X[:, 0] * X[:, 1]),
    "sin(x1)": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sin(x2)": ("sin x₂", lambda X: np.sin(X[:, 1])),
}
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
LOSSES = ("cross_entropy", "mse")
LIMIT = 6.0  # the plane shown is [−6, 6]²


@dataclass
class PlaygroundConfig:
    """Everything that defines a playground run (the arguments of ``playground()``)."""

    dataset: str = "circle"
    n_classes: int = 2
    noise: int = 0  # percent, 0–50
    train_ratio: int = 50  # percent of the points used for training
    n_samples: int = 400
    features: tuple = ("x1", "x2")
    hidden: tuple = (4, 2)
    activation: str = "tanh"
    learning_rate: float = 0.03
    batch_size: int = 10
    regularization: str | None = None  # None, "L1" or "L2"
    regularization_rate: float = 0.0
    loss: str = "cross_entropy"
    seed: int = 0  # initial weights and the order of the batches
    data_seed: int = 0  # the points and the train/test split
    show_test: bool = False
    discretize: bool = False
    extra: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.features = tuple(self.features)
        self.hidden = tuple(int(h) for h in self.hidden)
        self.validate()

    def validate(self):
        """Raise ``ValueError`` with a helpful message for a setting out of range."""
        checks = [
            (self.dataset in TOY_SETS, f"dataset must be one of {TOY_SETS}"),
            (
                self.n_classes == 2
                or (self.dataset in ("gauss", "spiral") and self.n_classes <= 6),
                "n_classes must be 2 (or up to 6 for 'gauss' and 'spiral')",
            ),
            (0 <= self.noise <= 50, "noise is a percentage from 0 to 50"),
            (10 <= self.train_ratio <= 90, "train_ratio is a percentage from 10 to 90"),
            (len(self.features) >= 1, "choose at least one input feature"),
            (all(f in FEATURES for f in self.features), f"features are from {tuple(FEATURES)}"),
            (len(self.hidden) <= 6, "at most 6 hidden layers"),
            (all(1 <= h <= 8 for h in self.hidden), "1 to 8 neurons per hidden layer"),
            (self.activation in ACTIVATIONS, f"activation must be one of {ACTIVATIONS}"),
            (0 < self.learning_rate <= 10, "learning_rate must be > 0 and <= 10"),
            (1 <= self.batch_size <= 30, "batch_size must be from 1 to 30"),
            (self.regularization in (None, "L1", "L2"), "regularization is None, 'L1' or 'L2'"),
            (self.regularization_rate >= 0, "regularization_rate must be >= 0"),
            (self.loss in LOSSES, f"loss must be one of {LOSSES}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def call(self):
        """The one line of Python that recreates this configuration."""
        default = PlaygroundConfig()
        parts = []
        for key, value in asdict(self).items():
            if key == "extra" or value == getattr(default, key):
                continue
            parts.append(f"{key}={value!r}")
        return f"playground({', '.join(parts)})"


def feature_matrix(X, features):
    """The network's inputs: one column per chosen feature of the points X (n, 2)."""
    return np.column_stack([FEATURES[f][1](X) for f in features])


def plane_grid(resolution):
    """Points of a resolution × resolution grid over [−6, 6]², row 0 at the top (x₂ = 6)."""
    t = np.linspace(-LIMIT, LIMIT, resolution)
    xx, yy = np.meshgrid(t, t[::-1])
    return np.column_stack([xx.ravel(), yy.ravel()])


def layer_outputs(net, X):
    """Every layer's activations for inputs X: [a⁰ = X, a¹, ..., aᴸ = ŷ]."""
    return net.forward_layers(X)


class PlaygroundModel:
    """The data, the network and its training for one ``PlaygroundConfig``."""

    def __init__(self, config=None, **settings):
        self.config = config if config is not None else PlaygroundConfig(**settings)
        self.make_data()
        self.reset()

    # ---------------------------------------------------------------------------- set-up
    def make_data(self):
        c = self.config
        X, y = make_toy(
            c.dataset, c.n_samples, c.noise / 100, seed=c.data_seed, n_classes=c.n_classes
        )
        order = np.random.default_rng(c.data_seed + 1000).permutation(len(X))
        n_train = int(round(len(X) * c.train_ratio / 100))
        self.X_train, self.y_train = X[order[:n_train]], y[order[:n_train]]
        self.X_test, self.y_test = X[order[n_train:]], y[order[n_train:]]
        self.F_train = feature_matrix(self.X_train, c.features)
        self.F_test = feature_matrix(self.X_test, c.features)
        k = c.n_classes
        self.Y_train = self._targets(self.y_train)
        self.Y_test = self._targets(self.y_test)
        self.grid = plane_grid(52)
        self.F_grid = feature_matrix(self.grid, c.features)
        self.k = k

    def _targets(self, y):
        k = self.config.n_classes
        return y[:, None].astype(float) if k == 2 else one_hot(y, k)

    def reset(self):
        """A fresh network (the same initial weights for the same seed), epoch 0."""
        c = self.config
        n_out = 1 if c.n_classes == 2 else c.n_classes
        self.net = Network(
            [len(c.features), *c.hidden, n_out],
            hidden_activation=c.activation,
            output="sigmoid" if n_out == 1 else "softmax",
            loss=c.loss,
            seed=c.seed,
        )
        self.epoch = 0
        self.diverged = False
        train, test = self.losses()
        self.history = {"epoch": [0], "train": [train], "test": [test]}

    # ---------------------------------------------------------------------------- training
    def _loss(self, Y, Y_hat):
        if not np.all(np.isfinite(Y_hat)):
            return float("nan")
        if self.config.loss == "mse":
            return mse(Y, Y_hat)
        return binary_cross_entropy(Y, Y_hat) if Y.shape[1] == 1 else cross_entropy(Y, Y_hat)

    def losses(self):
        """(training loss, test loss) of the current network."""
        with np.errstate(all="ignore"):
            train = self._loss(self.Y_train, layer_outputs(self.net, self.F_train)[-1])
            test = self._loss(self.Y_test, layer_outputs(self.net, self.F_test)[-1])
        return train, test

    def accuracy(self, split="test"):
        """Fraction of the ``split`` ("train" or "test") points the network classifies right."""
        F, y = (self.F_test, self.y_test) if split == "test" else (self.F_train, self.y_train)
        with np.errstate(all="ignore"):
            out = layer_outputs(self.net, F)[-1]
        predicted = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        return float(np.mean(predicted == y))

    def train(self, epochs=1):
        """Train for ``epochs`` epochs of mini-batch SGD with the configured regularisation.

        Each batch: W ← W − η (∂L/∂W + λ R'(W)), with R'(W) = sign(W) for L1 and W for L2
        (λ = regularization_rate), b ← b − η ∂L/∂b. Returns False once training diverged.
        """
        if self.diverged:
            return False
        c, net = self.config, self.net
        eta, lam = c.learning_rate, c.regularization_rate if c.regularization else 0.0
        n = len(self.F_train)
        with np.errstate(all="ignore"):
            for _ in range(epochs):
                order = net._rng.permutation(n)
                for start in range(0, n, c.batch_size):
                    batch = order[start : start + c.batch_size]
                    dW, db = net._backprop(self.F_train[batch], self.Y_train[batch])
                    for l, W in enumerate(net.weights):
                        grad = dW[l]
                        if lam and c.regularization == "L1":
                            grad = grad + lam * np.sign(W)
                        elif lam:
                            grad = grad + lam * W
                        W -= eta * grad
                        net.biases[l] -= eta * db[l]
                self.epoch += 1
            train, test = self.losses()
        self.history["epoch"].append(self.epoch)
        self.history["train"].append(train)
        self.history["test"].append(test)
        if not np.isfinite(train) or max(np.abs(W).max() for W in net.weights) > 1e6:
            self.diverged = True
        return not self.diverged

    # ---------------------------------------------------------------------------- pictures
    def snapshot(self):
        """What the figures show: the output over the plane and every neuron's own heatmap.

        Returns a dict: ``output`` (52×52×k probabilities, k = 1 for two classes),
        ``neurons`` (a list per layer, inputs first, of 26×26 maps scaled to [−1, 1]),
        ``weights``, ``epoch``, ``history``, ``losses``.
        """
        with np.errstate(all="ignore"):
            outs = layer_outputs(self.net, self.F_grid)
        res = 52
        neurons = []
        for l, a in enumerate(outs[:-1]):
            maps = a.reshape(res, res, -1)[::2, ::2, :]
            if l == 0 or self.config.activation in ("relu", "linear"):
                scale = np.nanmax(np.abs(maps), axis=(0, 1))
                maps = maps / np.where(scale > 0, scale, 1.0)
            elif self.config.activation == "sigmoid":
                maps = 2 * maps - 1
            neurons.append(np.nan_to_num(maps))
        output = np.nan_to_num(outs[-1].reshape(res, res, -1), nan=0.5)
        neurons.append(2 * output[::2, ::2, :] - 1)
        return {
            "output": output,
            "neurons": neurons,
            "weights": [W.copy() for W in self.net.weights],
            "epoch": self.epoch,
            "history": self.history,
            "losses": (self.history["train"][-1], self.history["test"][-1]),
            "diverged": self.diverged,
        }


def output_rgb(output, discretize=False):
    """Colour the network's output over the plane: two classes blue → white → orange by the
    probability of class 1; more classes in the winning class's colour, paler where unsure.
    ``discretize``: only the winning class, no shades. Returns (h, w, 3) floats."""
    if output.shape[-1] == 1:
        p = output[..., 0]
        if discretize:
            p = np.where(p > 0.5, 0.85, 0.15)
        return BLUE_ORANGE(p)[..., :3]
    k = output.shape[-1]
    colours = np.array([to_rgb(c) for c in CLASS_COLORS[:k]])
    winner = output.argmax(axis=-1)
    confidence = output.max(axis=-1)
    alpha = np.full(confidence.shape, 0.6) if discretize else (confidence - 1 / k) / (1 - 1 / k)
    alpha = 0.15 + 0.65 * np.clip(alpha, 0, 1)
    return 1 - alpha[..., None] * (1 - colours[winner])


def neuron_rgb(values):
    """A neuron's map in [−1, 1] → blue (−1), white (0), orange (+1)."""
    return BLUE_ORANGE((np.clip(values, -1, 1) + 1) / 2)[..., :3]


# -------------------------------------------------------------------------------- figures
def _rgba8(rgb):
    """Floats in [0, 1], shape (h, w, 3) → uint8 RGBA, which matplotlib draws fastest."""
    out = np.empty(rgb.shape[:2] + (4,), dtype=np.uint8)
    out[..., :3] = np.clip(rgb * 255 + 0.5, 0, 255)
    out[..., 3] = 255
    return out


def _live():
    from .widgets import LiveFigure, course_style  # the widgets module imports this one

    return LiveFigure, course_style


#: Font size (points) of the playground's small texts: at the course's 80 dpi, 13 pt is
#: 14 px, readable from the back of a lecture hall.
LABEL_PT = 13


def surface_figure(model, size=5.0):
    """The decision surface: the output over [−6, 6]² with the training (and test) points."""
    LiveFigure, course_style = _live()

    class SurfaceFigure(LiveFigure):
        def __init__(self):
            super().__init__((size, size))
            with course_style():
                ax = self.ax = self.fig.add_subplot()
                self.image = ax.imshow(
                    np.full((52, 52, 4), 255, dtype=np.uint8),
                    extent=(-LIMIT, LIMIT, -LIMIT, LIMIT),
                    interpolation="bilinear",
                )
                self.train = ax.scatter([], [], s=22, edgecolor="white", linewidth=0.6)
                self.test = ax.scatter([], [], s=22, edgecolor="black", linewidth=0.9)
                ax.set_xlim(-LIMIT, LIMIT)
                ax.set_ylim(-LIMIT, LIMIT)
                ax.set_xlabel("$x_1$")
                ax.set_ylabel("$x_2$")
                ax.grid(False)
                self.title = ax.set_title(" ", fontsize=15)
            self.animate(self.image, self.train, self.test)

        def set_points(self, model):
            for coll, X, y in (
                (self.train, model.X_train, model.y_train),
                (self.test, model.X_test, model.y_test),
            ):
                coll.set_offsets(X)
                coll.set_facecolor([CLASS_COLORS[int(k)] for k in y])

        def update(self, state):
            self.image.set_data(_rgba8(output_rgb(state["output"], state["discretize"])))
            self.test.set_visible(state["show_test"])
            what = "training and test points" if state["show_test"] else "training points"
            if self.title.get_text() != f"Output and {what}":  # static text: redraw it all
                self.title.set_text(f"Output and {what}")
                self.invalidate()

    fig = SurfaceFigure()
    fig.set_points(model)
    return fig


def network_figure(model, tile=26, dy=36, dx=92):
    """A picture of the network: each neuron as its own small heatmap over the plane (inputs:
    the features), links coloured by the sign of the weight (orange +, blue −) and thickened
    by its size. Canvas pixels are figure pixels, so the tiles (``tile`` px, the size of the
    snapshot's neuron maps) are drawn 1:1; labels are ``LABEL_PT`` points."""
    LiveFigure, course_style = _live()
    c = model.config
    sizes = model.net.sizes
    char = LABEL_PT * 80 / 72 * 0.62  # about one character's width in pixels
    longest = max(len(FEATURES[f][0]) for f in c.features)
    top, left, bottom = 44, int(16 + char * longest), 14
    width = max(left + (len(sizes) - 1) * dx + tile + 34, 200)
    height = top + max(sizes) * dy + bottom
    # tile centres: layer l, neuron j
    centres = []
    for l, n in enumerate(sizes):
        offset = top + (max(sizes) - n) * dy / 2
        centres.append([(left + l * dx + tile / 2, offset + j * dy + tile / 2) for j in range(n)])

    class NetworkFigure(LiveFigure):
        def __init__(self):
            super().__init__((width / 80, height / 80), layout="none")
            with course_style():
                ax = self.ax = self.fig.add_axes((0, 0, 1, 1))
                ax.set_xlim(0, width)
                ax.set_ylim(height, 0)
                ax.axis("off")
                self.canvas_rgb = np.ones((height, width, 3))
                # a figure image is pasted pixel for pixel: no resampling
                self.image = self.fig.figimage(_rgba8(self.canvas_rgb), origin="upper")
                segments = []
                for l in range(len(sizes) - 1):
                    for xa, ya in centres[l]:
                        for xb, yb in centres[l + 1]:
                            segments.append([(xa + tile / 2, ya), (xb - tile / 2, yb)])
                self.links = LineCollection(segments, linewidths=1, colors="0.5")
                ax.add_collection(self.links)
                names = ["input"] + [f"hidden {i + 1}" for i in range(len(c.hidden))] + ["output"]
                labels = [
                    (left + l * dx + tile / 2, 18, name, "center") for l, name in enumerate(names)
                ]
                labels += [
                    (x - tile / 2 - 4, y, FEATURES[f][0], "right")
                    for (x, y), f in zip(centres[0], c.features, strict=True)
                ]
                texts = [
                    ax.text(x, y, t, ha=ha, va="center", fontsize=LABEL_PT)
                    for x, y, t, ha in labels
                ]
            # the figure image covers the whole canvas: links and labels are drawn after it
            self.animate(self.image, self.links, *texts)

        def update(self, state):
            rgb = self.canvas_rgb
            for l, maps in enumerate(state["neurons"]):
                for j, (x, y) in enumerate(centres[l]):
                    x0, y0 = int(round(x - tile / 2)), int(round(y - tile / 2))
                    rgb[y0 : y0 + tile, x0 : x0 + tile] = neuron_rgb(maps[:, :, j])
            self.image.set_data(_rgba8(rgb))
            w = np.concatenate([W.ravel() for W in state["weights"]])
            w = np.nan_to_num(w)
            blue, orange = to_rgb(COLORS["blue"]), to_rgb(COLORS["orange"])
            self.links.set_color([orange if v > 0 else blue for v in w])
            self.links.set_linewidth(np.clip(np.abs(w) * 1.5, 0.3, 6))

    return NetworkFigure()


def curve_figure(size=(4.6, 3.1)):
    """Training and test loss against the epoch (the widget shows it under the network)."""
    LiveFigure, course_style = _live()

    class CurveFigure(LiveFigure):
        def __init__(self):
            super().__init__(size)
            with course_style():
                ax = self.ax = self.fig.add_subplot()
                # a dot on the latest value: at epoch 0 the curves are a single point
                last = dict(lw=2.5, marker="o", ms=7, markevery=[-1])
                (self.train,) = ax.plot([], [], color=COLORS["blue"], label="training", **last)
                (self.test,) = ax.plot(
                    [], [], color=COLORS["vermillion"], ls="--", label="test", **last
                )
                ax.set_xlabel("epoch", fontsize=14)
                ax.set_ylabel("loss", fontsize=14)
                ax.tick_params(labelsize=LABEL_PT)
                ax.set_title("Training and test loss", fontsize=15)
                # one row in the top band, which the y limits below keep free of the curves
                # (so it can stay in the static background: the lines never cross it)
                ax.legend(
                    fontsize=LABEL_PT,
                    loc="upper right",
                    ncols=2,
                    handlelength=1.8,
                    columnspacing=1.0,
                    borderaxespad=0.2,
                    framealpha=0.9,
                )
            self.animate(self.train, self.test)

        def update(self, state):
            h = state["history"]
            e = np.asarray(h["epoch"])
            train, test = np.asarray(h["train"]), np.asarray(h["test"])
            self.train.set_data(e, train)
            self.test.set_data(e, test)
            x_max = max(10, e[-1])
            finite = np.concatenate([train[np.isfinite(train)], test[np.isfinite(test)]])
            # the top ~24 % stays free for the legend: y from 0 to 1.32 × the largest loss
            y_top = 1.32 * float(finite.max()) if finite.size else 1.0
            x0, x1 = self.ax.get_xlim()
            y0, y1 = self.ax.get_ylim()
            if x_max > x1 or x1 > 4 * x_max or y_top > y1 * 1.0001 or y1 > 3 * y_top:
                self.ax.set_xlim(0, x_max * 1.5 if e[-1] > 10 else 10)
                self.ax.set_ylim(0, y_top)
                self.invalidate()

    return CurveFigure()
