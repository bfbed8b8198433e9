"""helpers.widgets without a browser: the state functions, the figures (a control change
changes the picture) and the static default each widget shows without a live frontend.
The playground has its own tests (tests/test_playground.py)."""

import base64
import html
import sys
import types
from unittest import mock

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from IPython.core.formatters import DisplayFormatter  # noqa: E402

from helpers import widgets as W  # noqa: E402
from helpers.widgets import _base, _still  # noqa: E402
from helpers.widgets.learning_rate import descend  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def displayed(widget):
    """What showing ``widget`` as a cell's value publishes: [(data, metadata), ...], through
    IPython's own display formatter (its ``_ipython_display_`` calls ``display``)."""
    with mock.patch.object(_base, "display") as display:
        assert DisplayFormatter().format(widget) == ({}, {})  # it displayed itself
    assert all(c.kwargs.get("raw") for c in display.call_args_list)
    return [(c.args[0], c.kwargs.get("metadata", {})) for c in display.call_args_list]


def check_static(widget, css):
    """The displayed outputs: the live view with deterministic text, then the still: PNG (with
    alt text) and the same picture in Markdown with the hint; CSS classes are set."""
    (data, _), (still, metadata) = displayed(widget)
    assert set(data) == {"text/plain", W.WIDGET_MIME}
    assert data[W.WIDGET_MIME]["model_id"] == widget.widget.model_id
    assert "0x" not in data["text/plain"] and widget.widget.model_id not in data["text/plain"]
    assert {"course-widget", css} <= set(widget.widget._dom_classes)
    assert repr(widget) == data["text/plain"]
    assert set(still) == {"text/plain", "image/png", "text/markdown"}
    assert base64.b64decode(still["image/png"]).startswith(PNG)
    assert metadata["course"] == {"still": True}
    alt = metadata["image/png"]["alt"]
    assert len(alt) > 40 and alt.strip() == alt and "0x" not in alt
    markdown = still["text/markdown"]
    assert still["image/png"] in markdown and f'alt="{html.escape(alt)}"' in markdown
    assert "run this cell" in markdown and "\n\n" not in markdown  # one HTML block


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


def bowl(p):
    return float(p @ p), 2 * p


def raises_right_of_zero(p):
    """A student's function with a bug: it divides by zero once w > 0."""
    if p[0] > 0:
        return 1 / 0
    return bowl(p)


def nan_far_out(p):
    """NaN once |β| > 5 (a log of a negative number, say)."""
    return (np.nan, 2 * p) if np.abs(p).max() > 5 else bowl(p)


def inf_far_out(p):
    return (np.inf, 2 * p) if np.abs(p).max() > 5 else bowl(p)


@pytest.mark.parametrize(
    "function, start, eta, said",
    [
        (raises_right_of_zero, (-2.0, 1.0), 0.8, "your loss_and_grad raised ZeroDivisionError"),
        (nan_far_out, (-2.0, 1.0), 1.2, "the loss became NaN after 3 steps"),
        (inf_far_out, (-2.0, 1.0), 1.2, "the loss became infinite after 3 steps"),
        (bowl, (1.0, -2.0), 20.0, "β ran away after"),
    ],
)
def test_descend_says_what_the_students_function_did(function, start, eta, said):
    path, losses, problem = descend(function, start, eta, 30)
    assert said in problem and np.isfinite(losses[0]) and np.isnan(losses[-1])
    if function is raises_right_of_zero:
        assert "(division by zero) at β = (w = 1.2, b = −0.6), after 1 step" in problem
    if function is nan_far_out:
        assert "try a smaller η than 1.2" in problem
    np.testing.assert_array_equal(W.gradient_descent_path(function, start, eta, 30)[1], losses)


@pytest.mark.parametrize(
    "function, start",
    [
        (raises_right_of_zero, (-2.0, 1.0)),
        (raises_right_of_zero, (2.0, 1.0)),  # raises at the very start
        (nan_far_out, (-2.0, 1.0)),
        (lambda p: (np.nan, np.array([np.nan, np.nan])), (0.0, 0.0)),  # NaN everywhere
        (None, (1e9, 1e9)),  # the default neuron, started far away
    ],
)
def test_the_explorer_with_a_students_function_says_so_and_stays_usable(function, start):
    w = W.learning_rate_explorer(function, start=start, learning_rate=1.2, steps=10)
    caption = w.caption.value
    assert ("stopped:" in caption) == (function is not None), caption
    if start == (2.0, 1.0):
        assert (
            "raised ZeroDivisionError (division by zero) at β = (w = 2, b = 1), at the start"
            in (caption)
        )
    before = frame(w)
    w.controls["learning_rate"].value = 0.05  # the widget still answers its sliders
    w.controls["steps"].value = 30
    assert "Could not redraw" not in w.caption.value and "η = 0.05" in w.caption.value
    assert frame(w) != before or function is not None and start != (-2.0, 1.0)


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
    s = W.batch_size_state(10, 0.5, 5, W.LossCurves(X, y))
    assert len(X) == 64  # small enough that a new η retrains all three runs within 150 ms
    assert {r["steps_per_epoch"] for r in s["runs"].values()} == {1, 7, 64}
    assert all(len(r["loss"]) == 6 for r in s["runs"].values())
    w = W.batch_size_explorer(epochs=5)
    check_static(w, "course-batch-explorer")
    before = frame(w)
    w.controls["batch_size"].value = 32
    assert frame(w) != before


