"""The playground's settings, declared once: one dataclass field per control.

Each field's ``metadata`` says how a change applies while the playground runs:

* ``"live"``: from the next training step on, without a restart (learning rate, batch size,
  regularisation), or only the pictures change (show test data, discretise output);
* ``"network"``: a new network on the same data (features, hidden layers, activation, loss,
  seed);
* ``"data"``: new points and a new network (data set, classes, noise, training share, ...).

``PlaygroundSettings.from_arguments(**kwargs)`` accepts what ``playground()`` promises: a
learning rate or regularisation rate between the menu's ends that is not in the menu is added to
it (``learning_rate=0.5`` works), ``hidden=4`` means one layer of 4, ``features="x1"`` one
feature; anything else out of range gets a ``ValueError`` that names the argument.
"""

import numbers
from dataclasses import asdict, dataclass, field, fields

import numpy as np

from ..data import TOY_REGRESSION_SETS, TOY_SETS

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
CLASSIFICATION_SETS = TOY_SETS
#: The TensorFlow Playground's two regression sets: a tilted plane and six Gaussian bumps.
REGRESSION_SETS = TOY_REGRESSION_SETS
DATASETS = CLASSIFICATION_SETS + REGRESSION_SETS
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
LOSSES = ("cross_entropy", "mse")
REGULARIZATIONS = (None, "L1", "L2")
MAX_LAYERS, MAX_NEURONS = 6, 8
LIMIT = 6.0  # the plane shown is [−6, 6]²


def _setting(default, applies, **extra):
    return field(default=default, metadata={"applies": applies, **extra})


@dataclass
class PlaygroundSettings:
    """Everything that defines a playground run: the arguments of ``playground()``."""

    dataset: str = _setting("circle", "data")
    n_classes: int = _setting(2, "data")
    noise: int = _setting(0, "data")  # percent, 0–50
    train_ratio: int = _setting(50, "data")  # percent of the points used for training
    n_samples: int = _setting(400, "data")
    data_seed: int = _setting(0, "data")  # the points and the train/test split
    features: tuple = _setting(("x1", "x2"), "network")
    hidden: tuple = _setting((4, 2), "network")
    activation: str = _setting("tanh", "network")
    loss: str = _setting("cross_entropy", "network")  # classification only: regression is mse
    seed: int = _setting(0, "network")  # initial weights and the order of the batches
    learning_rate: float = _setting(0.03, "live", menu=LEARNING_RATES)
    batch_size: int = _setting(10, "live")
    regularization: str | None = _setting(None, "live")  # None, "L1" or "L2"
    regularization_rate: float = _setting(0.0, "live", menu=REGULARIZATION_RATES)
    show_test: bool = _setting(False, "live")
    discretize: bool = _setting(False, "live")

    def __post_init__(self):
        self.features = tuple(self.features)
        self.hidden = tuple(self.hidden)
        self.validate()

    @property
    def regression(self):
        """True for the regression sets: one linear output, the quadratic loss."""
        return self.dataset in REGRESSION_SETS

    @classmethod
    def names(cls, applies=None):
        """The fields' names (those that apply ``applies``: "live", "network" or "data")."""
        return [f.name for f in fields(cls) if applies in (None, f.metadata["applies"])]

    @classmethod
    def from_arguments(cls, **arguments):
        """Settings from ``playground()``'s arguments, read generously (see the module doc)."""
        unknown = set(arguments) - set(cls.names())
        if unknown:
            raise TypeError(f"unknown setting(s) {sorted(unknown)}: choose from {cls.names()}")
        if "hidden" in arguments:
            arguments["hidden"] = _layers(arguments["hidden"])
        if isinstance(arguments.get("features"), str):
            arguments["features"] = (arguments["features"],)
        return cls(**arguments)

    def validate(self):
        """Raise ``ValueError``/``TypeError`` naming the first setting that is out of range."""
        _choice(self.dataset, "dataset", DATASETS)
        if self.dataset in ("gauss", "spiral"):
            _whole(self.n_classes, "n_classes", 2, 4)
        elif self.n_classes != 2:
            raise ValueError(
                f"n_classes must be 2 for {self.dataset!r} (3 or 4 classes: 'gauss' or 'spiral'),"
                f" got {self.n_classes!r}"
            )
        _whole(self.noise, "noise (a percentage)", 0, 50)
        _whole(self.train_ratio, "train_ratio (a percentage)", 10, 90)
        _whole(self.n_samples, "n_samples", 20, 2000)
        _whole(self.data_seed, "data_seed", 0, 10**9)
        _whole(self.seed, "seed", 0, 10**9)
        if not self.features or any(f not in FEATURES for f in self.features):
            raise ValueError(f"features: choose one or more of {tuple(FEATURES)}")
        if len(set(self.features)) != len(self.features):
            raise ValueError("features: each feature once")
        if len(self.hidden) > MAX_LAYERS:
            raise ValueError(f"hidden: at most {MAX_LAYERS} hidden layers")
        for h in self.hidden:
            _whole(h, "hidden (neurons per layer)", 1, MAX_NEURONS)
        _choice(self.activation, "activation", ACTIVATIONS)
        _choice(self.loss, "loss", LOSSES)
        _number(self.learning_rate, "learning_rate", 0.00001, 10.0)
        _whole(self.batch_size, "batch_size", 1, 30)
        _choice(self.regularization, "regularization", REGULARIZATIONS)
        _number(self.regularization_rate, "regularization_rate", 0.0, 10.0)
        for name in ("show_test", "discretize"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")

    def call(self):
        """The one line of Python that recreates these settings."""
        default = PlaygroundSettings()
        parts = [
            f"{key}={value!r}"
            for key, value in asdict(self).items()
            if value != getattr(default, key) and not (key == "loss" and self.regression)
        ]
        return f"playground({', '.join(parts)})"


def menu_with(menu, value):
    """The menu's values with ``value`` added in order (a learning rate not in the menu)."""
    return tuple(sorted(set(menu) | {float(value)}))


def _layers(hidden):
    """``hidden`` as a tuple of layer sizes: 4 → (4,), "4, 2" → (4, 2), [] → ()."""
    if isinstance(hidden, numbers.Integral) and not isinstance(hidden, bool):
        return (int(hidden),)
    if isinstance(hidden, str):
        text = hidden.replace(";", ",").strip()
        try:
            return tuple(int(t) for t in text.split(",") if t.strip())
        except ValueError:
            raise ValueError(
                f"hidden: type whole numbers separated by commas, e.g. 4, 2; got {hidden!r}"
            ) from None
    try:
        return tuple(hidden)
    except TypeError:
        raise TypeError(
            f"hidden must be a tuple of layer sizes such as (4, 2), got {hidden!r}"
        ) from None


def _whole(value, name, low, high):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {value!r}")


def _number(value, name, low, high):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number from {low:g} to {high:g}, got {value!r}")
    if not low <= value <= high:  # NaN fails this too
        raise ValueError(f"{name} must be from {low:g} to {high:g}, got {value!r}")


def _choice(value, name, choices):
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
