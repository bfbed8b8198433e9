"""The playground's settings, declared once: one dataclass field per control.

Each field's ``metadata`` says how a change applies while the playground runs:

* ``"live"``: from the next training step on, without a restart (learning rate, batch size,
  regularisation), or only the pictures change (show test data, discretise output);
* ``"network"``: a new network on the same data (features, hidden layers, activation, loss,
  seed);
* ``"data"``: new points and a new network (data set, classes, noise, training share, ...).

``PlaygroundSettings.from_arguments(**kwargs)`` accepts what ``playground()`` promises: a
learning rate or regularisation rate that is not in the menu is added to it
(``learning_rate=0.5`` works), ``hidden=4`` means one layer of 4, ``features="x1"`` one
feature; anything that breaks a setting's rule (``RULES``) gets a ``ValueError`` or
``TypeError`` that names the argument. ``settings.changed(name, value)`` checks only the one
setting that changed (what a control of the widget does).
"""

import copy
import numbers
from dataclasses import dataclass, field, fields

import numpy as np

from ..data import TOY_REGRESSION_SETS, TOY_SETS
from ..validation import check_argument, check_scalar

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
MULTI_CLASS_SETS = ("gauss", "spiral")  # the sets with 3 or 4 classes too
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
            arguments["hidden"] = parse_layers(arguments["hidden"])
        if isinstance(arguments.get("features"), str):
            arguments["features"] = (arguments["features"],)
        return cls(**arguments)

    def validate(self):
        """Raise ``ValueError``/``TypeError`` naming the first setting that breaks its rule."""
        for name in self.names():
            self.check(name)

    def check(self, name):
        """Check the one setting ``name`` by its rule (``RULES``): raise ``ValueError`` or
        ``TypeError`` naming it."""
        RULES[name](getattr(self, name), name, self)

    def changed(self, name, value):
        """A copy with the one setting ``name`` set to ``value``, checked (only it, and the
        number of classes when the data set changes: 2 but for gauss and spiral)."""
        new = copy.copy(self)
        setattr(new, name, value)
        if name == "dataset" and value not in MULTI_CLASS_SETS:
            new.n_classes = 2
        new.check(name)
        if name == "dataset":
            new.check("n_classes")
        return new

    def as_code(self):
        """The one line of Python that recreates these settings: "playground(...)"."""
        parts = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != f.default and not (f.name == "loss" and self.regression)
        ]
        return f"playground({', '.join(parts)})"


def menu_with(menu, value):
    """The menu's values with ``value`` added in order (a learning rate not in the menu)."""
    return tuple(sorted(set(menu) | {float(value)}))


def parse_layers(hidden):
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


def _whole(low, high):
    """The rule of a whole number from ``low`` to ``high`` (a range of the playground's own)."""
    return lambda value, name, _: check_scalar(value, name, "int", low=low, high=high)


def _choice(choices):
    def rule(value, name, _):
        if value not in choices:
            raise ValueError(f"{name} must be one of {choices}, got {value!r}")

    return rule


def _shared(value, name, _):
    """The course's one rule for this argument (``helpers.validation.RULES``)."""
    check_argument(value, name)


def _n_classes(value, name, settings):
    if settings.dataset in MULTI_CLASS_SETS:
        check_scalar(value, name, "int", low=2, high=4)
    elif value != 2:
        raise ValueError(
            f"n_classes must be 2 for {settings.dataset!r} (3 or 4 classes: 'gauss' or "
            f"'spiral'), got {value!r}"
        )


def _features(value, name, _):
    if not value or any(f not in FEATURES for f in value):
        raise ValueError(f"features: choose one or more of {tuple(FEATURES)}")
    if len(set(value)) != len(value):
        raise ValueError("features: each feature once")


def _hidden(value, name, _):
    if len(value) > MAX_LAYERS:
        raise ValueError(f"hidden: at most {MAX_LAYERS} hidden layers")
    for h in value:
        check_scalar(h, "hidden (neurons per layer)", "int", low=1, high=MAX_NEURONS)


def _yes_no(value, name, _):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")


#: The rule of each setting: ``rule(value, name, settings)`` raises ``ValueError``/``TypeError``
#: naming the setting. Shared arguments (the learning rate, the batch size, the seeds, ...)
#: follow the course's one rule (``helpers.validation.RULES``): the learning rate is any η > 0
#: (the menu gains it), the batch size any whole number ≥ 1. The rest are the playground's own
#: ranges: its data (noise 0–50 %, training share 10–90 %, 20–2000 points) and its network
#: (at most 6 hidden layers of at most 8 neurons), as in the TensorFlow Playground.
RULES = {
    "dataset": _choice(DATASETS),
    "n_classes": _n_classes,
    "noise": _whole(0, 50),
    "train_ratio": _whole(10, 90),
    "n_samples": _whole(20, 2000),
    "data_seed": _shared,
    "features": _features,
    "hidden": _hidden,
    "activation": _choice(ACTIVATIONS),
    "loss": _choice(LOSSES),
    "seed": _shared,
    "learning_rate": _shared,
    "batch_size": _shared,
    "regularization": _choice(REGULARIZATIONS),
    "regularization_rate": _shared,
    "show_test": _yes_no,
    "discretize": _yes_no,
}