def test_the_batch_size_explorer_says_when_a_run_diverged():
    """Issue 21: at η = 10 the loss (clipped, never inf) climbed off the plot with no word.
    Now a run whose loss leaves 3× its start is cut there and the caption says so; every curve
    stays inside the plot."""
    w = W.batch_size_explorer(learning_rate=10.0, epochs=10)
    caption = w.caption.value
    assert "mini-batch: diverged at epoch 1" in caption and "Try a smaller η" in caption
    top = w.figure.ax.get_ylim()[1]
    for kind, line in w.figure.lines.items():
        y = np.asarray(line.get_ydata(), dtype=float)
        assert np.nanmax(y) <= top, kind
        assert "diverged" in line.get_label()
    w.controls["learning_rate"].value = 0.5  # and back: no note, nothing cut
    assert "diverged" not in w.caption.value and "Try a smaller" not in w.caption.value
    assert W.batch_size_state(8, 0.5, 10, w.curves)["runs"]["mini-batch"]["diverged"] is None


def test_loss_curves_cut_and_extend_like_one_longer_run():
    """A curve asked for with fewer epochs is cut from the longer run, with more epochs the
    run trains on: both equal a fresh run of that length (Network.fit shuffles with the
    network's own generator, which carries on between calls)."""
    X, y = W.batch_problem()
    curves = W.LossCurves(X, y, seed=3)
    for size in (1, 10):
        short = curves.curve(size, 0.5, 4)
        longer = curves.curve(size, 0.5, 9)
        np.testing.assert_array_equal(longer, W.train_loss_curve(X, y, size, 0.5, 9, seed=3))
        np.testing.assert_array_equal(short, longer[:5])
        np.testing.assert_array_equal(curves.curve(size, 0.5, 6), longer[:7])
    assert len(curves.runs) == 2


class Moody:
    """A student's network: fine on a nearly empty pad, raises or gives NaN when more is inked."""

    def __init__(self, trouble):
        self.trouble = trouble

    def predict_proba(self, X):
        if np.count_nonzero(X) > 30:
            if self.trouble == "raise":
                raise FloatingPointError("overflow in exp")
            return np.full((len(X), 10), np.nan)
        return np.full((len(X), 10), 0.1)


@pytest.mark.parametrize("trouble", ["raise", "nan"])
def test_the_digit_pad_with_a_students_network_says_so_and_stays_usable(trouble):
    pad = W.digit_pad(Moody(trouble), start=None)
    pad.controls["examples"][8].click()  # an 8 inks more than 30 cells
    said = pad.prediction.value
    if trouble == "raise":
        assert "Your network raised FloatingPointError (overflow in exp) on this drawing" in said
    else:
        assert "Your network gave NaN or inf on this drawing" in said
    pad.controls["clear"].click()  # still answers
    assert "Prediction:" in pad.prediction.value


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


@pytest.mark.parametrize(
    "make",
    [
        W.perceptron_explorer,
        W.activation_explorer,
        W.learning_rate_explorer,
        W.batch_size_explorer,
        W.digit_pad,
    ],
)
def test_figure_texts_read_from_the_back_of_the_hall(make):
    """Every visible text in every widget figure (tick labels too) is at least 12 pt."""
    from matplotlib.text import Text

    cw = make()
    for figure in [cw.figure]:
        small = [
            (t.get_text(), t.get_fontsize())
            for t in figure.fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 12
        ]
        assert not small, f"{cw.name}: texts under 12 pt: {small}"


# ------------------------------------------------------------------ digit pad: grid and keyboard
def test_digit_pad_grid_is_visible_when_empty():
    """Issue 14: white cells on a white page with no grid. Each cell has a grey border and
    an empty cell a light grey fill (not the page's white); the figure draws cell lines."""
    from helpers.widgets.digit_pad_widget import CELL_BORDER

    pad = W.digit_pad(start=None)
    assert not pad.pixels.any()
    for cell in pad.controls["cells"]:
        assert cell.layout.border == CELL_BORDER
        assert cell.style.button_color.lower() not in ("#ffffff", "white")
    image = pad.figure.image
    rgba = pad.figure.rgba()
    x, y = image.axes.transData.transform((0.5, 3.0))  # on the line between columns 1 and 2
    assert rgba[rgba.shape[0] - int(round(y)), int(round(x)), :3].max() < 235
    x, y = image.axes.transData.transform((1.0, 3.0))  # inside an empty cell: white
    assert rgba[rgba.shape[0] - int(round(y)), int(round(x)), :3].min() == 255


