"""helpers.widgets without a browser: the state functions, the figures (a control change
changes the picture) and the static default each widget shows without a live frontend."""

import asyncio
import base64
import io

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from IPython.core.formatters import DisplayFormatter  # noqa: E402

from helpers import widgets as W  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def check_static(widget, css):
    """The displayed bundle: live view + PNG (with alt text) + deterministic text; CSS classes
    are set. Checked through IPython's own display formatter, as a notebook shows it."""
    bundle, metadata = DisplayFormatter().format(widget)
    assert set(bundle) == {"text/plain", "image/png", W.WIDGET_MIME}
    assert base64.b64decode(bundle["image/png"]).startswith(PNG)
    assert bundle[W.WIDGET_MIME]["model_id"] == widget.widget.model_id
    assert "0x" not in bundle["text/plain"] and widget.widget.model_id not in bundle["text/plain"]
    assert {"course-widget", css} <= set(widget.widget._dom_classes)
    assert repr(widget) == bundle["text/plain"]
    alt = metadata["image/png"]["alt"]
    assert len(alt) > 40 and alt.strip() == alt and "0x" not in alt


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
    assert len(X) == 100  # notebook 06: "a small two-class problem of 100 points"
    assert {r["steps_per_epoch"] for r in s["runs"].values()} == {1, 10, 100}
    assert all(len(r["loss"]) == 6 for r in s["runs"].values())
    w = W.batch_size_explorer(epochs=5)
    check_static(w, "course-batch-explorer")
    before = frame(w)
    w.controls["batch_size"].value = 32
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


# ---------------------------------------------------------------------------- the playground
from helpers import playground as P  # noqa: E402


def test_playground_config_call_round_trips():
    c = P.PlaygroundConfig(dataset="spiral", n_classes=3, hidden=(8, 8), regularization="L1")
    assert c.call() == (
        "playground(dataset='spiral', n_classes=3, hidden=(8, 8), regularization='L1')"
    )
    assert P.PlaygroundConfig().call() == "playground()"
    with pytest.raises(ValueError):
        P.PlaygroundConfig(hidden=(9,))
    with pytest.raises(ValueError):
        P.PlaygroundConfig(dataset="circle", n_classes=3)


def test_playground_model_learns_and_is_reproducible():
    a = P.PlaygroundModel(dataset="circle", features=("x1", "x2", "x1^2", "x2^2"), hidden=(4,))
    b = P.PlaygroundModel(dataset="circle", features=("x1", "x2", "x1^2", "x2^2"), hidden=(4,))
    first = a.losses()[0]
    assert a.train(60) and b.train(60)
    assert a.losses()[0] < 0.5 * first
    assert a.losses() == b.losses() and a.epoch == 60
    a.reset()
    assert a.epoch == 0 and a.losses()[0] == first


def test_playground_regularisation_shrinks_weights():
    sizes = {}
    for reg in (None, "L1", "L2"):
        m = P.PlaygroundModel(regularization=reg, regularization_rate=0.03, learning_rate=0.1)
        m.train(40)
        sizes[reg] = sum(np.abs(W).sum() for W in m.net.weights)
    assert sizes["L1"] < sizes[None] and sizes["L2"] < sizes[None]


def test_playground_multiclass_and_divergence():
    m = P.PlaygroundModel(dataset="gauss", n_classes=3, hidden=(), loss="mse")
    assert m.net.sizes == [2, 3] and m.net.output == "softmax"
    m.train(5)
    snap = m.snapshot()
    assert snap["output"].shape == (52, 52, 3) and len(snap["neurons"]) == 2
    rgb = P.output_rgb(snap["output"])
    assert rgb.shape == (52, 52, 3) and 0 <= rgb.min() and rgb.max() <= 1
    bad = P.PlaygroundModel(learning_rate=10.0, hidden=(8, 8, 8), activation="linear")
    bad.train(50)
    assert bad.diverged and not bad.train(1)


def test_playground_features_and_neuron_maps():
    X = np.array([[1.0, 2.0]])
    F = P.feature_matrix(X, tuple(P.FEATURES))
    np.testing.assert_allclose(F, [[1, 2, 1, 4, 2, np.sin(1), np.sin(2)]])
    m = P.PlaygroundModel(hidden=(3, 2), activation="relu")
    snap = m.snapshot()
    assert [n.shape[-1] for n in snap["neurons"]] == [2, 3, 2, 1]
    assert all(np.abs(n).max() <= 1 + 1e-9 for n in snap["neurons"])
    outs = P.layer_outputs(m.net, m.F_train)
    np.testing.assert_allclose(outs[-1], m.net.forward(m.F_train))


