"""Where the widgets' argument checks used to live: they are now in ``helpers._validation``
(one validator for the course, one rule per argument). These three names remain only until
every widget module imports from there (then this module goes):

    in_range(v, name, lo, hi, integer=False)  ->  clip_to_slider(v, name, lo, hi, "int"/"real")
    pair(v, name, increasing=False)           ->  check_pair(v, name, increasing)
    seed(v, name="seed")                      ->  check_argument(v, name, "seed")
"""

from .._validation import check_argument, check_pair, clip_to_slider


def in_range(value, name, lo, hi, integer=False):
    return clip_to_slider(value, name, lo, hi, "int" if integer else "real")


def pair(value, name, increasing=False):
    return check_pair(value, name, increasing)


def seed(value, name="seed"):
    return check_argument(value, name, "seed")
