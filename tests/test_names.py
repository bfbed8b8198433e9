"""Names say what they are (issue 18): no function or class of ``helpers`` hides a module of
the same name, so ``import helpers.x`` always gives the module x."""

import importlib
import inspect
import pkgutil

import pytest

import helpers

pytest.importorskip("ipywidgets")  # helpers.widgets is walked too


def _modules(package):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        yield info.name


# helpers.widgets.digit_pad is the function digit_pad, hiding the module digit_pad.py (owned by
# the widgets' branch, asked to rename the module in /work/coord/requests-for-h21-widgets.md):
# strict, so that this mark must go when the rename lands.
HIDDEN = {"helpers.widgets.digit_pad"}
NAMES = [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="a function hides it"))
    if n in HIDDEN
    else n
    for n in _modules(helpers)
]


@pytest.mark.parametrize("name", NAMES)
def test_no_name_hides_a_module(name):
    module = importlib.import_module(name)
    parent, _, attribute = name.rpartition(".")
    seen = getattr(importlib.import_module(parent), attribute)
    assert inspect.ismodule(seen) and seen is module, (
        f"{parent}.{attribute} is {seen!r}, not the module {name}: a name exported by {parent} "
        "hides it"
    )


def test_the_student_facing_names_stay():
    from helpers.widgets import PlaygroundWidget, playground

    assert callable(helpers.perceptron) and helpers.perceptron([4, 1], [-1, 2], 1) == 0
    assert inspect.isfunction(playground) and inspect.isclass(PlaygroundWidget)
