"""The playground's controls and layout: ipywidgets factories, no state (``widget.py`` holds
the ``PlaygroundWidget`` that wires them). The widgets come in small dataclasses, one per part:
the settings' controls (a dict by setting name) and the feature boxes, ``Buttons``,
``Pictures`` and ``LinkControls``; ``arrange`` lays them out.

Layout in the TensorFlow Playground's order, in widths that fit JupyterLab at 1280 px with the
file browser open (about 840 px for an output): the data and features (180 px), the network
(``NETWORK_WIDTH``), the output with the loss curve under it (``OUTPUT_SIZE``); on a narrower
page (Colab) the columns wrap.
"""

from dataclasses import dataclass

import numpy as np

from ...playground import (
    ACTIVATIONS,
    FEATURES,
    LEARNING_RATES,
    REGULARIZATION_RATES,
    menu_with,
)
from .._base import dropdown as shared_dropdown
from .._base import widgets

NETWORK_WIDTH, OUTPUT_SIZE = 340, 280
#: The batch-size slider's range (the TensorFlow Playground's); ``playground()`` starts a batch
#: size outside it at the nearest end, with a note.
BATCH_SIZES = (1, 30)
#: The seed box's range (a seed is any whole number >= 0; the box holds those up to 2³² − 1).
SEEDS = (0, 2**32 - 1)
LINK_HINT = "Click a link (or choose it in the menu) to see its weight, a neuron to see it large."
DATASET_LABELS = {
    "circle": "circle",
    "xor": "xor",
    "gauss": "gauss",
    "spiral": "spiral",
    "plane": "plane (regression)",
    "multi_gauss": "multi gauss (regression)",
}


def rate_label(r):
    """0.00001, not 1e-05: the menu shows numbers as a student types them."""
    return np.format_float_positional(r, trim="-")


def dropdown(options, value, description, width="190px", label_width="82px"):
    """The playground's menus: the shared ``Dropdown`` with a narrower label."""
    return shared_dropdown(options, value, description, width, label_width)


# The DATA column's sliders put their name above the track (``pg-slider``): in the column's
# 180 px, a name beside the track and ipywidgets' readout (at least 72 px) left the track about
# 10 px long, nothing to drag. A <style> in an HTML widget applies in JupyterLab, Notebook 7 and
# Colab; the class names are ipywidgets 8's and 7's.
STYLE = """<style>
.course-playground .pg-slider { flex-wrap: wrap; height: auto !important; }
.course-playground .pg-slider .widget-label,
.course-playground .pg-slider .jupyter-widget-label { width: 100% !important; text-align: left; }
.course-playground .pg-slider .slider-container { flex: 1 1 0; min-width: 0; }
.course-playground .pg-slider .widget-readout,
.course-playground .pg-slider .jupyter-widget-readout { min-width: 30px; }
</style>"""


def int_slider(value, lo, hi, step, description):
    slider = widgets.IntSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=False,
        layout=widgets.Layout(width="180px"),
    )
    return slider.add_class("pg-slider")


