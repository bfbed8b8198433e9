"""``helpers.exercises.is_close``, the one comparison every checker uses (it was called
``close``, which reads like an action; the old name is gone), and the readers behind it."""

import numpy as np

import helpers.exercises as E


def test_is_close_wants_the_same_shape_and_values_within_the_tolerance():
    assert E.is_close(0.1 + 0.2, 0.3)
    assert E.is_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]))
    assert not E.is_close([1.0, 2.0], [1.0, 2.001])
    assert not E.is_close([[1.0, 2.0]], [1.0, 2.0])  # a row is not a vector
    assert not E.is_close([1.0], 1.0)


def test_is_close_never_raises_on_what_a_student_may_return():
    for answer in [None, "0.3", {"a": 1}, [1, [2, 3]], float("nan"), True]:
        assert E.is_close(answer, 0.3) is False


def test_the_old_name_is_gone():
    assert not hasattr(E, "close")


def test_a_bool_is_not_a_number_for_any_checker():
    """``as_number``'s rule: True/False do not count (else True would pass where 1 is asked)."""
    for flag in (True, False, np.bool_(True), np.array(True)):
        assert E.as_number(flag) is None, flag
        assert E.as_array(flag) is None, flag
        assert not E.is_close(flag, 1.0)
    assert E.as_number(1) == 1.0 and E.as_number(np.int64(0)) == 0.0
