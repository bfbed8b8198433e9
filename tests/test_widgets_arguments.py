"""Every argument of every widget function (issue 14): a clear error that names the argument,
or the nearest value its control allows with a printed note — never a raw ``TraitError``.

One rule per argument (issue 18, ``helpers.validation``): a value that breaks the argument's
rule (the same as ``Network``'s: η > 0, a batch size a whole number > 0, a seed >= 0, a whole
number never a float such as 5.0) is refused; only a value the rule allows but the slider
cannot show starts at the slider's nearest end, with a note (``clip_to_slider``)."""

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from helpers import Network  # noqa: E402
from helpers import widgets as W  # noqa: E402


def bowl(p):
    return float(p @ p), 2 * p


BAD = [
    # (function, kwargs, exception, words the message must contain)
    (W.perceptron_explorer, {"x": 3}, TypeError, "x must be two numbers"),
    (W.perceptron_explorer, {"x": (1, 2, 3)}, ValueError, "x must be two numbers"),
    (W.perceptron_explorer, {"w": (1, None)}, TypeError, "w[1] must be a number"),
    (W.perceptron_explorer, {"b": "1"}, TypeError, "b must be a number"),
    (W.perceptron_explorer, {"b": float("nan")}, ValueError, "b must be a finite number"),
    (W.perceptron_explorer, {"b": 10**400}, ValueError, "b is too large"),
    (W.activation_explorer, {"w": True}, TypeError, "w must be a number"),
    (W.activation_explorer, {"b": [1.0]}, TypeError, "b must be a number"),
    (W.learning_rate_explorer, {"loss_and_grad": 3}, TypeError, "loss_and_grad must be a"),
    (W.learning_rate_explorer, {"loss_and_grad": lambda p: 1.0}, ValueError, "must return"),
    (W.learning_rate_explorer, {"start": (1,)}, ValueError, "start must be two numbers"),
    (W.learning_rate_explorer, {"learning_rate": "big"}, TypeError, "learning_rate must be"),
    (W.learning_rate_explorer, {"steps": 2.5}, TypeError, "steps must be a whole number"),
    (W.learning_rate_explorer, {"steps": 5.0}, TypeError, "steps must be a whole number"),
    (W.learning_rate_explorer, {"steps": -3}, ValueError, "steps must be a whole number >= 0"),
    (W.learning_rate_explorer, {"learning_rate": 0}, ValueError, "learning_rate must be a"),
    (W.learning_rate_explorer, {"xlim": (3, -3)}, ValueError, "xlim must be (low, high)"),
    (W.learning_rate_explorer, {"ylim": None}, TypeError, "ylim must be two numbers"),
    (W.learning_rate_explorer, {"names": "wb"}, ValueError, "names must be two names"),
    (W.learning_rate_explorer, {"max_steps": "10"}, TypeError, "max_steps must be"),
    (W.learning_rate_explorer, {"eta_range": (0, 1)}, ValueError, "eta_range must hold"),
    (W.batch_size_explorer, {"batch_size": 2.5}, TypeError, "batch_size must be a whole"),
    (W.batch_size_explorer, {"batch_size": 0}, ValueError, "batch_size must be a whole number > 0"),
    (W.batch_size_explorer, {"learning_rate": -1}, ValueError, "learning_rate must be a finite"),
    (W.batch_size_explorer, {"learning_rate": None}, TypeError, "learning_rate must be"),
    (W.batch_size_explorer, {"epochs": "20"}, TypeError, "epochs must be a whole number"),
    (W.batch_size_explorer, {"n_samples": 1e3 + 0.5}, TypeError, "n_samples must be a whole"),
    (W.batch_size_explorer, {"seed": -1}, ValueError, "seed must be a whole number >= 0"),
    (W.batch_size_explorer, {"seed": "abc"}, TypeError, "seed must be a whole number"),
    (W.digit_pad, {"start": 11}, ValueError, "start must be a digit 0–9"),
    (W.digit_pad, {"start": 2.0}, ValueError, "start must be a digit 0–9"),
    (W.digit_pad, {"start": "3"}, ValueError, "start must be a digit 0–9"),
    (W.digit_pad, {"network": "net"}, TypeError, "network must be a trained"),
    (W.digit_pad, {"network": Network([2, 3, 10])}, ValueError, "network must take 64 inputs"),
    (W.digit_pad, {"network": Network([64, 3, 2])}, ValueError, "give 10 outputs"),
]


@pytest.mark.parametrize(
    ("make", "kwargs", "error", "words"),
    BAD,
    ids=[f"{m.__name__}-{'-'.join(k)}-{e.__name__}" for m, k, e, _ in BAD],
)
def test_bad_argument_gets_a_clear_error(make, kwargs, error, words):
    with pytest.raises(error) as info:
        make(**kwargs)
    assert type(info.value) is error  # ours, not a TraitError (a subclass of TypeError)
    assert words in str(info.value)


OUT_OF_RANGE = [
    # (function, kwargs, control, value it starts at)
    (W.perceptron_explorer, {"x": (7, 1)}, "x1", 6.0),
    (W.perceptron_explorer, {"w": (-1, 9)}, "w2", 3.0),
    (W.perceptron_explorer, {"b": 11}, "b", 5.0),
    (W.activation_explorer, {"w": -8}, "w", -5.0),
    (W.activation_explorer, {"b": 6}, "b", 5.0),
    (W.learning_rate_explorer, {"learning_rate": 100.0}, "learning_rate", 30.0),
    (W.learning_rate_explorer, {"learning_rate": 1e-5}, "learning_rate", 0.01),
    (W.learning_rate_explorer, {"steps": 500}, "steps", 100),
    (W.batch_size_explorer, {"batch_size": 500, "epochs": 2}, "batch_size", 64),
    (W.batch_size_explorer, {"learning_rate": 50, "epochs": 2}, "learning_rate", 10.0),
    (W.batch_size_explorer, {"epochs": 0}, "epochs", 1),
]


@pytest.mark.parametrize(("make", "kwargs", "control", "value"), OUT_OF_RANGE)
def test_value_outside_a_slider_starts_at_its_end_with_a_note(make, kwargs, control, value, capsys):
    widget = make(**kwargs)
    assert widget.controls[control].value == pytest.approx(value)
    note = capsys.readouterr().out
    assert note.startswith("Note: ") and "outside the range" in note
    name = next(iter(kwargs))
    assert f"{name}" in note.split("=")[0]


def test_more_samples_than_the_speed_allows_are_capped(capsys):
    widget = W.batch_size_explorer(n_samples=1000, batch_size=10, epochs=2)
    assert len(widget.X) == 200 and widget.controls["batch_size"].max == 200
    assert "n_samples = 1000 is outside the range 10 to 200; using 200" in capsys.readouterr().out


def test_numpy_numbers_are_accepted():
    w = W.learning_rate_explorer(steps=5, max_steps=np.int64(50), learning_rate=np.float32(1))
    assert w.controls["steps"].value == 5 and w.controls["steps"].max == 50
    pad = W.digit_pad(start=np.int64(7))
    assert "Prediction: 7" in pad.text
