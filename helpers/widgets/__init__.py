"""Interactive widgets for the notebooks: five small explorers and the playground.

    from helpers.widgets import perceptron_explorer
    perceptron_explorer()

Every widget function returns a ``CourseWidget``. Shown as a cell's value it carries the live
widget (for JupyterLab, Jupyter Notebook and Colab) *and* a PNG of its default state with a short
text, so that a page without a live kernel (GitHub, nbval, a printout) still shows a meaningful
figure. Figures are plain matplotlib PNGs/JPEGs pushed into an ``Image`` widget: no ipympl.

One module per widget (``perceptron``, ``activation``, ``learning_rate``, ``batch_size``,
``digit_pad``, ``playground``) on a shared base (``_base``: the live figure, the course widget,
the control factories and the clock). Each widget is split into a plain *state* function
(controls → numbers, unit-tested) and a *figure* class that draws a state once and afterwards
only updates its artists, so that a slider move costs one re-render, not a new figure.
"""

from ._base import WIDGET_MIME, Clock, CourseWidget, LiveFigure, course_style
from .activation import ActivationFigure, activation_explorer, activation_state
from .batch_size import (
    BatchSizeFigure,
    batch_problem,
    batch_size_explorer,
    batch_size_state,
    train_loss_curve,
)
from .digit_pad import (
    DigitPadFigure,
    default_digit_network,
    digit_pad,
    digit_pad_state,
    example_digits,
)
from .learning_rate import (
    LearningRateFigure,
    gradient_descent_path,
    learning_rate_explorer,
    learning_rate_state,
    sigmoid_neuron_problem,
)
from .perceptron import PerceptronFigure, perceptron_explorer, perceptron_state
from .playground import playground

__all__ = [
    "WIDGET_MIME",
    "ActivationFigure",
    "BatchSizeFigure",
    "Clock",
    "CourseWidget",
    "DigitPadFigure",
    "LearningRateFigure",
    "LiveFigure",
    "PerceptronFigure",
    "activation_explorer",
    "activation_state",
    "batch_problem",
    "batch_size_explorer",
    "batch_size_state",
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
