"""The playground's widget: ``playground()`` and its ``Playground`` class (``widget``), with
its controls and layout (``controls``), around the widget-free ``helpers.playground``."""

from .widget import Playground, playground

__all__ = ["Playground", "playground"]
