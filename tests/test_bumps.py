"""The bump builder of notebook 02 (helpers.widgets.bumps): the network is the bumps it says,
the widget shows a still and redraws on a slider, and bad arguments get clear errors."""

import numpy as np
import pytest

import helpers
from helpers.widgets import WIDGET_MIME
from helpers.widgets.bumps import EDGES, bump_explorer, bump_network, bump_state


def test_one_bump_is_two_steep_sigmoids():
    net = bump_network([0.7], [-1.0, 1.0], steepness=40.0)
    assert net.sizes == [1, 2, 1] and net.hidden_activation == "sigmoid"
    x = np.array([[-2.0], [-0.5], [0.0], [0.5], [2.0]])
    y = net.forward(x)[:, 0]
    assert np.allclose(y, [0, 0.7, 0.7, 0.7, 0], atol=1e-6)
    by_hand = 0.7 * (helpers.sigmoid(40 * (x + 1)) - helpers.sigmoid(40 * (x - 1)))[:, 0]
    assert np.allclose(y, by_hand, atol=1e-12)


def test_the_state_error_is_half_the_mean_squared_error_on_61_points():
    heights = np.sin((EDGES[:-1] + EDGES[1:]) / 2)
    state = bump_state(heights, 20.0)
    x = np.linspace(-3, 3, 61)[:, None]
    ours = 0.5 * np.mean((bump_network(heights).forward(x) - np.sin(x)) ** 2)
    assert state["error"] == pytest.approx(ours) and state["error"] < 0.02
    assert bump_state(np.zeros(6))["error"] > 0.2
    assert np.allclose(sum(state["bumps"]), state["output"])


def test_widget_shows_a_still_and_redraws_on_a_slider():
    widget = bump_explorer()
    bundle = widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/png" in data and WIDGET_MIME in data
    before = widget.image.value
    widget.controls["h4"].value = 1.0
    assert widget.image.value != before
    assert "error" in widget.caption.value
    widget.close()


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"heights": [0, 0]}, ValueError, "heights must be 6 numbers"),
        ({"heights": 3}, TypeError, "heights must be six numbers"),
        ({"heights": [0, 0, 0, 0, 0, "a"]}, TypeError, "heights[5]"),
        ({"steepness": float("nan")}, ValueError, "steepness"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, words):
    with pytest.raises(error, match=words.replace("[", r"\[").replace("]", r"\]")):
        bump_explorer(**kwargs)


def test_out_of_range_values_are_clipped_with_a_note(capsys):
    widget = bump_explorer(heights=[5, 0, 0, 0, 0, 0])
    assert widget.controls["h1"].value == 1.5
    assert "outside the range" in capsys.readouterr().out
    widget.close()
