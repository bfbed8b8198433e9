"""The playground's widget (needs ipywidgets): controls, pictures, clicks, Play and its static
picture. The model and the pictures are tested without widgets in test_playground.py."""

import asyncio
import io
import json

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from PIL import Image  # noqa: E402

from helpers.widgets import playground  # noqa: E402
from helpers.widgets.playground import Playground  # noqa: E402


@pytest.fixture(scope="module")
def pg():
    return playground()


def test_static_picture_has_the_live_layout_and_alt_text(pg):
    data, metadata = pg._repr_mimebundle_()
    assert data["text/plain"] == "Neural Network Playground at epoch 0: playground()"
    alt = metadata["image/png"]["alt"]
    assert "network [2, 4, 2, 1]" in alt and "loss curve" in alt
    image = Image.open(io.BytesIO(pg.static_png))
    assert image.size[0] > 1.8 * image.size[1]  # data | network | output side by side
    assert len(pg.static_png) < 150_000
    json.dumps(data)


def _classes(widget):
    """Every CSS class in a widget and its descendants."""
    found = set(getattr(widget, "_dom_classes", ()))
    for child in getattr(widget, "children", ()):
        found |= _classes(child)
    return found


def test_tf_playground_order_data_network_output(pg):
    left, middle, right = pg.widget.children[2].children
    assert "playground-dataset" in _classes(left)
    assert "playground-network" in _classes(middle) and "playground-weight" in _classes(middle)
    assert {"playground-output", "playground-curve", "playground-advice"} <= _classes(right)


def test_step_play_reset_and_pictures():
    pg = playground()
    network, curve = pg.network.value, pg.curve.value
    pg.controls["step"].click()
    assert "Epoch <b>1</b>" in pg.epoch_label.value
    assert pg.curve.value != curve and pg.network.value != network
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Pause" and pg.clock.running
    pg.tick()  # no event loop here: one frame by hand
    assert pg.model.epoch > 1
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Play" and not pg.clock.running
    pg.controls["reset"].click()
    assert "Epoch <b>0</b>" in pg.epoch_label.value


def test_live_settings_do_not_restart_and_redraw_only_what_changes():
    pg = playground()
    pg.controls["step"].click()
    network = pg.network.value
    pg.controls["learning_rate"].value = 0.1
    assert pg.model.settings.learning_rate == 0.1 and pg.model.epoch == 1
    points, test = pg.points_layer.value, pg.test_layer.value
    assert pg.test_layer.layout.visibility == "hidden" and test.count("<circle") > 0
    pg.controls["show_test"].value = True
    assert pg.test_layer.layout.visibility == "visible"
    assert (pg.points_layer.value, pg.test_layer.value) == (points, test)  # nothing resent
    output = pg.output.value
    pg.controls["discretize"].value = True
    assert pg.output.value != output and pg.network.value == network
    assert "discretize=True" in pg.code.value


def test_rebuilds_and_bad_text():
    pg = playground()
    pg.controls["dataset"].value = "xor"
    assert "dataset='xor'" in pg.code.value and pg.controls["n_classes"].disabled
    pg.controls["hidden"].value = "3, x"
    assert "whole numbers" in pg.message.value
    pg.controls["hidden"].value = "3"
    assert pg.model.net.sizes == [2, 3, 1] and pg.message.value == ""
    pg.controls["features"]["x1^2"].value = True
    assert pg.model.net.sizes == [3, 3, 1] and "x₁²" in pg.overlay.value
    pg.controls["dataset"].value = "spiral"
    pg.controls["n_classes"].value = 3
    assert pg.model.net.sizes[-1] == 3 and not pg.controls["n_classes"].disabled


def test_regression_switch_trains():
    pg = playground()
    pg.controls["dataset"].value = "plane"
    assert pg.model.net.output_activation == "linear" and pg.controls["loss"].disabled
    first = pg.model.losses()[1]
    for _ in range(5):
        pg.controls["step"].click()
    assert pg.model.losses()[1] < first and "dataset='plane'" in pg.code.value


def test_click_a_link_then_edit_its_weight():
    pg = playground()
    pg.controls["pick"].value = "w 1 0 2 1700000000000"  # what a click in the page types
    assert pg.selected == (1, 0, 2) and not pg.weight.disabled
    assert "from input x₁ to neuron 3 of layer 1" in pg.link_label.value
    assert pg.weight.value == round(float(pg.model.net.weights[0][0, 2]), 4)
    assert "stroke='#000' stroke-width='4'" in pg.overlay.value
    output = pg.output.value
    pg.weight.value = -6.0
    assert pg.model.net.weights[0][0, 2] == -6.0 and pg.output.value != output
    pg.controls["pick"].value = "w 9 9 9 1"  # out of range: ignored
    assert pg.selected == (1, 0, 2)


