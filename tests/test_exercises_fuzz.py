"""Every exercise checker, fed garbage of every kind: it never raises, never passes, and answers
within a few seconds; and its reference solution (tests/exercise_solutions.py) passes.

"Never raises" means the checker's own code handles the garbage: a crash that ``never_raise``
caught (``Feedback.checker_error``) fails the test too, though the student would see feedback.

The checkers are found by themselves (every ``check_*`` function defined in a module of
``helpers.exercises``), so a new checker is covered without a new test.
"""

import importlib
import inspect
import math
import pkgutil
import time

import numpy as np
import pytest
from exercise_solutions import SOLUTIONS

import helpers.exercises
from helpers.exercises import Feedback

SECONDS = 5.0  # "under a few seconds each"


def find_checkers():
    found = {}
    for info in pkgutil.iter_modules(helpers.exercises.__path__):
        module = importlib.import_module(f"helpers.exercises.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("check_") and callable(obj):
                if getattr(obj, "__module__", None) == module.__name__:
                    found[f"{info.name}.{name}"] = obj
    return found


CHECKERS = find_checkers()


class Weird:
    """An object no checker has heard of."""

    def __repr__(self):
        return "Weird()"


def raises(*args, **kwargs):
    raise RuntimeError("the student's function failed")


def returns(value):
    def student(*args, **kwargs):
        return value

    student.__name__ = f"returns_{type(value).__name__}"
    return student


def prints(*args, **kwargs):
    print("the answer is 42")


#: One case per kind of garbage (each takes its own path through the checkers' readers).
GARBAGE = {
    "Ellipsis": ...,  # the placeholder (None takes the same path)
    "word": "Dunno",  # a string that is not a number
    "string nan": "nan",  # a string that parses as a float, but not a finite one
    "nan": math.nan,  # a float that is not finite (inf takes the same path)
    "huge int": 10**400,  # too large for a float
    "True": True,  # a bool is not a number
    "empty list": [],
    "ragged": [[1, 2], [3]],
    "wrong shape": np.zeros((7, 7)),
    "complex": 1 + 2j,
    "dict": {"a": 1, 3: [2]},
    "object": Weird(),
    "function raises": raises,
    "function prints": prints,  # returns None
    "function returns string": returns("abc"),
    "function returns nan": returns(math.nan),
    "function returns ragged": returns([1, [2, 3]]),
}


def required_positional(checker):
    params = inspect.signature(checker).parameters.values()
    return [
        p
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]


def call_timed(checker, args, kwargs):
    start = time.perf_counter()
    feedback = checker(*args, **kwargs)  # must not raise: an exception fails the test
    seconds = time.perf_counter() - start
    crash = getattr(feedback, "checker_error", None)  # never_raise caught a bug in the checker
    assert crash is None, f"{checker.__name__} crashed: {type(crash).__name__}: {crash}"
    return feedback, seconds


def test_every_checker_has_a_reference_solution():
    missing = sorted(set(CHECKERS) - set(SOLUTIONS))
    stale = sorted(set(SOLUTIONS) - set(CHECKERS))
    assert not missing, f"add these checkers to tests/exercise_solutions.py: {missing}"
    assert not stale, f"these entries of tests/exercise_solutions.py name no checker: {stale}"


@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_reference_solution_passes(name):
    args, kwargs = SOLUTIONS[name]
    feedback, _ = call_timed(CHECKERS[name], args, kwargs)
    assert isinstance(feedback, Feedback)
    assert feedback.passed, repr(feedback)


@pytest.mark.parametrize("garbage", list(GARBAGE), ids=list(GARBAGE))
@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_garbage_everywhere_gets_feedback(name, garbage):
    """Every answer of the exercise replaced by the same garbage."""
    checker = CHECKERS[name]
    value = GARBAGE[garbage]
    args = [value] * len(required_positional(checker))
    feedback, seconds = call_timed(checker, args, {})
    assert isinstance(feedback, Feedback), f"{name} returned {feedback!r}"
    assert not feedback.passed, f"{name} praised garbage {garbage}: {feedback!r}"
    assert feedback.messages or feedback.hint, f"{name} says nothing about {garbage}"
    assert seconds < SECONDS, f"{name} took {seconds:.1f} s on {garbage}"


@pytest.mark.parametrize("garbage", list(GARBAGE), ids=list(GARBAGE))
@pytest.mark.parametrize("name", sorted(n for n in CHECKERS if n in SOLUTIONS))
def test_garbage_in_one_answer_gets_feedback(name, garbage):
    """The reference solution with one of its answers replaced by garbage."""
    checker = CHECKERS[name]
    args, kwargs = SOLUTIONS[name]
    for position in range(len(args)):
        broken = list(args)
        broken[position] = GARBAGE[garbage]
        feedback, seconds = call_timed(checker, broken, kwargs)
        assert isinstance(feedback, Feedback), f"{name} returned {feedback!r}"
        assert not feedback.passed, (
            f"{name} praised garbage {garbage} as answer {position + 1}: {feedback!r}"
        )
        assert seconds < SECONDS, f"{name} took {seconds:.1f} s on {garbage}"


def test_printing_instead_of_returning_is_named():
    """A student function that prints instead of returning is told so."""
    for name, checker in CHECKERS.items():
        params = required_positional(checker)
        if len(params) != 1:
            continue
        args, _ = SOLUTIONS.get(name, ((None,), {}))
        if not callable(args[0]):
            continue  # this exercise does not ask for a function
        feedback = checker(prints)
        assert "did you print instead of return" in repr(feedback), f"{name}: {feedback!r}"
