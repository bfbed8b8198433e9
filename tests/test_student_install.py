"""The README carries a student from a Mac, a Windows laptop or Linux to a running notebook and
back next week (issue 21): its commands are the documented ones and work in each shell."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "tools"))
import check_python  # noqa: E402

PYENV = Path.home() / ".pyenv" / "versions"


def block(name):
    """The fenced code between <!-- name --> and <!-- /name --> in the README, as lines."""
    match = re.search(rf"<!-- {name} -->\n```\w*\n(.*?)```\n<!-- /{name} -->", README, re.S)
    assert match, f"README has no <!-- {name} --> block"
    return [line.split("#")[0].strip() for line in match.group(1).splitlines()]


def test_unix_install_checks_python_first_then_venv_install_and_start():
    assert block("install-unix") == [
        "python3 tools/check_python.py",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        "pip install -r requirements.txt",
        "jupyter lab notebooks/",
    ]


def test_windows_install_works_in_powershell_5():
    """No `&&` (PowerShell 5.1 has none), no `source`, and the execution policy for this window
    only, else Windows refuses to run Activate.ps1."""
    lines = block("install-windows")
    assert lines == [
        r"py tools\check_python.py",
        "py -m venv .venv",
        "Set-ExecutionPolicy -Scope Process Bypass",
        r".venv\Scripts\Activate.ps1",
        "pip install -r requirements.txt",
        "jupyter lab notebooks\\",
    ]
    assert not any("&&" in line or line.startswith("source") for line in lines)


def test_the_files_the_commands_name_exist():
    assert (ROOT / "tools" / "check_python.py").is_file()
    assert (ROOT / "requirements.txt").is_file() and (ROOT / "notebooks").is_dir()


def test_next_time_activates_again_and_says_why():
    assert block("next-time") == ["source .venv/bin/activate", "jupyter lab notebooks/"]
    assert "jupyter: command not found" in README


def test_first_run_facts_are_there():
    assert "jupyter lab --allow-root notebooks/" in README
    assert "cp -r notebooks my-notebooks" in README and "git restore notebooks" in README
    assert "my-notebooks/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "macOS's\n  own `python3` is 3.9" in README


def test_the_check_agrees_with_the_supported_pythons():
    from test_packaging import SUPPORTED

    assert f"{check_python.OLDEST[0]}.{check_python.OLDEST[1]}" == SUPPORTED[0]
    assert f"{check_python.NEWEST[0]}.{check_python.NEWEST[1]}" == SUPPORTED[-1]


@pytest.mark.parametrize(
    ("version", "platform", "ok", "says"),
    [
        ((3, 9, 6), "darwin", False, "Python 3.9.6 is too old: the course needs Python 3.10"),
        ((3, 9, 6), "darwin", False, "macOS's own python3 is 3.9"),
        ((3, 8, 10), "win32", False, "py -3.13"),
        ((3, 10, 0), "linux", True, "Python 3.10.0: fine"),
        ((3, 13, 1), "darwin", True, "Python 3.13.1: fine"),
        ((3, 14, 0), "linux", True, "newer than the course's tested"),
    ],
)
def test_check_python_verdicts(version, platform, ok, says):
    verdict = check_python.verdict(version, platform)
    assert verdict[0] is ok and says in verdict[1]


def run_check(python):
    return subprocess.run(
        [str(python), str(ROOT / "tools" / "check_python.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_this_python_passes_the_check():
    result = run_check(sys.executable)
    assert result.returncode == 0 and "fine for the course" in result.stdout


def test_a_python_3_9_fails_the_check_with_the_reason():
    """The real thing where pyenv has a 3.9 (as macOS's own python3)."""
    found = sorted(PYENV.glob("3.9.*/bin/python3"))
    if not found:
        pytest.skip("no Python 3.9 under ~/.pyenv/versions on this machine")
    result = run_check(found[-1])
    assert result.returncode == 1
    assert "is too old: the course needs Python 3.10 to 3.13" in result.stdout


def test_the_skip_reasons_the_readme_gives_are_the_tests_own():
    """The README explains the skipped tests: the site build (requirements-site.txt) and the
    slides' text; those are the reasons the tests give."""
    assert "need `pip install -r requirements-site.txt` first" in README
    site = (ROOT / "tests" / "test_site.py").read_text(encoding="utf-8")
    route = (ROOT / "tests" / "test_lecturer_route.py").read_text(encoding="utf-8")
    assert "pip install -r requirements-site.txt" in site
    assert "the slides' text is not beside this checkout" in route and "slides' text" in README
