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
from helpers.widgets.playground_widget import PlaygroundWidget  # noqa: E402


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
    network, curve = pg.pictures.network.value, pg.pictures.curve.value
    pg.controls["step"].click()
    assert "Epoch <b>1</b>" in pg.pictures.epoch.value
    assert pg.pictures.curve.value != curve and pg.pictures.network.value != network
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Pause" and pg.clock.running
    pg.tick()  # no event loop here: one frame by hand
    assert pg.model.epoch > 1
    pg.controls["play_button"].click()
    assert pg.controls["play_button"].description == "Play" and not pg.clock.running
    pg.controls["reset"].click()
    assert "Epoch <b>0</b>" in pg.pictures.epoch.value


def test_live_settings_do_not_restart_and_redraw_only_what_changes():
    pg = playground()
    pg.controls["step"].click()
    network = pg.pictures.network.value
    pg.controls["learning_rate"].value = 0.1
    assert pg.model.settings.learning_rate == 0.1 and pg.model.epoch == 1
    points, test = pg.pictures.points.value, pg.pictures.test_points.value
    assert pg.pictures.test_points.layout.visibility == "hidden" and test.count("<circle") > 0
    pg.controls["show_test"].value = True
    assert pg.pictures.test_points.layout.visibility == "visible"
    assert (pg.pictures.points.value, pg.pictures.test_points.value) == (
        points,
        test,
    )  # nothing resent
    output = pg.pictures.output.value
    pg.controls["discretize"].value = True
    assert pg.pictures.output.value != output and pg.pictures.network.value == network
    assert "discretize=True" in pg.pictures.code.value


def test_rebuilds_and_bad_text():
    pg = playground()
    pg.controls["dataset"].value = "xor"
    assert "dataset='xor'" in pg.pictures.code.value and pg.controls["n_classes"].disabled
    pg.controls["hidden"].value = "3, x"
    assert "whole numbers" in pg.pictures.message.value
    pg.controls["hidden"].value = "3"
    assert pg.model.net.sizes == [2, 3, 1] and pg.pictures.message.value == ""
    pg.controls["features"]["x1^2"].value = True
    assert pg.model.net.sizes == [3, 3, 1] and "x₁²" in pg.pictures.overlay.value
    pg.controls["dataset"].value = "spiral"
    pg.controls["n_classes"].value = 3
    assert pg.model.net.sizes[-1] == 3 and not pg.controls["n_classes"].disabled


def test_regression_switch_trains():
    pg = playground()
    pg.controls["dataset"].value = "plane"
    assert pg.model.output_kind == "linear" and pg.controls["loss"].disabled
    first = pg.model.losses()[1]
    for _ in range(5):
        pg.controls["step"].click()
    assert pg.model.losses()[1] < first and "dataset='plane'" in pg.pictures.code.value


def test_click_a_link_then_edit_its_weight():
    pg = playground()
    pg.controls["pick"].value = "w 1 0 2 1700000000000"  # what a click in the page types
    assert pg.links.selected == (1, 0, 2) and not pg.links.controls.weight.disabled
    assert "from input x₁ to neuron 3 of layer 1" in pg.links.controls.label.value
    assert pg.links.controls.weight.value == round(float(pg.model.net.weights[0][0, 2]), 4)
    assert "stroke='#000' stroke-width='4'" in pg.pictures.overlay.value
    output = pg.pictures.output.value
    pg.links.controls.weight.value = -6.0
    assert pg.model.net.weights[0][0, 2] == -6.0 and pg.pictures.output.value != output
    pg.controls["pick"].value = "w 9 9 9 1"  # out of range: ignored
    assert pg.links.selected == (1, 0, 2)


def test_choose_a_link_with_the_keyboard_then_edit_its_weight():
    """The link menu is the keyboard's way to a link: it lists every link of the network,
    follows a click, and a new network gets a new list."""
    pg = playground()
    menu = pg.controls["link"]
    sizes = pg.model.net.sizes
    n_links = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    assert len(menu.options) == n_links + 1 and menu.value == "none"
    menu.value = (2, 1, 0)
    assert pg.links.selected == (2, 1, 0) and not pg.links.controls.weight.disabled
    assert "from neuron 2 of layer 1 to neuron 1 of layer 2" in pg.links.controls.label.value
    pg.links.controls.weight.value = 2.5
    assert pg.model.net.weights[1][1, 0] == 2.5
    pg.controls["pick"].value = "w 1 0 2 1700000000001"  # a click moves the menu along
    assert menu.value == (1, 0, 2)
    pg.controls["hidden"].value = "3"
    assert menu.value == "none" and len(menu.options) == 2 * 3 + 3 * 1 + 1


