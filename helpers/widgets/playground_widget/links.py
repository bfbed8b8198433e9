"""What the student points at in the network picture: a link (its weight shows and can be
edited), a clicked neuron (pinned: shown large in the output's place) and the neuron under the
mouse (shown large while hovered).

A click in the picture types "w l k j …" (a link) or "n l j …" (a neuron) into the hidden
``bridge`` Text, the mouse over a neuron "h l j …" and leaving it "h - …" (see
``helpers.playground.svg``); the link menu is the keyboard's way to the same links.
"""

import contextlib

from ...playground import FEATURES
from .controls import LINK_HINT

# The weight box's range: a typed weight outside it is refused with a message.
MAX_WEIGHT = 1e3


def handlers(owner, *names):
    """The callables the controls are given for ``owner``'s methods ``names``, made once and
    kept (``unobserved`` needs the very callable a control was given): each method itself.
    (Issue 21 wraps them so that the controls do not keep the playground alive, as
    ``weak(method)``: a change here only.)"""
    return {name: getattr(owner, name) for name in names}


@contextlib.contextmanager
def unobserved(control, handler):
    """Set ``control``'s traits from the kernel without calling ``handler``: ipywidgets' own
    ``unobserve``, the changes sent together (``hold_trait_notifications``), then ``observe``
    again. (A student's change still calls ``handler``.)"""
    control.unobserve(handler, names="value")
    try:
        with control.hold_trait_notifications():
            yield control
    finally:
        control.observe(handler, names="value")


class LinkEditor:
    """The selected link ``(l, k, j)`` (w^l_{kj}), the ``pinned`` and the ``hovered`` neuron
    ``(l, j)`` of the ``PlaygroundModel`` ``model``, and the link editor's widgets
    (``LinkControls``). ``redraw(network)`` draws again (``network=False``: only the overlay
    and the output changed); ``warn(text)`` shows a message."""

    def __init__(self, controls, model, redraw, warn):
        self.controls, self.model = controls, model
        self.redraw, self.warn = redraw, warn
        self.selected = self.pinned = self.hovered = None
        self.handlers = handlers(self, "on_pick", "on_menu", "on_weight")
        controls.bridge.observe(self.handlers["on_pick"], names="value")
        controls.menu.observe(self.handlers["on_menu"], names="value")
        controls.weight.observe(self.handlers["on_weight"], names="value")
        self.show()

    def forget(self):
        """A new network: nothing selected, pinned or hovered; the menu lists its links."""
        self.selected = self.pinned = self.hovered = None
        self.show()

    @property
    def shown_neuron(self):
        """The neuron whose picture the output panel shows: hovered, else pinned, else None."""
        return self.hovered or self.pinned

    def neuron_name(self, l, j):
        if l == 0:
            return f"input {FEATURES[self.model.settings.features[j]][0]}"
        last = l == len(self.model.net.sizes) - 1
        return "the output" if last else f"neuron {j + 1} of layer {l}"

    def options(self):
        """The link menu's entries: every link of the network, named as in the editor."""
        sizes = self.model.net.sizes
        return [("choose a link", "none")] + [
            (
                f"w{l} {k + 1}→{j + 1}: {self.neuron_name(l - 1, k)} → {self.neuron_name(l, j)}",
                (l, k, j),
            )
            for l in range(1, len(sizes))
            for k in range(sizes[l - 1])
            for j in range(sizes[l])
        ]

    # ---------------------------------------------------------------------------- the student
    def on_pick(self, change):
        """A click or the mouse in the network picture (see the module's docstring)."""
        parts = str(change["new"]).split()
        kind = parts[0] if parts else ""
        numbers = [int(p) for p in parts[1:-1] if p.isdigit()]
        sizes = self.model.net.sizes
        if kind == "h":
            l, j = numbers if len(numbers) == 2 else (-1, -1)
            self.hovered = (l, j) if 0 <= l < len(sizes) and 0 <= j < sizes[l] else None
        elif kind == "w" and len(numbers) == 3:
            l, k, j = numbers
            if 1 <= l < len(sizes) and k < sizes[l - 1] and j < sizes[l]:
                self.selected = (l, k, j)
                self.show()
                self.redraw(network=False)  # only the overlay and the editor change
                return
        elif kind == "n" and len(numbers) == 2:
            l, j = numbers
            if 0 <= l < len(sizes) and 0 <= j < sizes[l]:
                self.pinned = None if self.pinned == (l, j) else (l, j)
        self.redraw(network=True)

    def on_menu(self, change):
        """A link chosen with the keyboard (the menu): as if it had been clicked."""
        self.selected = None if change["new"] == "none" else change["new"]
        self.show()
        self.redraw(network=False)

    def on_weight(self, change):
        """The student typed a weight: set it and show the new output at once."""
        value = change["new"]
        if self.selected is None:
            return
        if value is None or not abs(value) < MAX_WEIGHT:
            self.warn(f"weight: type a number between −{MAX_WEIGHT:g} and {MAX_WEIGHT:g}")
            return
        self.model.set_weight(*self.selected, value)
        self.redraw(network=True)

    # ---------------------------------------------------------------------------- the kernel
    def show(self):
        """Show the selected link's weight in the editor (or the hint when none is), and keep
        the link menu in step (its entries change with the network)."""
        c = self.controls
        with unobserved(c.menu, self.handlers["on_menu"]):
            options = self.options()
            if list(c.menu.options) != options:
                c.menu.options = options
            c.menu.value = self.selected or "none"
        # the weight box only while a link is chosen (no stale number, nothing to type in)
        c.weight.disabled = self.selected is None
        c.weight.layout.visibility = "hidden" if self.selected is None else "visible"
        if self.selected is None:
            c.label.value = LINK_HINT
            return
        l, k, j = self.selected
        with unobserved(c.weight, self.handlers["on_weight"]):
            c.weight.value = round(float(self.model.net.weights[l - 1][k, j]), 4)
        c.label.value = (
            f"w<sup>{l}</sup><sub>{k + 1}{j + 1}</sub>: from {self.neuron_name(l - 1, k)} "
            f"to {self.neuron_name(l, j)}"
        )
