"""tools/course.py imported as a module (tools/ is not a package), for the tests that use it."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_course():
    """Import tools/course.py once and return the module."""
    if "course_tool_module" in sys.modules:
        return sys.modules["course_tool_module"]
    spec = importlib.util.spec_from_file_location(
        "course_tool_module", ROOT / "tools" / "course.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


course = load_course()