def test_click_or_hover_a_neuron_shows_it_large():
    pg = playground()
    output = pg.pictures.output.value
    pg.controls["pick"].value = "n 1 2 1"
    assert pg.links.pinned == (1, 2) and "Neuron 3 of layer 1" in pg.pictures.output_title.value
    assert pg.pictures.output.value != output
    pg.controls["pick"].value = "n 1 2 2"  # again: back to the output
    assert pg.links.pinned is None and "OUTPUT" in pg.pictures.output_title.value
    pg.controls["pick"].value = "h 2 0 3"  # the mouse over neuron 1 of layer 2
    assert (
        "Neuron 1 of layer 2" in pg.pictures.output_title.value
        and "mouse" in pg.pictures.output_title.value
    )
    pg.controls["pick"].value = "h - 4"  # and away
    assert pg.links.hovered is None and "OUTPUT" in pg.pictures.output_title.value
    pg.controls["pick"].value = "h 0 1 5"
    assert "Input x₂" in pg.pictures.output_title.value


@pytest.mark.parametrize("rate", [0.5, 0.00002, 7, 20, 1e-7])
def test_any_learning_rate_is_added_to_the_menu(rate):
    """The course's one rule for η (> 0, as ``Network.fit``): the menu gains the value."""
    pg = playground(learning_rate=rate)
    assert pg.controls["learning_rate"].value == rate
    assert pg.model.settings.learning_rate == rate


@pytest.mark.parametrize(
    "arguments",
    [
        {"learning_rate": 0},
        {"learning_rate": float("nan")},
        {"regularization_rate": -1},
        {"hidden": (9,)},
        {"dataset": "moons"},
        {"batch_size": 0},
        {"batch_size": 2.0},
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


@pytest.mark.parametrize(
    ("argument", "value", "start"), [("batch_size", 31, 30), ("seed", 2**40, 2**32 - 1)]
)
def test_a_value_outside_a_controls_range_starts_at_its_end_with_a_note(
    argument, value, start, capsys
):
    """The one place the playground clips: its batch-size slider and seed box (the rule, a
    whole number >= 1 or >= 0, allows more than the control shows)."""
    pg = playground(**{argument: value})
    assert pg.controls[argument].value == start == getattr(pg.model.settings, argument)
    assert f"Note: {argument} = {value:g} is outside the range" in capsys.readouterr().out


def test_a_live_change_checks_only_its_own_setting(monkeypatch):
    """A control's change carries the new value: one setting is checked, no control re-read."""
    from helpers.playground import PlaygroundSettings

    pg = playground()
    checked = []
    original = PlaygroundSettings.check
    monkeypatch.setattr(
        PlaygroundSettings, "check", lambda s, name: checked.append(name) or original(s, name)
    )
    pg.controls["learning_rate"].value = 0.3
    pg.controls["batch_size"].value = 5
    assert checked == ["learning_rate", "batch_size"]
    assert (pg.model.settings.learning_rate, pg.model.settings.batch_size) == (0.3, 5)


def test_clearing_the_last_feature_is_refused_and_the_box_ticked_again():
    pg = playground(features=("x1",))
    pg.controls["features"]["x1"].value = False
    assert pg.controls["features"]["x1"].value and "features" in pg.pictures.message.value
    assert pg.model.settings.features == ("x1",)
    pg.controls["features"]["x2"].value = True
    assert pg.model.settings.features == ("x1", "x2") and pg.pictures.message.value == ""


def test_the_kernels_own_writes_do_not_count_as_the_students():
    """Setting a control from the kernel (the loss menu on regression data, the link menu
    and the weight box after a click) calls no handler: no new network, no weight written."""
    pg = playground()
    pg.controls["step"].click()
    pg.controls["pick"].value = "w 1 0 0 1"
    weights = [W.copy() for W in pg.model.net.weights]
    pg.controls["pick"].value = "w 1 1 0 2"  # the editor now shows another weight
    assert pg.model.epoch == 1
    for W, before in zip(pg.model.net.weights, weights, strict=True):
        np.testing.assert_array_equal(W, before)
    pg.controls["dataset"].value = "plane"  # the loss menu shows "mse", set by the kernel
    assert pg.model.settings.loss == "cross_entropy"


def test_relu_default_learns_in_the_widget():
    pg = playground(activation="relu", epochs=300)
    assert isinstance(pg, PlaygroundWidget) and pg.model.accuracy() >= 0.95


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
    assert "η too large" in pg.pictures.advice.value
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
    assert (
        pg.links.controls.weight.disabled and pg.links.controls.weight.layout.visibility == "hidden"
    )
    pg.links.controls.bridge.value = "w 1 0 0 1"
    assert (
        not pg.links.controls.weight.disabled
        and pg.links.controls.weight.layout.visibility == "visible"
    )
    pg.controls["link"].value = "none"
    assert (
        pg.links.controls.weight.disabled and pg.links.controls.weight.layout.visibility == "hidden"
    )
