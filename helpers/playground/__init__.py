"""The playground without widgets: its settings, model, "why did it fail" rules and pictures.

``helpers.widgets.playground()`` (the package ``helpers.widgets.playground_widget``) puts
controls around these; everything here is plain Python
and NumPy (Pillow for the PNGs, matplotlib for the static figure), unit-tested without
ipywidgets:

    model = PlaygroundModel(dataset="xor", hidden=(4,), activation="tanh")
    model.train(epochs=50)
    model.losses()          # (training loss, test loss)
    frame = model.frame()   # the state the pictures show
    NetworkLayout(frame.sizes, ["x₁", "x₂"]).svg(frame)   # the network as SVG text
"""

from .diagnosis import Advice, chance_loss, diagnose
from .model import Frame, PlaygroundModel, feature_matrix, plane_grid
from .pictures import class_rgb, data_uri, diverging_rgb, output_rgb, png_bytes
from .settings import (
    ACTIVATIONS,
    CLASSIFICATION_SETS,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    LIMIT,
    LOSSES,
    MULTI_CLASS_SETS,
    REGRESSION_SETS,
    REGULARIZATION_RATES,
    PlaygroundSettings,
    menu_with,
)
from .svg import NetworkLayout, loss_svg, output_svg, points_layer, points_svg

__all__ = [
    "ACTIVATIONS",
    "CLASSIFICATION_SETS",
    "DATASETS",
    "FEATURES",
    "LEARNING_RATES",
    "LIMIT",
    "LOSSES",
    "MULTI_CLASS_SETS",
    "REGRESSION_SETS",
    "REGULARIZATION_RATES",
    "Advice",
    "Frame",
    "NetworkLayout",
    "PlaygroundModel",
    "PlaygroundSettings",
    "chance_loss",
    "class_rgb",
    "data_uri",
    "diagnose",
    "diverging_rgb",
    "feature_matrix",
    "loss_svg",
    "menu_with",
    "output_rgb",
    "output_svg",
    "plane_grid",
    "png_bytes",
    "points_layer",
    "points_svg",
]
