"""requirements.txt, requirements-dev.txt, environment.yml and pyproject.toml agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.markers import Marker

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)\s*(?:;\s*([^#]+))?")
SUPPORTED = ("3.10", "3.11", "3.12", "3.13")


def norm(name: str) -> str:
    """PEP 503 normalised package name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def applies(marker: str | None, python: str) -> bool:
    """Does a requirement's environment marker select it on Python ``python`` ("3.11")?"""
    if not marker:
        return True
    return Marker(marker.strip()).evaluate(
        {"python_version": python, "python_full_version": python + ".0"}
    )


def pins(lines, python: str = "3.11") -> dict[str, str]:
    """``name==version`` requirement lines that apply on ``python``, as {name: version}.

    Two lines for the same package on the same Python are an error (the markers overlap).
    """
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match and applies(match.group(3), python):
            name = norm(match.group(1))
            assert name not in found, f"{name} is pinned twice for Python {python}"
            found[name] = match.group(2)
    return found


def environment_python() -> str:
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    return re.search(r"-\s*python=(3\.\d+)", text).group(1)


def requirement_lines(name: str) -> list[str]:
    return (ROOT / name).read_text(encoding="utf-8").splitlines()


def environment_pip_lines() -> list[str]:
    """The entries of environment.yml's ``pip:`` section (a plain reader: no YAML needed)."""
    lines, inside, indent = [], False, 0
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if re.match(r"^\s*-\s*pip:\s*$", line):
            inside, indent = True, len(line) - len(line.lstrip())
            continue
        if inside:
            if not stripped or stripped.startswith("#"):
                continue
            if len(line) - len(line.lstrip()) <= indent:
                break
            lines.append(re.sub(r"^-\s*", "", stripped))
    return lines


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version)[:3])


def test_environment_yml_pins_equal_requirements_txt():
    python = environment_python()
    req = pins(requirement_lines("requirements.txt"), python)
    env = pins(environment_pip_lines(), python)
    assert req, "requirements.txt has no pins"
    assert env == req, f"environment.yml {env} != requirements.txt {req}"


def test_both_install_the_course_package():
    assert "-e ." in [x.strip() for x in requirement_lines("requirements.txt")]
    # Binder ignores requirements.txt when environment.yml exists and does not install the
    # package by itself: the pip section must.
    assert "-e ." in environment_pip_lines() or "." in environment_pip_lines()


def test_both_install_the_server_extension_not_editable():
    """jupyter-nodelay installs as a regular package: an editable install would leave out the
    JSON file that enables it (pip puts data files in the environment only for a wheel)."""
    assert "./jupyter-nodelay" in [x.strip() for x in requirement_lines("requirements.txt")]
    assert "./jupyter-nodelay" in environment_pip_lines()


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in requirement_lines(name):
            line = line.split("#")[0].strip()
            if not line or line.startswith(("-e ", "-r ", "./")):  # the course's own
                continue
            assert PIN.match(line), f"{name}: {line!r} is not pinned with =="


def test_dev_requirements_include_the_student_set():
    lines = [x.strip() for x in requirement_lines("requirements-dev.txt")]
    assert "-r requirements.txt" in lines
    dev = pins(lines)
    for tool in ("nbval", "pytest", "ruff", "hypothesis", "playwright"):
        assert tool in dev, f"requirements-dev.txt lacks {tool}"


def test_pyproject_lower_bounds_fit_colab_and_the_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = {}
    for dep in project["dependencies"]:
        match = re.match(r"^([A-Za-z0-9_.-]+)\s*>=\s*([\d.]+)$", dep)
        assert match, f"pyproject dependency {dep!r} should be a plain lower bound"
        bounds[norm(match.group(1))] = match.group(2)
    colab = {
        "numpy": "2.1.3",
        "matplotlib": "3.10.0",
        "scikit-learn": "1.6.1",
        "ipywidgets": "7.7.1",
        # imported by helpers, brought by the four above (Colab's versions, 2025)
        "pillow": "11.1.0",
        "ipython": "7.34.0",
        "traitlets": "5.7.1",
        "threadpoolctl": "3.5.0",
    }
    assert set(colab) <= set(bounds)
    for python in SUPPORTED:
        req = pins(requirement_lines("requirements.txt"), python)
        for name, low in bounds.items():
            assert version_tuple(low) <= version_tuple(colab[name]), f"{name}>={low} excludes Colab"
            if name not in req:  # not pinned: what the pinned packages bring
                continue
            assert version_tuple(low) <= version_tuple(req[name]), (
                f"{name}>={low} excludes the pin for Python {python}"
            )


@pytest.mark.parametrize("python", SUPPORTED)
def test_every_supported_python_gets_every_package(python):
    """Each package of requirements.txt is pinned exactly once for each supported Python."""
    lines = requirement_lines("requirements.txt")
    names = {norm(m.group(1)) for line in lines if (m := PIN.match(line.strip()))}
    assert set(pins(lines, python)) == names


def test_supported_pythons_are_stated():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.10"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.10 to 3.13" in readme


def test_repository_address_is_in_pyproject():
    course = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["course"]
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", course["repository"])
    assert course["branch"]


def test_every_package_helpers_imports_is_declared():
    """pyproject's dependencies name every third-party package that helpers imports."""
    import ast
    import sys

    distribution = {"PIL": "pillow", "sklearn": "scikit-learn", "IPython": "ipython"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {norm(re.match(r"[A-Za-z0-9_.-]+", d).group()) for d in project["dependencies"]}
    imported = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"helpers"}
    missing = {norm(distribution.get(name, name)) for name in third_party} - declared
    assert not missing, f"helpers imports {sorted(missing)}: add them to pyproject's dependencies"


@pytest.mark.parametrize("python", SUPPORTED)
def test_no_python_gets_an_ipykernel_that_hangs_a_reopened_notebook(python):
    """ipykernel 7.0 to 7.3 can miss a request after a reconnection (ipython/ipykernel#1554):
    Run All in a reopened notebook then stays at [*]. 7.4.0 fixed it (#1529), 6.x never had it
    (tests/browser/test_reopen.py reopens and runs all, on the oldest and newest Python)."""
    version = version_tuple(pins(requirement_lines("requirements.txt"), python)["ipykernel"])
    assert not (7, 0) <= version[:2] < (7, 4), f"ipykernel {version} on Python {python}"