def setting_controls(s):
    """One control per setting a student changes (``n_samples`` and ``data_seed`` have none:
    Regenerate draws new points)."""
    return {
        "dataset": dropdown(
            [(v, k) for k, v in DATASET_LABELS.items()], s.dataset, "data", "180px", "40px"
        ).add_class("playground-dataset"),
        "n_classes": int_slider(s.n_classes, 2, 4, 1, "classes"),
        "noise": int_slider(s.noise, 0, 50, 5, "noise %"),
        "train_ratio": int_slider(s.train_ratio, 10, 90, 10, "training %"),
        "batch_size": int_slider(s.batch_size, *BATCH_SIZES, 1, "batch size"),
        "hidden": widgets.Text(
            value=", ".join(str(h) for h in s.hidden),
            description="hidden layers",
            placeholder="e.g. 4, 2 (empty: none)",
            style={"description_width": "92px"},
            layout=widgets.Layout(width="190px"),
        ).add_class("playground-hidden"),
        "activation": dropdown(list(ACTIVATIONS), s.activation, "activation", "165px", "70px"),
        "loss": dropdown(
            [("cross-entropy", "cross_entropy"), ("quadratic", "mse")],
            s.loss,
            "loss",
            "180px",
            "36px",
        ),
        "seed": widgets.BoundedIntText(
            value=s.seed,
            min=SEEDS[0],
            max=SEEDS[1],
            description="seed",
            style={"description_width": "40px"},
            layout=widgets.Layout(width="120px"),
        ),
        "learning_rate": dropdown(
            [(rate_label(r), r) for r in menu_with(LEARNING_RATES, s.learning_rate)],
            s.learning_rate,
            "learning rate",
            "190px",
            "90px",
        ),
        "regularization": dropdown(  # "none", not None: a Dropdown's None means no choice
            ["none", "L1", "L2"], s.regularization or "none", "regularisation", "190px", "100px"
        ),
        "regularization_rate": dropdown(
            [(rate_label(r), r) for r in menu_with(REGULARIZATION_RATES, s.regularization_rate)],
            s.regularization_rate,
            "rate",
            "150px",
            "40px",
        ),
        "show_test": widgets.Checkbox(
            value=s.show_test, description="show test data", indent=False
        ),
        "discretize": widgets.Checkbox(
            value=s.discretize, description="discretise output", indent=False
        ),
    }


@dataclass
class Buttons:
    """The top bar's buttons and Regenerate (new points)."""

    play: widgets.Button
    step: widgets.Button
    reset: widgets.Button
    regenerate: widgets.Button


def buttons():
    return Buttons(
        play=widgets.Button(
            description="Play",
            button_style="success",
            icon="play",
            layout=widgets.Layout(width="92px"),
        ),
        step=widgets.Button(
            description="Step", icon="step-forward", layout=widgets.Layout(width="80px")
        ),
        reset=widgets.Button(description="Reset", icon="undo", layout=widgets.Layout(width="80px")),
        regenerate=widgets.Button(
            description="Regenerate", icon="refresh", layout=widgets.Layout(width="120px")
        ),
    )


def html_panel(css_class, **layout):
    return widgets.HTML(layout=widgets.Layout(**layout)).add_class(css_class)


@dataclass
class Pictures:
    """What the kernel writes and the student reads: pictures and texts (``HTML`` widgets).

    The network's picture (new every frame) lies under ``overlay`` (names, frames and click
    targets, new only after a click); the output's heatmap (new every frame) under the training
    ``points`` and the ``test_points`` (new only with new data; "show test data" only hides or
    shows that layer): widgets in one grid cell each."""

    epoch: widgets.HTML
    network: widgets.HTML
    overlay: widgets.HTML
    output: widgets.HTML
    points: widgets.HTML
    test_points: widgets.HTML
    output_title: widgets.HTML
    curve: widgets.HTML
    advice: widgets.HTML
    message: widgets.HTML
    code: widgets.HTML


def pictures():
    return Pictures(
        epoch=html_panel("playground-epoch"),
        network=html_panel("playground-network", grid_area="n"),
        overlay=html_panel("playground-overlay", grid_area="n"),
        output=html_panel("playground-output", grid_area="o"),
        points=html_panel("playground-points", grid_area="o"),
        test_points=html_panel("playground-test-points", grid_area="o", visibility="hidden"),
        output_title=html_panel("playground-output-title"),
        curve=html_panel("playground-curve"),
        advice=html_panel("playground-advice", width=f"{OUTPUT_SIZE}px"),
        message=widgets.HTML(),
        code=widgets.HTML(),
    )


@dataclass
class LinkControls:
    """The link editor: the menu (the keyboard's way to a link), the weight box, the line that
    names the link, and the hidden ``bridge`` a click in the network picture types into."""

    menu: widgets.Dropdown
    weight: widgets.FloatText
    label: widgets.HTML
    bridge: widgets.Text


