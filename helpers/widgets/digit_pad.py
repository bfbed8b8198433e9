"""The digit pad: draw an 8×8 digit, with the mouse or the keyboard, and see a network's
prediction and its softmax probabilities."""

import functools
import html

import numpy as np

from ..data import load_digits_split
from ..network import Network
from ..plotting import COLORS
from ._base import (
    CourseWidget,
    LiveFigure,
    button,
    course_style,
    picture,
    set_alt_text,
    weak,
    widgets,
)

INK_STEPS = {0.0: "empty", 0.5: "half ink", 1.0: "full ink"}
CELL_BORDER = "1px solid #8f8f8f"  # 3.2:1 against white: the grid shows on an empty pad
# A clear ring around the focused cell (the frontend's own is 1 px of light blue): keyboard
# users see where Space will ink. Scoped to the pad; a <style> in an HTML widget applies in
# JupyterLab, Notebook 7 and Colab alike.
FOCUS_STYLE = (
    "<style>.course-digit-pad .digit-pad-cell:focus-visible "
    "{outline: 3px solid #0b57d0; outline-offset: -3px; box-shadow: inset 0 0 0 5px #ffffff}"
    "</style>"
)


@functools.cache
def default_digit_network(seed=0):
    """A small network trained on the digits (64 → 32 tanh → 10 softmax, 30 epochs, seeded),
    for ``digit_pad()`` called without a network. Trained once per session (about a second)."""
    data = load_digits_split()
    net = Network([64, 32, 10], hidden_activation="tanh", seed=seed)
    net.fit(data.X_train, data.y_train, epochs=30, batch_size=32, learning_rate=0.3)
    return net


def example_digits():
    """One test-set image per digit 0–9 (the first of each in ``load_digits_split()``'s test
    set): an array of shape (10, 64) with pixels in [0, 1]."""
    data = load_digits_split()
    return np.array([data.X_test[np.flatnonzero(data.y_test == d)[0]] for d in range(10)])


def probabilities(network, pixels):
    """The class probabilities ``network`` gives one image: its ``predict_proba`` (a
    ``helpers.Network`` or a scikit-learn classifier), else its ``forward`` output."""
    x = np.asarray(pixels, dtype=float).reshape(1, 64)
    predict = getattr(network, "predict_proba", None) or network.forward
    return np.asarray(predict(x), dtype=float)[0]


def check_network(network):
    """A clear error unless ``network`` turns 64 pixels into 10 class probabilities."""
    if not (hasattr(network, "predict_proba") or hasattr(network, "forward")):
        raise TypeError(
            "network must be a trained helpers.Network (e.g. Network.load(path)) or a "
            f"classifier with predict_proba, got {type(network).__name__}"
        )
    try:
        probs = probabilities(network, np.zeros(64))
    except (ValueError, TypeError, IndexError) as error:
        probs = error
    if not (isinstance(probs, np.ndarray) and probs.shape == (10,) and np.isfinite(probs).all()):
        raise ValueError(
            "network must take 64 inputs (the 8×8 pixels) and give 10 outputs (one per digit), "
            f"e.g. Network([64, 32, 10]); with 64 zeros it gave {probs!r}"
        )


def digit_pad_state(pixels, network):
    """What the network makes of an 8×8 drawing: ``pixels`` (64 values in [0, 1], row by row).

    Returns a dict with ``pixels`` (8×8), ``probabilities`` (the softmax outputs), the
    ``prediction`` (most probable digit), its probability ``p`` and ``html``/``text`` lines.
    """
    pixels = np.clip(np.asarray(pixels, dtype=float).reshape(8, 8), 0, 1)
    probs = probabilities(network, pixels)
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

    def __init__(self, state, figsize=(7.0, 3.3)):
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
            edges = np.arange(0.5, 7, 1.0)  # light lines between the cells: visible when empty
            self.cell_lines = [
                ax.vlines(edges, -0.5, 7.5, color="0.82", lw=0.8),
                ax.hlines(edges, -0.5, 7.5, color="0.82", lw=0.8),
            ]
            ax.set_title("the input, 8×8", fontsize=14)
            self.bars = ax2.bar(np.arange(k), np.zeros(k), color=COLORS["sky"])
            ax2.set_xticks(np.arange(k))
            ax2.set_ylim(0, 1)
            ax2.set_xlabel("digit")
            ax2.set_ylabel("probability")
            self.title = ax2.set_title(" ")
        # the cell lines and frame after the image that they cross (it would cover them)
        self.animate(self.image, *self.cell_lines, *ax.spines.values(), *self.bars, self.title)
        self.update(state)

    def update(self, state):
        self.image.set_data(state["pixels"])
        for j, (bar, p) in enumerate(zip(self.bars, state["probabilities"], strict=True)):
            bar.set_height(p)
            bar.set_color(COLORS["orange"] if j == state["prediction"] else COLORS["sky"])
        self.title.set_text(f"prediction {state['prediction']} (p = {state['p']:.2f})")


def ink(value):
    """Button colour for a pixel value in [0, 1]: a light grey (0, distinct from a white page)
    to near-black (1)."""
    level = int(round(247 - 217 * float(np.clip(value, 0, 1))))
    return f"#{level:02x}{level:02x}{level:02x}"


def next_ink(value):
    """A click's new value of a cell: empty → full → half → empty."""
    return 1.0 if value < 0.25 else (0.5 if value > 0.75 else 0.0)


