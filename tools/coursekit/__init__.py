"""The course tool's modules, one job each (the command line is ``tools/course.py``).

========== ===============================================================================
module     job
========== ===============================================================================
address    where the course lives: ``[tool.course]`` in pyproject.toml, git remotes, URLs
notebooks  the notebook files: course order, reading/writing, metadata, normalisation
generate   the generated cells and README blocks: header, setup, footer, contents tables
check      what is out of date: stale generated text, bad metadata, foreign links
execute    re-running a notebook in place in a fresh kernel
cli        the command line: ``execute``, ``check``, ``links``, ``readme``, ``meta``
========== ===============================================================================
"""


class CourseError(Exception):
    """A problem the user must fix; the command line prints it without a traceback."""
