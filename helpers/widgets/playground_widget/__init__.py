"""The playground's widget: ``playground()`` and its ``PlaygroundWidget`` class (``widget``),
its controls and layout (``controls``), its link editor (``links``) and what draws the state
into the pictures (``painter``), around the widget-free
``helpers.playground``. (A package of another name than the function ``playground``, which
``helpers.widgets`` exports: the function does not hide the package.)"""

from .widget import PlaygroundWidget, playground

__all__ = ["PlaygroundWidget", "playground"]