class DigitPad(CourseWidget):
    """An 8×8 grid of buttons to draw on, "Clear", test digits 0–9, the prediction and a
    figure. Keyboard: Tab and Shift+Tab move from cell to cell (row by row), Space or Enter
    inks the focused cell; each cell's tooltip (its accessible name) says where it is and
    how much ink it holds."""

    def __init__(self, network, start):
        self.network, self.examples = network, example_digits()
        self.pixels = np.zeros(64) if start is None else self.examples[start].copy()
        state = digit_pad_state(self.pixels, network)
        figure = DigitPadFigure(state)
        self.image = picture(figure.png(), self.describe(state))
        self.prediction = widgets.HTML(value=state["html"])
        self.prediction.add_class("digit-pad-prediction")
        self.cells = [self.make_cell(i) for i in range(64)]
        self.clear = button("Clear", icon="eraser", tooltip="empty every cell")
        self.clear.on_click(weak(self.on_clear))
        self.loaders = [button(str(d), width="34px", tooltip=f"load a test {d}") for d in range(10)]
        for loader in self.loaders:
            loader.on_click(weak(self.on_load))
        self.paint()
        controls = {"cells": self.cells, "clear": self.clear, "examples": self.loaders}
        super().__init__(
            "digit_pad",
            self.layout(),
            controls,
            figure,
            text=f"Digit pad (8×8 cells to click, Clear, test digits 0–9): {state['text']}",
            alt=self.describe(state),
        )

    @staticmethod
    def describe(state):
        """The figure's alt text for ``state``."""
        return (
            "Left: the 8×8 drawing the network sees; right: a bar chart of the network's "
            f"probability for each digit 0 to 9. {state['text']}."
        )

    def make_cell(self, i):
        layout = widgets.Layout(
            width="30px", height="30px", padding="0", margin="0", border=CELL_BORDER
        )
        cell = widgets.Button(description="", layout=layout)
        cell.add_class("digit-pad-cell")
        cell.on_click(weak(self.on_cell))
        return cell

    def layout(self):
        grid = widgets.GridBox(
            self.cells,
            layout=widgets.Layout(
                grid_template_columns="repeat(8, 30px)", grid_gap="2px", width="max-content"
            ),
        )
        grid.add_class("digit-pad-grid")
        # the pad keeps its size (flex 0 0 auto); on a narrow page the figure goes below it
        pad = widgets.VBox(
            [grid, widgets.HBox([self.clear])], layout={"margin": "0 20px 0 0", "flex": "0 0 auto"}
        )
        examples_row = widgets.HBox([widgets.Label("Load a test digit:"), *self.loaders])
        top = widgets.HBox(
            [pad, widgets.VBox([self.prediction, self.image])], layout={"flex_flow": "row wrap"}
        )
        box = widgets.VBox([top, examples_row, widgets.HTML(FOCUS_STYLE)])
        box.add_class("course-widget")
        box.add_class("course-digit-pad")
        return box

    def paint(self, index=None):
        """Colour the cells (all, or the one at ``index``) and name their ink."""
        for i in range(64) if index is None else [index]:
            value = self.pixels[i]
            self.cells[i].style.button_color = ink(value)
            amount = INK_STEPS.get(float(value), f"ink {value:.2f}")
            self.cells[i].tooltip = f"row {i // 8 + 1}, column {i % 8 + 1}: {amount}"

    def refresh(self, change=None):
        try:
            state = digit_pad_state(self.pixels, self.network)
            trouble = None if np.all(np.isfinite(state["probabilities"])) else "gave NaN or inf"
        except Exception as error:  # a student's network: say what it did, stay usable
            state, trouble = None, f"raised {type(error).__name__} ({error})"
        if trouble is not None:
            self.prediction.value = (
                f"<b>Your network {html.escape(trouble)} on this drawing</b> "
                f"({int(np.count_nonzero(self.pixels))} cells inked): no prediction."
            )
            return
        self.figure.update(state)
        self.image.value = self.figure.png()
        set_alt_text(self.image, self.describe(state))
        self.prediction.value = state["html"]

    def on_cell(self, cell):
        i = self.cells.index(cell)
        self.pixels[i] = next_ink(self.pixels[i])
        self.paint(i)
        self.refresh()

    def load(self, digit):
        """Show test digit ``digit`` (0–9) on the pad, or empty it (None)."""
        self.pixels[:] = 0.0 if digit is None else self.examples[digit]
        self.paint()
        self.refresh()

    def on_clear(self, _):
        self.load(None)

    def on_load(self, loader):
        self.load(self.loaders.index(loader))


def digit_pad(network=None, start=3):
    """An 8×8 pad to draw a digit on, with ``network``'s prediction and its softmax
    probabilities as a bar chart, updated at every click.

    Click a cell (or Tab to it and press Space) to cycle its ink: empty → full → half → empty.
    "Clear" empties the pad; the buttons 0–9 load a digit of the test set. ``network``: a
    trained ``helpers.Network`` with 64 inputs and 10 softmax outputs (e.g.
    ``Network.load(path)``), or anything with ``predict_proba``; None trains a small one.
    ``start``: the test-set digit shown first, 0–9 (None: an empty pad).
    """
    if start is not None and (
        isinstance(start, bool) or not isinstance(start, int | np.integer) or not 0 <= start <= 9
    ):
        raise ValueError(f"start must be a digit 0–9 (or None for an empty pad), got {start!r}")
    network = default_digit_network() if network is None else network
    check_network(network)
    return DigitPad(network, None if start is None else int(start))
