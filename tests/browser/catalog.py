"""Which notebooks the browser tests open, and what each one's JSON says it shows.

Read at collection time, so that tests can be parametrised by notebook name. The widget
checks look for `helpers.widgets`/ipywidgets calls and widget outputs; the playground and the
digit pad are recognised by their calls.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import selftest

REPO = Path(__file__).resolve().parents[2]
# BROWSER_TESTS_NOTEBOOKS: another folder of notebooks (to debug the harness on a few)
NOTEBOOKS = Path(os.environ.get("BROWSER_TESTS_NOTEBOOKS") or REPO / "notebooks")
ARTIFACTS = REPO / "test-artifacts" / "browser"
SELFTEST = selftest.NAME

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# a call that shows a live widget: the course's explorers, playground and digit pad, or
# ipywidgets' own interact/interactive_output/widgets.X(...)
WIDGET_SOURCE = re.compile(
    r"\b(\w+_explorer|playground|digit_pad|interact|interactive|interactive_output)\s*\("
    r"|\bwidgets\.[A-Z]\w*\s*\("
)
PLAYGROUND_CALL = re.compile(r"(?:^|[^\w.]|\bwidgets\.)playground\s*\(", re.MULTILINE)
DIGIT_PAD_CALL = re.compile(r"(?:^|[^\w.]|\bwidgets\.)digit_pad\s*\(", re.MULTILINE)
LEARNING_RATE_CALL = re.compile(r"learning_rate_explorer\s*\(|learning_rate_widget\s*\(")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_info(path: Path) -> dict:
    """Which live widgets a notebook's JSON says it shows."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # reported when the notebook fails to open, not here
        return {"widgets": False, "playground": False, "digit_pad": False, "figures": False}
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    widgets = False
    for cell in code:
        src = _source(cell)
        tags = cell.get("metadata", {}).get("tags", [])
        ignored = "nbval-ignore-output" in tags or "NBVAL_IGNORE_OUTPUT" in src
        if ignored and WIDGET_SOURCE.search(src):
            widgets = True
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}) or out.get("metadata", {}).get("course"):
                widgets = True
    sources = "\n".join(_source(c) for c in code)
    return {
        "widgets": widgets,
        "playground": bool(PLAYGROUND_CALL.search(sources)),
        "digit_pad": bool(DIGIT_PAD_CALL.search(sources)),
        "figures": any(
            "image/png" in out.get("data", {}) for c in code for out in c.get("outputs", [])
        ),
    }


PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
INFO = {p.name: notebook_info(p) for p in PATHS}
INFO[SELFTEST] = {"widgets": True, "playground": True, "digit_pad": True, "figures": True}
COURSE = [p.name for p in PATHS]
ALL = COURSE + [SELFTEST]


def short(name: str) -> str:
    """Test id of a notebook: its name without `.ipynb` (the self-test: harness-selftest)."""
    return "harness-selftest" if name == SELFTEST else name.removesuffix(".ipynb")


def with_key(key: str, selftest_too: bool = True) -> list[str]:
    """Course notebooks whose INFO[key] is true (then the self-test notebook)."""
    names = [n for n in COURSE if INFO[n][key]]
    return names + [SELFTEST] if selftest_too else names


def learning_rate_notebook() -> str | None:
    """The notebook that shows the learning-rate explorer (05 today)."""
    for path in PATHS:
        if LEARNING_RATE_CALL.search(path.read_text(encoding="utf-8")):
            return path.name
    return None
