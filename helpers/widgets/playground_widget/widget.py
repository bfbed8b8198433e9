"""The playground's widget: controls, pictures and the Play clock around ``helpers.playground``.

Where to look: ``playground()`` (at the end) checks the arguments and builds a ``PlaygroundWidget``.
Its ``__init__`` makes the widgets (``controls``: small dataclasses), the ``LinkEditor``
(``links``: what the student clicks or hovers in the network picture) and the clock, then
wires each control to one handler. A settings control's change carries its new value:
``on_setting`` makes new settings from it (``PlaygroundSettings.changed``, which checks that
one setting) and ``apply`` redoes what they need (``PlaygroundModel.apply``: nothing for a live
setting such as the learning rate, a new network, or new data). The ``Painter`` (``painter``)
sends the state to the pictures.

The pictures are SVG text in ``HTML`` widgets, their heatmaps small PNGs made straight from the
NumPy grids (``helpers.playground.svg``): a frame costs a few milliseconds and a few tens of
kilobytes, so Play shows 20+ updates per second. Clicking a link or a neuron in the network
picture types "w l k j" or "n l j" into a hidden ``Text`` (class ``pg-bridge``), which tells the
kernel through the standard widget protocol: ipywidgets 7.7 (Colab) and 8 alike, no extension.
"""

import html
import itertools
import time

from ...playground import (
    FEATURES,
    MULTI_CLASS_SETS,
    REGRESSION_SETS,
    PlaygroundModel,
    PlaygroundSettings,
)
from ...playground.settings import parse_layers
from ...playground.static import static_png
from ...validation import check_scalar, clip_to_slider
from .._base import Clock, CourseWidget, weak
from .controls import (
    BATCH_SIZES,
    SEEDS,
    arrange,
    buttons,
    feature_boxes,
    link_controls,
    pictures,
    setting_controls,
)
from .links import LinkEditor, handlers, unobserved
from .painter import WARN, Painter

_uids = itertools.count()


def control_value(name, value):
    """A settings control's value as the setting's value: the regularisation menu's "none" is
    None (a Dropdown's None would mean no choice), the hidden layers' text a tuple."""
    if name == "regularization":
        return None if value == "none" else value
    if name == "hidden":
        return parse_layers(value)
    return value


