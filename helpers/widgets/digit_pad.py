"""The digit pad: draw an 8×8 digit and see a network's prediction."""

import numpy as np

from ..data import load_digits_split
from ..network import Network
from ..plotting import COLORS
from ._base import CourseWidget, LiveFigure, course_style, widgets

_DEFAULT_DIGIT_NETWORK = {}


def default_digit_network(seed=0):
    """A small network trained on the digits (64 → 32 tanh → 10 softmax, 30 epochs, seeded),
    for ``digit_pad()`` called without a network. Trained once per session (about a second)."""
    if seed not in _DEFAULT_DIGIT_NETWORK:
        data = load_digits_split()
        net = Network([64, 32, 10], hidden_activation="tanh", seed=seed)
        net.fit(data.X_train, data.y_train, epochs=30, batch_size=32, learning_rate=0.3)
        _DEFAULT_DIGIT_NETWORK[seed] = net
    return _DEFAULT_DIGIT_NETWORK[seed]


def example_digits():
    """One test-set image per digit 0–9 (the first of each in ``load_digits_split()``'s test
    set): an array of shape (10, 64) with pixels in [0, 1]."""
    data = load_digits_split()
    return np.array([data.X_test[np.flatnonzero(data.y_test == d)[0]] for d in range(10)])


def _probabilities(network, pixels):
    x = np.asarray(pixels, dtype=float).reshape(1, 64)
    if hasattr(network, "forward"):
        out = np.asarray(network.forward(x), dtype=float)[0]
    else:  # a scikit-learn classifier
        out = np.asarray(network.predict_proba(x), dtype=float)[0]
    return out


def digit_pad_state(pixels, network):
    """What the network makes of an 8×8 drawing: ``pixels`` (64 values in [0, 1], row by row).

    Returns a dict with ``pixels`` (8×8), ``probabilities`` (the softmax outputs), the
    ``prediction`` (most probable digit), its probability ``p`` and ``html``/``text`` lines.
    """
    pixels = np.clip(np.asarray(pixels, dtype=float).reshape(8, 8), 0, 1)
    probs = _probabilities(network, pixels)
    prediction = int(np.argmax(probs))
    p = float(probs[prediction])
    empty = " (the pad is empty: draw a digit!)" if not pixels.any() else ""
    return {
        "pixels": pixels,
        "probabilities": probs,
        "prediction": prediction,
        "p": p,
        "text": f"Prediction: {prediction} (p = {p:.2f}){empty}",
        "html": (
            f"<div style='font-size:1.4em'>Prediction: <b>{prediction}</b> "
            f"(p = {p:.2f}){empty}</div>"
        ),
    }


class DigitPadFigure(LiveFigure):
    """Left: the 8×8 image the network sees. Right: its softmax probabilities, one bar per
    digit, the predicted one highlighted."""

    def __init__(self, state, figsize=(7.5, 3.3)):
        super().__init__(figsize)
        k = len(state["probabilities"])
        with course_style():
            ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1, 2.2])
            self.image = ax.imshow(state["pixels"], cmap="gray_r", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            for spine in ax.spines.values():  # a thin frame around all 8×8 cells
                spine.set_visible(True)
                spine.set_color("0.6")
            ax.set_title("the input, 8×8", fontsize=14)
            self.bars = ax2.bar(np.arange(k), np.zeros(k), color=COLORS["sky"])
            ax2.set_xticks(np.arange(k))
            ax2.set_ylim(0, 1)
            ax2.set_xlabel("digit")
            ax2.set_ylabel("probability")
            self.title = ax2.set_title(" ")
        # the frame after the image that it surrounds (the image would cover half of it)
        self.animate(self.image, *ax.spines.values(), *self.bars, self.title)
        self.update(state)

    def update(self, state):
        self.image.set_data(state["pixels"])
        for j, (bar, p) in enumerate(zip(self.bars, state["probabilities"], strict=True)):
            bar.set_height(p)
            bar.set_color(COLORS["orange"] if j == state["prediction"] else COLORS["sky"])
        self.title.set_text(f"prediction {state['prediction']} (p = {state['p']:.2f})")


def _ink(value):
    """Button colour for a pixel value in [0, 1]: white (0) to near-black (1)."""
    level = int(round(255 - 225 * float(np.clip(value, 0, 1))))
    return f"#{level:02x}{level:02x}{level:02x}"


def digit_pad(network=None, start=3):
    """An 8×8 pad to draw a digit on, with ``network``'s prediction and its softmax
    probabilities as a bar chart, updated at every click.

    Click a cell to cycle its ink: empty → full → half → empty. "Clear" empties the pad; the
    buttons 0–9 load a digit of the test set. ``network``: a trained ``helpers.Network`` with 64
    inputs and 10 softmax outputs (or anything with ``predict_proba``); None trains a small one.
    ``start``: the test-set digit shown first (None: an empty pad).
    """
    w = widgets
    network = default_digit_network() if network is None else network
    examples = example_digits()
    pixels = np.zeros(64) if start is None else examples[int(start)].copy()
    state = digit_pad_state(pixels, network)
    figure = DigitPadFigure(state)
    image = w.Image(value=figure.png(), format="png")
    prediction = w.HTML(value=state["html"])
    prediction.add_class("digit-pad-prediction")

    cells = []
    for _ in range(64):
        cell = w.Button(description="", layout=w.Layout(width="30px", height="30px", padding="0"))
        cell.add_class("digit-pad-cell")
        cells.append(cell)

    def paint(index=None):
        for i in range(64) if index is None else [index]:
            cells[i].style.button_color = _ink(pixels[i])

    def refresh():
        new = digit_pad_state(pixels, network)
        figure.update(new)
        image.value = figure.png()
        prediction.value = new["html"]

    def on_cell(button):
        i = cells.index(button)
        v = pixels[i]
        pixels[i] = 1.0 if v < 0.25 else (0.5 if v > 0.75 else 0.0)
        paint(i)
        refresh()

    for cell in cells:
        cell.on_click(on_cell)
    paint()

    def load(digit):
        pixels[:] = 0.0 if digit is None else examples[digit]
        paint()
        refresh()

    clear = w.Button(description="Clear", icon="eraser", layout=w.Layout(width="90px"))
    clear.on_click(lambda _: load(None))
    loaders = []
    for d in range(10):
        b = w.Button(description=str(d), layout=w.Layout(width="34px"))
        b.on_click(lambda _, d=d: load(d))
        loaders.append(b)
    grid = w.GridBox(
        cells,
        layout=w.Layout(
            grid_template_columns="repeat(8, 30px)", grid_gap="2px", width="max-content"
        ),
    )
    grid.add_class("digit-pad-grid")
    pad = w.VBox([grid, w.HBox([clear])], layout=w.Layout(margin="0 20px 0 0"))
    examples_row = w.HBox([w.Label("Load a test digit:"), *loaders])
    box = w.VBox([w.HBox([pad, w.VBox([prediction, image])]), examples_row])
    box.add_class("course-widget")
    box.add_class("course-digit-pad")
    controls = {"cells": cells, "clear": clear, "examples": loaders}
    text = f"Digit pad (8×8 cells to click, Clear, test digits 0–9): {state['text']}"
    result = CourseWidget("digit_pad", box, controls, figure, refresh, text)
    result.pixels = pixels
    result.load = load
    return result
