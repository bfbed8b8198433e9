"""Exercise checkers: instant, friendly feedback on a student's answer.

Every checker returns a ``Feedback``, which a notebook shows as a green (right) or amber (not yet)
box saying what is right, what is not, and a hint. Checkers never raise: an unfinished answer
(``...`` or ``None``) or code that crashes gets feedback too, so "Run All" never stops at an
exercise. One module per notebook (``helpers.exercises.perceptron``, ...) holds its checkers.
"""

import functools
import html

import numpy as np


class Feedback:
    """The verdict of a checker: ``passed`` (bool), a ``title`` and a list of ``messages``.

    ``bool(feedback)`` is ``passed``, so tests can write ``assert check_x(solution)``.
    """

    def __init__(self, title, passed, messages=(), hint=None):
        self.title = title
        self.passed = bool(passed)
        self.messages = list(messages)
        self.hint = None if passed else hint

    def __bool__(self):
        return self.passed

    def _lines(self):
        verdict = "✅ Well done!" if self.passed else "🟡 Not yet."
        lines = [f"{verdict} {self.title}"] + [f"  • {m}" for m in self.messages]
        if self.hint:
            lines.append(f"  Hint: {self.hint}")
        return lines

    def __repr__(self):
        return "\n".join(self._lines())

    def _repr_html_(self):
        colour, background = ("#009E73", "#e6f5ef") if self.passed else ("#E69F00", "#fdf3e1")
        verdict = "✅ Well done!" if self.passed else "🟡 Not yet."
        items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages)
        hint = f"<p><b>Hint:</b> {html.escape(self.hint)}</p>" if self.hint else ""
        return (
            f'<div style="border-left: 6px solid {colour}; background: {background}; '
            f'padding: 0.5em 1em; color: #222; font-size: 1.05em">'
            f"<b>{verdict}</b> {html.escape(self.title)}"
            f"{f'<ul>{items}</ul>' if items else ''}{hint}</div>"
        )


def unfinished(answer):
    """True if ``answer`` is still the placeholder (``...``, ``None`` or ``NotImplemented``)."""
    return answer is Ellipsis or answer is None or answer is NotImplemented


def not_yet_answered(title, what="your answer"):
    """The feedback for an exercise that has not been filled in yet."""
    return Feedback(
        title,
        False,
        [f"Replace the `...` with {what}, then run the cell again."],
    )


def call_safely(title, function, *args):
    """Call a student's function; return (result, None), or (None, Feedback) if it fails."""
    if not callable(function):
        return None, Feedback(
            title, False, [f"Expected a function, got {type(function).__name__}."]
        )
    try:
        with np.errstate(all="ignore"):
            result = function(*args)
    except Exception as error:  # a student's code may fail in any way: report it, never raise
        return None, Feedback(
            title, False, [f"Your function raised {type(error).__name__}: {error}"]
        )
    if unfinished(result):
        return None, not_yet_answered(title, "the body of the function (it still returns `...`)")
    return result, None


def as_number(value):
    """``value`` as a float if it is one finite real number (``True``/``False`` count as 1/0, as
    in Python), else None: "0.5", [1, 2] or nan are not numbers for a checker."""
    if isinstance(value, (str, bytes)) or value is None:
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.size != 1 or not np.isfinite(array).all():
        return None
    return float(array.reshape(()))


def close(answer, expected, rtol=1e-6, atol=1e-9):
    """True if ``answer`` is a number/array of the same shape as ``expected`` and close to it."""
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    return answer.shape == expected.shape and bool(np.allclose(answer, expected, rtol, atol))


def never_raise(title):
    """Decorator for a checker: an answer nobody foresaw gives feedback instead of an exception.

    The last line of defence behind every checker's own tests, so that "Run All" never stops at
    an exercise.
    """

    def decorate(checker):
        @functools.wraps(checker)
        def wrapper(*args, **kwargs):
            try:
                return checker(*args, **kwargs)
            except Exception as error:  # a checker must never raise
                return Feedback(
                    title,
                    False,
                    [f"The checker could not read your answer ({type(error).__name__}: {error})."],
                    "Compare the form of your answer with what the exercise asks for.",
                )

        return wrapper

    return decorate
