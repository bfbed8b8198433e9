"""Every text file the project reads or writes is read and written as UTF-8 (issue 21).

Python's default text encoding is the locale's: cp1252 on a Windows laptop, where reading a
notebook or the README (with "η", "→", "≥") then fails or garbles. Ruff's PLW1514
(unspecified-encoding, a preview rule, enabled alone in pyproject.toml) catches ``open(...)``,
but not ``path.read_text()`` on a path it cannot see is a ``Path``, nor ``subprocess`` text
mode. This test walks the syntax tree of every Python file of the project for those calls.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("helpers", "tests", "tools", "site", "benchmarks", "jupyter-nodelay")
TEXT_METHODS = {"read_text", "write_text"}
SUBPROCESS = {"run", "check_output", "Popen", "check_call", "call"}


def python_files():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "node_modules" not in path.parts:
                yield path


def keywords(call):
    return {k.arg: k.value for k in call.keywords if k.arg}


def text_mode(call, mode_index):
    """True unless the call's mode (keyword or the positional at ``mode_index``) is binary."""
    mode = keywords(call).get("mode")
    if mode is None and len(call.args) > mode_index:
        mode = call.args[mode_index]
    if mode is None:
        return True
    return not (isinstance(mode, ast.Constant) and "b" in str(mode.value))


def path_open_in_text_mode(call):
    """``path.open()`` or ``path.open("w")``: a Path's text mode. Other ``.open`` methods take a
    file first (``Image.open(buffer)``, ``webbrowser.open(url)``) and are left alone."""
    if not call.args:
        return "mode" not in keywords(call) or text_mode(call, 0)
    first = call.args[0]
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and text_mode(call, 0)


def problem(call):
    """What is wrong with ``call`` (a text read/write without encoding=), or None."""
    func, kw = call.func, keywords(call)
    if "encoding" in kw:
        return None
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name in TEXT_METHODS:
        return f".{name}() without encoding="
    if name == "open" and isinstance(func, ast.Name) and text_mode(call, 1):
        return "open() in text mode without encoding="
    if name == "open" and isinstance(func, ast.Attribute) and path_open_in_text_mode(call):
        return ".open() in text mode without encoding="
    is_subprocess = (
        isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "subprocess"
    )
    if is_subprocess and name in SUBPROCESS:
        text = kw.get("text") or kw.get("universal_newlines")
        if isinstance(text, ast.Constant) and text.value:
            return f"subprocess.{name}(text=True) without encoding="
    return None


def problems():
    found = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (what := problem(node)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {what}")
    return found


def test_every_text_read_and_write_names_utf8():
    found = problems()
    assert not found, 'read/write text as UTF-8 (encoding="utf-8"):\n' + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("p.read_text()", True),
        ("p.write_text(s)", True),
        ("open(p)", True),
        ("open(p, 'w')", True),
        ("p.open()", True),
        ("subprocess.run(c, text=True)", True),
        ("p.read_text(encoding='utf-8')", False),
        ("open(p, 'rb')", False),
        ("p.open('rb')", False),
        ("p.open('w')", True),
        ("Image.open(buffer)", False),
        ("webbrowser.open(url)", False),
        ("subprocess.run(c, capture_output=True)", False),
        ("subprocess.run(c, text=True, encoding='utf-8')", False),
    ],
)
def test_the_check_tells_text_from_bytes(source, bad):
    call = ast.parse(source).body[0].value
    assert (problem(call) is not None) == bad
