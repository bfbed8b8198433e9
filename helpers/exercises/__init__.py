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
    ``checker_error`` is None, or the exception a checker raised and ``never_raise`` caught (a bug
    in the checker, which the fuzz test reports; the student sees only friendly feedback).
    """

    checker_error = None

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
    """Call a student's function; return (result, None), or (None, Feedback) if it fails.

    The feedback says what went wrong: not a function, the function raised (with the error),
    it still returns ``...``, or it returned None (usually a ``print`` where a ``return`` belongs).
    """
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
    if result is None:
        return None, Feedback(
            title,
            False,
            ["Your function returned None — did you print instead of return?"],
            "End the function with `return` followed by the value it computes.",
        )
    if unfinished(result):
        return None, not_yet_answered(title, "the body of the function (it still returns `...`)")
    return result, None


def as_number(value):
    """``value`` as a float if it is one finite real number, else None.

    One rule for every checker: an int, a float, a NumPy scalar or one-element array, or a string
    holding a number (" 0.5", "7", "23860", "−1") counts; ``True``/``False``, NaN, inf, numbers too
    large for a float (``10**400``), complex numbers, lists of several numbers and anything else
    do not.
    """
    if isinstance(value, str):
        try:  # a typographic minus (as the notebooks print it) counts as "-"
            value = float(value.strip().replace("−", "-"))
        except ValueError:
            return None
    array = as_array(value)
    if array is None or array.size != 1:
        return None
    return float(array.reshape(()))


def read_learning_rate(title, eta):
    """A learning rate answer as (η, None), or (None, Feedback) saying what is wrong with it:
    still ``...``, not one number, or not positive (then it does not go downhill)."""
    if unfinished(eta):
        return None, not_yet_answered(title, "a learning rate (a number)")
    number = as_number(eta)
    if number is None:
        return None, Feedback(title, False, [f"η should be one number, got {eta!r:.40}."])
    if number <= 0:
        message = f"η = {number:g} does not go downhill: η must be a positive number."
        return None, Feedback(title, False, [message])
    return number, None


def as_array(value, shape=None):
    """``value`` as a finite float array (of ``shape`` if given), else None.

    Ragged lists, strings, dicts, NaN, inf and numbers too large for a float give None, so a
    checker can answer "expected ... of shape ..." instead of raising.
    """
    if value is None or isinstance(value, (str, bytes, dict, bool, np.bool_)):
        return None
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value)
            if array.dtype.kind not in "iuf":
                return None
            array = array.astype(float)
    except (TypeError, ValueError, OverflowError):
        return None
    if shape is not None and array.shape != tuple(shape):
        return None
    if not np.isfinite(array).all():
        return None
    return array


def as_letter(value, choices="ABCD"):
    """The answer as one upper-case letter from ``choices``, or None.

    One whole letter, in any case, with surrounding spaces ignored: "b", " B " give "B";
    "Dunno", "All of them", "AB" and non-strings give None (the checker then says "answer with
    one letter").
    """
    if not isinstance(value, str):
        return None
    letter = value.strip().upper()
    if len(letter) == 1 and letter in choices.upper():
        return letter
    return None


def letter_feedback(title, choices="ABCD"):
    """The feedback for an answer that is not one of the letters ``choices``."""
    listed = ", ".join(f'"{c}"' for c in choices.upper())
    return Feedback(title, False, [f"Answer with one letter: {listed}."])


def matches_shown(answer, expected, decimals):
    """True if the number ``answer`` equals ``expected`` to the precision the exercise shows.

    With ``decimals=2``, 0.66 and 0.659 both match 0.6590 (|answer − expected| ≤ 0.005); 0.65
    does not. ``answer`` goes through ``as_number`` first (a string holding a number counts).
    """
    number = as_number(answer)
    if number is None:
        return False
    return abs(number - float(expected)) <= 0.5 * 10.0 ** (-decimals) * (1 + 1e-9) + 1e-12


def is_close(answer, expected, rtol=1e-6, atol=1e-9):
    """True if ``answer`` is a number/array of the same shape as ``expected`` and close to it."""
    answer = as_array(answer)
    if answer is None:
        return False
    expected = np.asarray(expected, dtype=float)
    return answer.shape == expected.shape and bool(np.allclose(answer, expected, rtol, atol))


def mark_numbers(answers, mark, names=None):
    """Sort the number answers ``answers`` ({key: answer}) into right and wrong lines.

    An answer still ``...``, or not one number, is wrong with a line saying so, calling it
    ``names[key]`` (default: the key). Any other is read as a number and judged by
    ``mark(key, value, answer)``, which returns (right, line, hint): whether it is right, the
    line to show, and a hint for a wrong one (or None).
    Returns (right lines, wrong lines, hints), for ``marked_feedback``.
    """
    right, wrong, hints = [], [], []
    for key, answer in answers.items():
        name = (names or {}).get(key, key)
        value = as_number(answer)
        if unfinished(answer):
            wrong.append(f"{name} is still `...`.")
        elif value is None:
            wrong.append(f"{name} should be one number, got {answer!r:.30}.")
        else:
            passed, line, hint = mark(key, value, answer)
            (right if passed else wrong).append(line)
            if not passed and hint:
                hints.append(hint)
    return right, wrong, hints


def marked_feedback(title, marks, hint, closing=()):
    """The feedback on answers sorted by ``mark_numbers`` (``marks``): while one is wrong, every
    line and the hints (each once), or ``hint`` when no slip was recognised; when all are right,
    the right lines followed by ``closing``."""
    right, wrong, hints = marks
    if wrong:
        return Feedback(title, False, right + wrong, " ".join(dict.fromkeys(hints)) or hint)
    return Feedback(title, True, right + list(closing))


def never_raise(title):
    """Decorator for a checker: an answer nobody foresaw gives feedback instead of an exception.

    The last line of defence behind every checker's own tests, so that "Run All" never stops at
    an exercise. What it catches is a bug in the checker: the feedback it returns carries the
    exception as ``checker_error``, and tests/test_exercises_fuzz.py fails on it.
    """

    def decorate(checker):
        @functools.wraps(checker)
        def wrapper(*args, **kwargs):
            try:
                return checker(*args, **kwargs)
            except Exception as error:  # a checker must never raise
                feedback = Feedback(
                    title,
                    False,
                    [f"The checker could not read your answer ({type(error).__name__}: {error})."],
                    "Compare the form of your answer with what the exercise asks for.",
                )
                feedback.checker_error = error  # marked, so that tests can tell a crash
                return feedback

        return wrapper

    return decorate
