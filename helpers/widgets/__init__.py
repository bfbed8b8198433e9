"""Interactive widgets for the notebooks: five small explorers and the playground.

    from helpers.widgets import perceptron_explorer
    perceptron_explorer()

Every widget function returns a ``CourseWidget``. Shown as a cell's value it carries the live
widget (for JupyterLab, Jupyter Notebook and Colab) *and* a PNG of its default state with a short
text, so that a page without a live kernel (GitHub, nbval, a printout, a notebook reopened next
week, which also says "run this cell to play with it") still shows a meaningful figure
(``_still``). Figures are plain matplotlib PNGs/JPEGs pushed into an ``Image`` widget: no ipympl.

One module per widget (``perceptron``, ``activation``, ``learning_rate``, ``batch_size``,
``digit_pad_widget``, ``bumps``, the package ``playground_widget``) on a shared base
(``_base``: the live figure, the course widget and the explorer, the control factories;
``_clock``: the clock and the lifetime tools; ``_still``: what a widget displays; the
arguments are checked by ``helpers.validation``, one rule per argument). Each widget is a
class whose state lives on ``self`` and whose callbacks are methods; its public function
checks the arguments, builds the class and returns it. A widget's numbers come from a plain
*state* function (controls → numbers, unit-tested) and its picture from a *figure* class that
draws a state once and afterwards only updates its artists, so that a slider move costs one
re-render, not a new figure.

Keyboard: every control is a standard ipywidgets control. Tab reaches it; a focused slider
handle moves with the arrow keys, Page Up/Down (bigger steps) and Home/End, and its readout
takes a typed value (Enter); Space or Enter presses a focused button (the digit pad's cells
too). In Notebook 7 the arrow keys do not reach a slider: Notebook 7 handles shortcuts before
the page does (JupyterLab after it), and its command-mode bindings of the arrow keys
(``notebook:move-cursor-heading-below-or-expand`` and friends, selector ``.jp-Notebook
.jp-mod-commandMode:not(.jp-mod-readWrite) :focus``) match any focused element in an output
that is not a text field; Page Up/Down, Home/End and the readout work there too.

Lifetime (``CourseWidget``): a widget whose cell (or, without a cell id, whose code) runs again
is closed and lets go of its figure, controls and caches; one nobody holds is collected and
closed; Play stops when its last view goes (the page's heartbeat stops) and on Kernel →
Interrupt; a widget that lost its kernel says to run its cell again.
"""

from ._base import WIDGET_MIME, Clock, CourseWidget, Explorer, LiveFigure, course_style
from .activation import (
    ActivationExplorer,
    ActivationFigure,
    activation_explorer,
    activation_state,
)
from .batch_size import (
    BatchSizeExplorer,
    BatchSizeFigure,
    LossCurves,
    batch_problem,
    batch_size_explorer,
    batch_size_state,
    train_loss_curve,
)
from .bumps import BumpExplorer, BumpFigure, bump_explorer, bump_network, bump_state
from .digit_pad_widget import (
    DigitPad,
    DigitPadFigure,
    default_digit_network,
    digit_pad,
    digit_pad_state,
    example_digits,
)
from .learning_rate import (
    LearningRateExplorer,
    LearningRateFigure,
    gradient_descent_path,
    learning_rate_explorer,
    learning_rate_state,
    sigmoid_neuron_problem,
)
from .perceptron import (
    PerceptronExplorer,
    PerceptronFigure,
    perceptron_explorer,
    perceptron_state,
)
from .playground_widget import PlaygroundWidget, playground

__all__ = [
    "PerceptronExplorer",
    "LearningRateExplorer",
    "Explorer",
    "DigitPad",
    "BatchSizeExplorer",
    "ActivationExplorer",
    "BumpExplorer",
    "WIDGET_MIME",
    "ActivationFigure",
    "BatchSizeFigure",
    "BumpFigure",
    "Clock",
    "CourseWidget",
    "DigitPadFigure",
    "LearningRateFigure",
    "LiveFigure",
    "LossCurves",
    "PerceptronFigure",
    "PlaygroundWidget",
    "activation_explorer",
    "activation_state",
    "batch_problem",
    "batch_size_explorer",
    "batch_size_state",
    "bump_explorer",
    "bump_network",
    "bump_state",
    "course_style",
    "default_digit_network",
    "digit_pad",
    "digit_pad_state",
    "example_digits",
    "gradient_descent_path",
    "learning_rate_explorer",
    "learning_rate_state",
    "perceptron_explorer",
    "perceptron_state",
    "playground",
    "sigmoid_neuron_problem",
    "train_loss_curve",
]