def link_controls():
    weight = widgets.FloatText(
        description="weight",
        disabled=True,
        style={"description_width": "50px"},
        layout=widgets.Layout(width="125px", visibility="hidden"),
    )
    menu = widgets.Dropdown(  # "none": a Dropdown's None would mean no entry at all
        options=[("choose a link", "none")],
        value="none",
        description="link",
        style={"description_width": "32px"},
        layout=widgets.Layout(width="195px"),
    )
    bridge = widgets.Text(layout=widgets.Layout(display="none"))
    return LinkControls(
        menu=menu.add_class("playground-link-menu"),
        weight=weight.add_class("playground-weight"),
        label=widgets.HTML(LINK_HINT),
        bridge=bridge.add_class("pg-bridge"),
    )


def feature_boxes(s):
    """One checkbox per input feature, ticked if ``s`` (the settings) uses it."""
    return {
        f: widgets.Checkbox(
            value=f in s.features,
            description=label,
            indent=False,
            layout=widgets.Layout(width="84px"),
        )
        for f, (label, _) in FEATURES.items()
    }


def heading(text):
    return widgets.HTML(f"<b style='letter-spacing:0.05em'>{text}</b>")


def data_column(c, features, regenerate):
    """DATA and FEATURES (left)."""
    features = widgets.GridBox(
        list(features.values()),
        layout=widgets.Layout(grid_template_columns="repeat(2, 86px)"),
    )
    return widgets.VBox(
        [
            heading("DATA"),
            c["dataset"],
            c["n_classes"],
            c["noise"],
            c["train_ratio"],
            c["batch_size"],
            regenerate,
            heading("FEATURES"),
            features,
        ],
        layout=widgets.Layout(width="180px", margin="0 8px 0 0"),
    )


def network_column(c, pictures, links):
    """The network's settings, its picture under the click overlay, the weight editor."""
    return widgets.VBox(
        [
            widgets.HBox([c["hidden"], c["seed"]]),
            widgets.HBox([c["activation"], c["loss"]]),
            widgets.HBox([c["regularization"], c["regularization_rate"]]),
            widgets.GridBox(
                [pictures.network, pictures.overlay],
                layout=widgets.Layout(grid_template_areas='"n"'),
            ),
            widgets.HBox(
                [links.menu, links.weight],
                layout=widgets.Layout(align_items="center", width=f"{NETWORK_WIDTH}px"),
            ),
            links.label,
            links.bridge,
        ],
        layout=widgets.Layout(width=f"{NETWORK_WIDTH + 10}px", margin="0 8px 0 0"),
    )


def output_column(c, pictures):
    """The output under the points, its checkboxes, the loss curve and the advice line."""
    return widgets.VBox(
        [
            pictures.output_title,
            widgets.GridBox(
                [pictures.output, pictures.points, pictures.test_points],
                layout=widgets.Layout(
                    grid_template_areas='"o"', grid_template_columns=f"{OUTPUT_SIZE}px"
                ),
            ),
            widgets.HBox([c["show_test"], c["discretize"]]),
            pictures.curve,
            pictures.advice,
        ],
        layout=widgets.Layout(width=f"{OUTPUT_SIZE + 10}px"),
    )


def arrange(c, features, buttons, pictures, links):
    """The playground's box: the top bar, then data | network | output, then the code line;
    ``c`` are the settings' controls (``setting_controls``)."""
    top = widgets.HBox(
        [
            buttons.play,
            buttons.step,
            buttons.reset,
            pictures.epoch,
            c["learning_rate"],
        ],
        layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
    )
    columns = widgets.HBox(
        [
            data_column(c, features, buttons.regenerate),
            network_column(c, pictures, links),
            output_column(c, pictures),
        ],
        layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
    )
    style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"))
    box = widgets.VBox([top, pictures.message, columns, pictures.code, style])
    box.add_class("course-widget")
    box.add_class("course-playground")
    return box