class PlaygroundWidget(CourseWidget):
    """The course's Neural Network Playground (see ``playground()``).

    ``model``: the ``PlaygroundModel``; ``settings_controls``: one control per setting (by the
    setting's name) and ``features``: one checkbox per input feature; ``buttons``,
    ``pictures``: the widgets (``controls``' dataclasses); ``links``: the ``LinkEditor``;
    ``painter``: the ``Painter``; ``clock``: Play's clock; ``frames`` counts redraws."""

    def __init__(self, settings, epochs=0, frame_ms=30):
        self.model = PlaygroundModel(settings)
        self.train_chunks(epochs)
        self.epoch_seconds, self.frame_ms = 0.002, frame_ms
        self.settings_controls = setting_controls(settings)
        self.features = feature_boxes(settings)
        self.buttons, self.pictures = buttons(), pictures()
        link_widgets = link_controls()
        # weak: the parts this widget holds must not hold it (a cycle waits for the cycle
        # collector's rare full collections before a dropped playground closes: issue 21)
        self.links = LinkEditor(link_widgets, self.model, weak(self.redraw), weak(self.warn))
        self.painter = Painter(self.pictures, self.model, self.links, f"pg{next(_uids)}")
        box = arrange(
            self.settings_controls, self.features, self.buttons, self.pictures, link_widgets
        )
        controls = {
            **self.settings_controls,
            "features": self.features,
            "play_button": self.buttons.play,
            "step": self.buttons.step,
            "reset": self.buttons.reset,
            "regenerate": self.buttons.regenerate,
            "weight": link_widgets.weight,
            "link": link_widgets.menu,
            "pick": link_widgets.bridge,
        }
        static = self.StaticPicture(self.model.frame(), self.painter.layout)
        super().__init__(
            "playground", box, controls, static, text=self.describe(), alt=self.alt_text()
        )
        self.clock = Clock(
            weak(self.tick),
            frame_ms / 1000,
            on_stop=weak(self.show_playing),
            on_error=weak(self.on_error),
        )
        self.wire()
        self.enable()
        self.redraw()

    class StaticPicture:
        """What ``CourseWidget`` shows without a live kernel: the state at creation (its frame
        and the network picture's layout, not the playground: no cycle)."""

        def __init__(self, frame, layout):
            self.frame, self.layout = frame, layout

        def png(self, compress_level=9):
            return static_png(self.frame, self.layout)

    def wire(self):
        """One handler per control."""
        h = self.handlers = handlers(
            self, "on_play", "on_step", "on_reset", "on_regenerate", "on_setting", "on_feature"
        )
        self.buttons.play.on_click(h["on_play"])
        self.buttons.step.on_click(h["on_step"])
        self.buttons.reset.on_click(h["on_reset"])
        self.buttons.regenerate.on_click(h["on_regenerate"])
        self.setting_of = {c.model_id: n for n, c in self.settings_controls.items()}
        for control in self.settings_controls.values():
            control.observe(h["on_setting"], names="value")
        self.feature_of = {box.model_id: f for f, box in self.features.items()}
        for box in self.features.values():
            box.observe(h["on_feature"], names="value")

    # ---------------------------------------------------------------------------- texts
    def describe(self):
        code = self.model.settings.as_code()
        return f"Neural Network Playground at epoch {self.model.epoch}: {code}"

    def alt_text(self):
        s, m = self.model.settings, self.model
        train, test = m.history["train"][-1], m.history["test"][-1]
        what = "regression" if s.regression else f"{s.n_classes}-class"
        return (
            f"The playground after {m.epoch} epochs on the {what} data set '{s.dataset}': "
            f"settings on the left, the network {m.net.sizes} with each neuron's heatmap in the "
            f"middle, the output over the plane with the training points on the right, and the "
            f"loss curve under it (training loss {train:.3f}, test loss {test:.3f})."
        )

    def warn(self, text):
        """Show ``text`` in the message line, in the warning colour."""
        self.pictures.message.value = f"<b style='{WARN}'>{html.escape(text)}</b>"

    # ---------------------------------------------------------------------------- drawing
    def redraw(self, network=True):
        """Send the state to the pictures (``Painter.draw``)."""
        self.painter.draw(network)

    @property
    def frames(self):
        """How many frames were drawn."""
        return self.painter.frames

    def refresh(self, change=None):
        """Redraw (``CourseWidget``'s contract: the controls always hold the settings)."""
        self.redraw()

    # ---------------------------------------------------------------------------- playing
    def train_chunks(self, epochs):
        """Train ``epochs`` epochs in about 60 chunks (the loss curve gets points on the way)."""
        chunk = max(1, epochs // 60)
        while self.model.epoch < epochs and self.model.train(min(chunk, epochs - self.model.epoch)):
            pass

    def tick(self):
        """One frame while playing: train for about a third of a frame, then redraw (the rest
        of the frame draws and leaves the kernel free for clicks)."""
        budget = 0.3 * self.frame_ms / 1000
        epochs = int(min(max(budget / max(self.epoch_seconds, 1e-5), 1), 50))
        self.train_and_draw(epochs)

    def train_and_draw(self, epochs):
        start = time.perf_counter()
        ok = self.model.train(epochs)
        seconds = (time.perf_counter() - start) / epochs
        self.epoch_seconds = 0.7 * self.epoch_seconds + 0.3 * seconds
        self.redraw()
        if not ok:
            self.clock.stop()

    def show_playing(self, on=False):
        play = self.buttons.play
        play.description = "Pause" if on else "Play"
        play.icon = "pause" if on else "play"
        play.button_style = "warning" if on else "success"

    def set_playing(self, on):
        if on and not self.model.diverged:
            self.clock.start()
            self.show_playing(self.clock.running)
        else:
            self.clock.stop()
            self.show_playing(False)

    def on_play(self, _=None):
        self.set_playing(not self.clock.running)

    def on_step(self, _=None):
        self.set_playing(False)
        self.train_and_draw(1)

    def on_reset(self, _=None):
        self.model.reset()
        self.pictures.message.value = ""
        self.redraw()

    def on_regenerate(self, _=None):
        s = self.model.settings
        self.apply(s.changed("data_seed", s.data_seed + 1))

    def on_error(self, error):
        self.pictures.message.value = f"<b>Training stopped:</b> {html.escape(repr(error))}"

    # ---------------------------------------------------------------------------- settings
    def on_setting(self, change):
        """A settings control changed: the one setting it carries changes (a bad entry, such
        as hidden layers "3, x", is shown in the message line and changes nothing)."""
        name = self.setting_of[change["owner"].model_id]
        s = self.model.settings
        try:
            settings = s.changed(name, control_value(name, change["new"]))
            if name == "dataset" and settings.dataset in MULTI_CLASS_SETS:  # the slider's
                classes = self.settings_controls["n_classes"].value  # number of classes
                settings = settings.changed("n_classes", classes)
        except (ValueError, TypeError) as error:
            self.warn(str(error))
            return
        self.apply(settings)

    def on_feature(self, change):
        """A feature box ticked or cleared: that feature joins or leaves the inputs (in the
        boxes' order). Clearing the last one is refused: the box is ticked again."""
        box = change["owner"]
        feature, features = self.feature_of[box.model_id], self.model.settings.features
        chosen = set(features) | {feature} if change["new"] else set(features) - {feature}
        try:
            settings = self.model.settings.changed(
                "features", tuple(f for f in FEATURES if f in chosen)
            )
        except ValueError as error:
            with unobserved(box, self.handlers["on_feature"]):
                box.value = feature in features
            self.warn(str(error))
            return
        self.apply(settings)

    def apply(self, settings):
        """Switch the model to ``settings``; a new network gets a new picture layout."""
        self.pictures.message.value = ""
        if self.model.apply(settings) == "live":
            self.redraw(network=False)
            return
        self.painter.new_network()
        self.links.forget()
        self.enable()
        self.redraw()

    def enable(self):
        """Grey out what the data set fixes: the classes (2 but for gauss and spiral) and the
        loss (regression always trains with the quadratic loss, and the menu says so; the
        student's choice stays in the settings and shows again on classification data)."""
        s, c = self.model.settings, self.settings_controls
        c["n_classes"].disabled = s.dataset not in MULTI_CLASS_SETS
        c["loss"].disabled = s.dataset in REGRESSION_SETS
        with unobserved(c["loss"], self.handlers["on_setting"]):
            c["loss"].value = "mse" if c["loss"].disabled else s.loss


def playground(
    dataset="circle",
    n_classes=2,
    noise=0,
    train_ratio=50,
    features=("x1", "x2"),
    hidden=(4, 2),
    activation="tanh",
    learning_rate=0.03,
    batch_size=10,
    regularization=None,
    regularization_rate=0.0,
    loss="cross_entropy",
    seed=0,
    data_seed=0,
    show_test=False,
    discretize=False,
    n_samples=400,
    epochs=0,
    frame_ms=30,
):
    """The course's Neural Network Playground: the TensorFlow Playground on ``helpers.Network``.

    Data: circle, xor, gauss, spiral (gauss and spiral also with 3 or 4 classes: softmax output
    and cross-entropy) and the regression sets plane and multi_gauss (linear output, quadratic
    loss); noise 0–50 %; training share 10–90 %; Regenerate draws new points. Inputs: any of
    x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. Network: 0–6 hidden layers of 1–8 neurons (``hidden``
    as a tuple, one number, or text such as "4, 2"), activation relu/tanh/sigmoid/linear,
    cross-entropy or quadratic loss, a seed. Training: any learning rate η > 0 (the menu goes
    from 0.00001 to 10; another value is added to it), batch size 1–30 (the slider's range:
    another whole number starts at its nearest end, with a note), L1/L2 regularisation with
    any rate ≥ 0 (added to its menu too). Play/Pause, Step (one epoch), Reset; the network
    with every neuron's heatmap (hover or click: shown large in the output's place), links whose
    weight shows and can be edited when clicked, the output with the data, the loss curve with
    a "why did it fail" line, and the one line of Python that recreates the configuration.
    ``epochs`` trains that many epochs before showing; ``frame_ms`` is the time between frames
    while playing. A bad argument gets a ``ValueError``/``TypeError`` naming it.
    """
    batch_size = clip_to_slider(batch_size, "batch_size", *BATCH_SIZES)
    seed = clip_to_slider(seed, "seed", *SEEDS)
    settings = PlaygroundSettings.from_arguments(
        dataset=dataset,
        n_classes=n_classes,
        noise=noise,
        train_ratio=train_ratio,
        features=features,
        hidden=hidden,
        activation=activation,
        learning_rate=learning_rate,
        batch_size=batch_size,
        regularization=regularization,
        regularization_rate=regularization_rate,
        loss=loss,
        seed=seed,
        data_seed=data_seed,
        show_test=show_test,
        discretize=discretize,
        n_samples=n_samples,
    )
    check_scalar(epochs, "epochs", "int", low=0, high=100_000)
    check_scalar(frame_ms, "frame_ms", "int", low=10, high=5000)
    return PlaygroundWidget(settings, epochs, frame_ms)
