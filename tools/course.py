#!/usr/bin/env python
"""The course's own command: keep notebooks, badges, navigation and the README in step.

    python tools/course.py execute [NOTEBOOK ...]   regenerate headers/footers/setup cells,
                                                   then re-run notebooks in place
    python tools/course.py check                   exit 1 if anything generated is out of date
    python tools/course.py links [--from-git]      set the address and regenerate every link
    python tools/course.py readme                  regenerate the README's generated blocks
    python tools/course.py meta NOTEBOOK --title T --slides S --minutes M

The repository address lives in one place: ``[tool.course]`` in ``pyproject.toml``.
The work is done by the modules of ``tools/coursekit/`` (one job each).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coursekit.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
