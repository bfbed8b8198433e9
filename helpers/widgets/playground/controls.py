"""The playground's controls and layout: ipywidgets factories, no state (``widget.py`` holds
the ``Playground`` that wires them).

Layout in the TensorFlow Playground's order, in widths that fit JupyterLab at 1280 px with the
file browser open (about 840 px for an output): the data and features (180 px), the network
(``NETWORK_WIDTH``), the output with the loss curve under it (``OUTPUT_SIZE``); on a narrower
page (Colab) the columns wrap.
"""

import numpy as np

from ...playground import (
    ACTIVATIONS,
    LEARNING_RATES,
    REGULARIZATION_RATES,
    menu_with,
)
from .._base import dropdown as shared_dropdown
from .._base import widgets

NETWORK_WIDTH, OUTPUT_SIZE = 340, 280
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
        ),
        "n_classes": int_slider(s.n_classes, 2, 4, 1, "classes"),
        "noise": int_slider(s.noise, 0, 50, 5, "noise %"),
        "train_ratio": int_slider(s.train_ratio, 10, 90, 10, "training %"),
        "batch_size": int_slider(s.batch_size, 1, 30, 1, "batch size"),
        "hidden": widgets.Text(
            value=", ".join(str(h) for h in s.hidden),
            description="hidden layers",
            placeholder="e.g. 4, 2 (empty: none)",
            style={"description_width": "92px"},
            layout=widgets.Layout(width="190px"),
        ),
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
            min=0,
            max=10**9,
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


def pictures_and_buttons(pg):
    """The pictures, labels and buttons, as attributes of the playground ``pg``."""
    pg.play_button = widgets.Button(
        description="Play",
        button_style="success",
        icon="play",
        layout=widgets.Layout(width="92px"),
    )
    pg.step_button = widgets.Button(
        description="Step", icon="step-forward", layout=widgets.Layout(width="80px")
    )
    pg.reset_button = widgets.Button(
        description="Reset", icon="undo", layout=widgets.Layout(width="80px")
    )
    pg.regenerate = widgets.Button(
        description="Regenerate", icon="refresh", layout=widgets.Layout(width="120px")
    )
    pg.epoch_label = widgets.HTML().add_class("playground-epoch")
    # the network's pictures (new every frame) under its names, frames and click targets
    # (new only after a click): two HTML widgets in one grid cell
    pg.network = widgets.HTML(layout=widgets.Layout(grid_area="n")).add_class("playground-network")
    pg.overlay = widgets.HTML(layout=widgets.Layout(grid_area="n")).add_class("playground-overlay")
    # the output's heatmap (new every frame) under the training points and the test points
    # (new only with new data; "show test data" hides or shows the test layer): three HTML
    # widgets in one grid cell
    pg.output = widgets.HTML(layout=widgets.Layout(grid_area="o")).add_class("playground-output")
    pg.points_layer = widgets.HTML(layout=widgets.Layout(grid_area="o")).add_class(
        "playground-points"
    )
    pg.test_layer = widgets.HTML(
        layout=widgets.Layout(grid_area="o", visibility="hidden")
    ).add_class("playground-test-points")
    pg.output_title = widgets.HTML().add_class("playground-output-title")
    pg.curve = widgets.HTML().add_class("playground-curve")
    pg.advice = widgets.HTML(layout=widgets.Layout(width=f"{OUTPUT_SIZE}px"))
    pg.advice.add_class("playground-advice")
    pg.message = widgets.HTML()
    pg.code = widgets.HTML()
    pg.link_label = widgets.HTML(LINK_HINT)
    pg.weight = widgets.FloatText(
        description="weight",
        disabled=True,
        style={"description_width": "50px"},
        layout=widgets.Layout(width="125px", visibility="hidden"),
    )
    pg.weight.add_class("playground-weight")
    # The keyboard's way to a link (a click in the picture is the mouse's): choose, then type.
    pg.link_menu = widgets.Dropdown(  # "none": a Dropdown's None would mean no entry at all
        options=[("choose a link", "none")],
        value="none",
        description="link",
        style={"description_width": "32px"},
        layout=widgets.Layout(width="195px"),
    )
    pg.link_menu.add_class("playground-link-menu")
    pg.bridge = widgets.Text(layout=widgets.Layout(display="none"))
    pg.bridge.add_class("pg-bridge")


def heading(text):
    return widgets.HTML(f"<b style='letter-spacing:0.05em'>{text}</b>")


def data_column(pg, c):
    """DATA and FEATURES (left)."""
    features = widgets.GridBox(
        list(pg.feature_boxes.values()),
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
            pg.regenerate,
            heading("FEATURES"),
            features,
        ],
        layout=widgets.Layout(width="180px", margin="0 8px 0 0"),
    )


def network_column(pg, c):
    """The network's settings, its picture under the click overlay, the weight editor."""
    return widgets.VBox(
        [
            widgets.HBox([c["hidden"], c["seed"]]),
            widgets.HBox([c["activation"], c["loss"]]),
            widgets.HBox([c["regularization"], c["regularization_rate"]]),
            widgets.GridBox(
                [pg.network, pg.overlay],
                layout=widgets.Layout(grid_template_areas='"n"'),
            ),
            widgets.HBox(
                [pg.link_menu, pg.weight],
                layout=widgets.Layout(align_items="center", width=f"{NETWORK_WIDTH}px"),
            ),
            pg.link_label,
            pg.bridge,
        ],
        layout=widgets.Layout(width=f"{NETWORK_WIDTH + 10}px", margin="0 8px 0 0"),
    )


def output_column(pg, c):
    """The output under the points, its checkboxes, the loss curve and the advice line."""
    return widgets.VBox(
        [
            pg.output_title,
            widgets.GridBox(
                [pg.output, pg.points_layer, pg.test_layer],
                layout=widgets.Layout(
                    grid_template_areas='"o"', grid_template_columns=f"{OUTPUT_SIZE}px"
                ),
            ),
            widgets.HBox([c["show_test"], c["discretize"]]),
            pg.curve,
            pg.advice,
        ],
        layout=widgets.Layout(width=f"{OUTPUT_SIZE + 10}px"),
    )


def arrange(pg, c):
    """The playground's box: the top bar, then data | network | output, then the code line."""
    top = widgets.HBox(
        [
            pg.play_button,
            pg.step_button,
            pg.reset_button,
            pg.epoch_label,
            c["learning_rate"],
        ],
        layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
    )
    columns = widgets.HBox(
        [data_column(pg, c), network_column(pg, c), output_column(pg, c)],
        layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
    )
    style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"))
    box = widgets.VBox([top, pg.message, columns, pg.code, style])
    box.add_class("course-widget")
    box.add_class("course-playground")
    return box
