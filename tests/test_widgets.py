"""helpers.widgets without a browser: the state functions, the figures (a control change
changes the picture) and the static default each widget shows without a live frontend."""

import base64

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from helpers import widgets as W  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def check_static(widget, css):
    """The displayed bundle: live view + PNG + deterministic text; CSS classes are set."""
    bundle = widget._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "image/png", W.WIDGET_MIME}
    assert base64.b64decode(bundle["image/png"]).startswith(PNG)
    assert bundle[W.WIDGET_MIME]["model_id"] == widget.widget.model_id
    assert "0x" not in bundle["text/plain"] and widget.widget.model_id not in bundle["text/plain"]
    assert {"course-widget", css} <= set(widget.widget._dom_classes)
    assert repr(widget) == bundle["text/plain"]


def frame(widget):
    return widget.figure.png()


def test_perceptron_state_is_the_slide():
    s = W.perceptron_state(4, 1, -1, 2, 1)
    assert s["z"] == -1 and s["output"] == 0 and s["decision"] == "stay on the couch"
    assert W.perceptron_state(1, 3, -1, 2, 1)["output"] == 1
    assert W.perceptron_state(1, 0, 1, 0, -1)["output"] == 0  # z = 0 is not > 0


def test_perceptron_explorer():
    w = W.perceptron_explorer()
    check_static(w, "course-perceptron-explorer")
    assert "−1 ≤ 0 → output 0: stay on the couch" in w.text
    before = frame(w)
    w.controls["w1"].value = 1.0
    assert frame(w) != before
    assert "output 1" in w.widget.children[1].value


def test_activation_state():
    s = W.activation_state(2.0, 1.0)
    assert s["threshold"] == -0.5
    x = s["x"]
    np.testing.assert_allclose(s["curves"]["ReLU"], np.maximum(0, 2 * x + 1))
    np.testing.assert_allclose(s["curves"]["sigmoid"], 1 / (1 + np.exp(-(2 * x + 1))))
    assert W.activation_state(0.0, 1.0)["threshold"] is None


def test_activation_explorer():
    w = W.activation_explorer()
    check_static(w, "course-activation-explorer")
    before = frame(w)
    w.controls["b"].value = 2.0
    assert frame(w) != before


def test_gradient_descent_path_on_a_bowl():
    def bowl(p):
        return float(p @ p), 2 * p

    path, losses = W.gradient_descent_path(bowl, (1.0, -2.0), 0.25, 3)
    np.testing.assert_allclose(path[1], [0.5, -1.0])
    assert np.all(np.diff(losses) < 0)
    path, losses = W.gradient_descent_path(bowl, (1.0, -2.0), 10.0, 50)  # diverges
    assert np.isnan(losses[-1]) and np.isfinite(losses[0])


def test_sigmoid_neuron_gradient_is_right():
    f, _, _ = W.sigmoid_neuron_problem()
    p = np.array([0.3, -0.2])
    _, g = f(p)
    h = 1e-6
    num = [(f(p + h * e)[0] - f(p - h * e)[0]) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-8)


def test_learning_rate_explorer():
    w = W.learning_rate_explorer()
    check_static(w, "course-lr-explorer")
    before = frame(w)
    w.controls["learning_rate"].value = 5.0
    assert frame(w) != before
    w.controls["steps"].value = 3
    assert "after 3 steps" in w.widget.children[1].value


def test_learning_rate_explorer_custom_loss():
    w = W.learning_rate_explorer(
        lambda p: (float(p @ p), 2 * p), start=(2.0, 2.0), xlim=(-3, 3), ylim=(-3, 3)
    )
    assert "η = 0.5" in w.text
    assert "L = 0.000" in w.widget.children[1].value  # η = 0.5 jumps straight to the minimum


def test_batch_size_state_and_explorer():
    X, y = W.batch_problem()
    s = W.batch_size_state(10, 0.5, 5, X, y)
    assert {r["steps_per_epoch"] for r in s["runs"].values()} == {1, 10, 100}
    assert all(len(r["loss"]) == 6 for r in s["runs"].values())
    w = W.batch_size_explorer(epochs=5)
    check_static(w, "course-batch-explorer")
    before = frame(w)
    w.controls["batch_size"].value = 50
    assert frame(w) != before


def test_digit_pad():
    w = W.digit_pad()
    check_static(w, "course-digit-pad")
    cells = w.controls["cells"]
    assert len(cells) == 64 and all("digit-pad-cell" in c._dom_classes for c in cells)
    assert "Prediction: 3" in w.text
    prediction = w.widget.children[0].children[1].children[0]
    assert "digit-pad-prediction" in prediction._dom_classes
    before, shown = frame(w), prediction.value
    w.controls["clear"].click()
    assert not w.pixels.any() and frame(w) != before and prediction.value != shown
    for row in range(1, 7):
        cells[row * 8 + 4].click()
    assert w.pixels.reshape(8, 8)[1:7, 4].tolist() == [1.0] * 6
    w.controls["examples"][7].click()
    assert "Prediction: <b>7</b>" in prediction.value


def test_digit_pad_state():
    net = W.default_digit_network()
    s = W.digit_pad_state(W.example_digits()[0], net)
    assert s["prediction"] == 0 and np.isclose(s["probabilities"].sum(), 1)