def test_digit_pad_cells_are_named_buttons_for_the_keyboard():
    """Every cell is a real button (Tab reaches it, Space/Enter clicks it) whose tooltip — its
    accessible name — says where it is and how much ink it holds."""
    import ipywidgets

    pad = W.digit_pad(start=None)
    cells = pad.controls["cells"]
    assert all(isinstance(c, ipywidgets.Button) and not c.disabled for c in cells)
    assert all(getattr(c, "tabbable", None) is not False for c in cells)
    assert cells[0].tooltip == "row 1, column 1: empty"
    assert cells[63].tooltip == "row 8, column 8: empty"
    cells[10].click()  # what Space or Enter on a focused button does
    assert cells[10].tooltip == "row 2, column 3: full ink" and pad.pixels[10] == 1.0
    cells[10].click()
    assert cells[10].tooltip == "row 2, column 3: half ink"
    buttons = [pad.controls["clear"], *pad.controls["examples"]]
    assert all(b.tooltip for b in buttons)


def test_digit_pad_takes_a_saved_and_loaded_network(tmp_path):
    from helpers import Network

    net = W.default_digit_network()
    path = tmp_path / "digits.npz"
    net.save(path)
    pad = W.digit_pad(network=Network.load(path), start=5)
    same = W.digit_pad_state(W.example_digits()[5], net)
    assert pad.text.endswith(same["text"])
    np.testing.assert_allclose(
        pad.figure.bars[5].get_height(), same["probabilities"][5], rtol=1e-12
    )


# ---------------------------------------------------------------------- dark theme: no colour
@pytest.mark.parametrize(
    "caption",
    [
        lambda: W.perceptron_state(4, 1, -1, 2, 1)["html"],  # output 0
        lambda: W.perceptron_state(1, 3, -1, 2, 1)["html"],  # output 1
        lambda: W.activation_state(2.0, 1.0)["html"],
        lambda: W.perceptron_explorer().caption.value,
        lambda: W.learning_rate_explorer().caption.value,
        lambda: W.batch_size_explorer(epochs=2).caption.value,
        lambda: W.digit_pad().prediction.value,
    ],
)
def test_captions_keep_the_theme_text_colour(caption):
    """Issue 13, dark theme: the captions set no text colour of their own (they inherit the
    theme's, light on dark or dark on light); colour appears only as a swatch's background."""
    import re

    html = caption()
    assert not re.search(r"(?<![-\w])color\s*:", html), html


@pytest.mark.parametrize(
    ("make", "control", "value"),
    [
        (W.perceptron_explorer, "w1", 1.0),
        (W.activation_explorer, "w", 3.0),
        (W.learning_rate_explorer, "steps", 7),
        (W.batch_size_explorer, "batch_size", 20),
    ],
)
def test_live_picture_is_named_and_follows_the_state(make, control, value):
    """Issue 13: the live <img> has an accessible name. An ipywidgets 8 Image turns its
    tooltip into the <img>'s title only when its model has a description (otherwise its
    view fails to render): the widgets add an empty one. The name follows the controls."""
    widget = make()
    image = widget.image
    if "tooltip" not in image.trait_names():  # ipywidgets 7 (Colab): no tooltip, nothing added
        assert "description" not in image.keys
        return
    assert image.description == "" and "description" in image.keys
    assert image.tooltip == widget.alt
    widget.controls[control].value = value
    assert image.tooltip != widget.alt and image.tooltip == widget.describe(
        widget.compute(**widget.values())
    )


def test_digit_pad_picture_is_named():
    pad = W.digit_pad()
    if "tooltip" not in pad.image.trait_names():  # ipywidgets 7: nothing to name it with
        return
    assert pad.image.tooltip == pad.alt and "Prediction: 3" in pad.alt
    pad.controls["examples"][7].click()
    assert "Prediction: 7" in pad.image.tooltip


def test_colab_and_a_closed_widget_get_one_output_each_half_carries_its_css(monkeypatch):
    """On Colab (each output its own frame) one bundle; closed: its text. The live widget's
    HTML hides the still while it lives, the still's Markdown hides a dead view (both checked
    in a browser by tests/browser/test_widget_still.py)."""
    widget = W.perceptron_explorer()
    _, (still, _) = displayed(widget)
    assert _still.HIDE_STILL in _base.LOST_KERNEL
    assert _still.HIDE_DEAD_VIEW in still["text/markdown"]
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    [(data, metadata)] = displayed(widget)
    assert set(data) == {"text/plain", "image/png", W.WIDGET_MIME}
    assert (data, metadata) == widget._repr_mimebundle_()
    widget.close()
    monkeypatch.delitem(sys.modules, "google.colab")
    [(data, _)] = displayed(widget)
    assert set(data) == {"text/plain"} and "closed" in data["text/plain"]