def test_playground_widget_controls():
    pg = W.playground()
    check_static(pg, "course-playground")
    buttons = [
        b.description
        for b in (pg.controls["play_button"], pg.controls["step"], pg.controls["reset"])
    ]
    assert buttons == ["Play", "Step", "Reset"]
    assert "playground-epoch" in pg.labels["epoch"]._dom_classes
    assert "Epoch <b>0</b>" in pg.labels["epoch"].value
    curve = pg.images["curve"].value
    pg.controls["step"].click()
    assert "Epoch <b>1</b>" in pg.labels["epoch"].value and pg.images["curve"].value != curve
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Pause" and pg.clock.running
    pg.tick()  # no event loop here: one frame by hand (see the next test for the real clock)
    assert pg.state["model"].epoch > 1
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Play"
    pg.controls["reset"].click()
    assert "Epoch <b>0</b>" in pg.labels["epoch"].value
    surface = pg.images["surface"].value
    pg.controls["dataset"].value = "xor"
    assert pg.images["surface"].value != surface and "dataset='xor'" in pg.labels["code"].value
    pg.controls["hidden"].value = "3, x"
    assert "whole numbers" in pg.labels["message"].value
    pg.controls["hidden"].value = "3"
    assert pg.state["model"].net.sizes == [2, 3, 1]
    pg.controls["learning_rate"].value = 0.1
    assert pg.state["model"].config.learning_rate == 0.1 and pg.state["model"].epoch == 0


def test_playground_play_ticks_on_the_event_loop():
    """Play starts a clock on the running event loop (in a kernel: the loop that handles the
    button's click message); it ticks until Pause; starting another playground stops it."""
    a, b = W.playground(frame_ms=50), W.playground(frame_ms=50)

    async def press_play_and_wait():
        a.controls["play_button"].click()  # called from inside the loop, as a kernel does
        await asyncio.sleep(0.8)
        playing = a.state["model"].epoch, a.state["frames"], a.images["curve"].value
        a.controls["play_button"].click()
        await asyncio.sleep(0.15)
        paused = a.state["model"].epoch
        await asyncio.sleep(0.3)
        still = a.state["model"].epoch
        a.controls["play_button"].click()
        b.controls["play_button"].click()  # one playground plays at a time
        await asyncio.sleep(0.3)
        return playing, paused, still

    curve = a.images["curve"].value
    (epoch, frames, shown), paused, still = asyncio.run(press_play_and_wait())
    assert epoch > 1 and frames >= 4 and shown != curve
    assert still == paused and a.controls["play_button"].description == "Play"
    assert not a.clock.running and b.clock.running and b.state["model"].epoch > 0
    assert b.controls["play_button"].description == "Pause"
    b.set_playing(False)


@pytest.mark.parametrize(
    "make",
    [
        W.perceptron_explorer,
        W.activation_explorer,
        W.learning_rate_explorer,
        W.batch_size_explorer,
        W.digit_pad,
        lambda: W.playground(features=tuple(P.FEATURES), hidden=(8, 8)),
    ],
)
def test_figure_texts_read_from_the_back_of_the_hall(make):
    """Every visible text in every widget figure (tick labels too) is at least 12 pt."""
    from matplotlib.text import Text

    cw = make()
    figures = cw.figures.values() if hasattr(cw, "figures") else [cw.figure]
    for figure in figures:
        small = [
            (t.get_text(), t.get_fontsize())
            for t in figure.fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 12
        ]
        assert not small, f"{cw.name}: texts under 12 pt: {small}"


def test_playground_loss_panel_is_labelled_and_not_squashed():
    pg = W.playground()
    curve = pg.figures["curve"]
    assert curve.ax.get_xlabel() == "epoch" and curve.ax.get_ylabel() == "loss"
    assert curve.ax.get_title()
    width, height = curve.fig.get_size_inches()
    assert 0.6 <= height / width <= 1.0
    # the static picture: the network with the loss curve under it, the output beside them
    from PIL import Image

    png = Image.open(io.BytesIO(pg.static_png))
    net, curve_px = (pg.figures[k].rgba().shape for k in ("network", "curve"))
    assert png.size[1] == net[0] + pg.figure.GAP + curve_px[0]
    assert png.size[0] < 900