def test_choose_a_link_with_the_keyboard_then_edit_its_weight():
    """The link menu is the keyboard's way to a link: it lists every link of the network,
    follows a click, and a new network gets a new list."""
    pg = playground()
    menu = pg.controls["link"]
    sizes = pg.model.net.sizes
    n_links = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    assert len(menu.options) == n_links + 1 and menu.value == "none"
    menu.value = (2, 1, 0)
    assert pg.selected == (2, 1, 0) and not pg.weight.disabled
    assert "from neuron 2 of layer 1 to neuron 1 of layer 2" in pg.link_label.value
    pg.weight.value = 2.5
    assert pg.model.net.weights[1][1, 0] == 2.5
    pg.controls["pick"].value = "w 1 0 2 1700000000001"  # a click moves the menu along
    assert menu.value == (1, 0, 2)
    pg.controls["hidden"].value = "3"
    assert menu.value == "none" and len(menu.options) == 2 * 3 + 3 * 1 + 1


def test_click_or_hover_a_neuron_shows_it_large():
    pg = playground()
    output = pg.output.value
    pg.controls["pick"].value = "n 1 2 1"
    assert pg.pinned == (1, 2) and "Neuron 3 of layer 1" in pg.output_title.value
    assert pg.output.value != output
    pg.controls["pick"].value = "n 1 2 2"  # again: back to the output
    assert pg.pinned is None and "OUTPUT" in pg.output_title.value
    pg.controls["pick"].value = "h 2 0 3"  # the mouse over neuron 1 of layer 2
    assert "Neuron 1 of layer 2" in pg.output_title.value and "mouse" in pg.output_title.value
    pg.controls["pick"].value = "h - 4"  # and away
    assert pg.hovered is None and "OUTPUT" in pg.output_title.value
    pg.controls["pick"].value = "h 0 1 5"
    assert "Input x₂" in pg.output_title.value


@pytest.mark.parametrize("rate", [0.5, 0.00002, 7])
def test_any_learning_rate_in_range_is_added_to_the_menu(rate):
    pg = playground(learning_rate=rate)
    assert pg.controls["learning_rate"].value == rate
    assert pg.model.settings.learning_rate == rate


@pytest.mark.parametrize(
    "arguments",
    [
        {"learning_rate": 20},
        {"regularization_rate": -1},
        {"hidden": (9,)},
        {"dataset": "moons"},
        {"batch_size": 31},
        {"seed": "abc"},
        {"noise": 60},
        {"epochs": -1},
        {"frame_ms": 0},
        {"n_classes": 3},
    ],
)
def test_bad_arguments_get_a_clear_error_not_a_trait_error(arguments):
    with pytest.raises((ValueError, TypeError)) as error:
        playground(**arguments)
    assert type(error.value).__name__ in ("ValueError", "TypeError")
    assert next(iter(arguments)) in str(error.value)


def test_relu_default_learns_in_the_widget():
    pg = playground(activation="relu", epochs=300)
    assert isinstance(pg, Playground) and pg.model.accuracy() >= 0.95


def test_play_ticks_on_the_event_loop_and_stops_when_closed():
    a, b = playground(frame_ms=30), playground(frame_ms=30)

    async def scenario():
        a.controls["play_button"].click()
        await asyncio.sleep(0.6)
        playing = a.model.epoch, a.frames
        b.controls["play_button"].click()  # one playground plays at a time
        await asyncio.sleep(0.3)
        b.close()  # a closed (or replaced) widget's clock stops
        await asyncio.sleep(0.2)
        return playing

    epoch, frames = asyncio.run(scenario())
    assert epoch > 1 and frames >= 3
    assert not a.clock.running and a.controls["play_button"].description == "Play"
    assert not b.clock.running


def test_a_diverging_run_stops_and_says_why():
    pg = playground(learning_rate=10.0, hidden=(8, 8, 8), activation="linear")
    pg.controls["play_button"].click()
    for _ in range(30):
        if not pg.clock.running:
            break
        pg.tick()
    assert pg.model.diverged and not pg.clock.running
    assert "η too large" in pg.advice.value
    assert np.isfinite(pg.model.history["train"][0])


def test_regression_shows_the_quadratic_loss_and_keeps_the_choice():
    """On regression data the greyed-out loss menu says what trains (quadratic); back on
    classification it shows the student's own choice again."""
    pg = playground()
    loss = pg.controls["loss"]
    pg.controls["dataset"].value = "plane"
    assert loss.disabled and loss.value == "mse" and pg.model.settings.regression
    pg.controls["dataset"].value = "circle"
    assert not loss.disabled and loss.value == "cross_entropy"
    assert pg.model.settings.loss == "cross_entropy"


def test_weight_box_only_while_a_link_is_chosen():
    pg = playground()
    assert pg.weight.disabled and pg.weight.layout.visibility == "hidden"
    pg.bridge.value = "w 1 0 0 1"
    assert not pg.weight.disabled and pg.weight.layout.visibility == "visible"
    pg.controls["link"].value = "none"
    assert pg.weight.disabled and pg.weight.layout.visibility == "hidden"
