"""Small helpers shared by the test modules."""

from helpers.exercises import Feedback


def text(feedback):
    """The feedback's text, after checking it is a ``Feedback`` whose HTML renders."""
    assert isinstance(feedback, Feedback), f"expected Feedback, got {type(feedback).__name__}"
    html = feedback._repr_html_()
    assert isinstance(html, str) and html
    return repr(feedback)


def not_passed(feedback):
    """True if ``feedback`` is a ``Feedback`` that does not pass."""
    return isinstance(feedback, Feedback) and not feedback.passed
