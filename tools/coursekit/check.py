"""What is out of date: generated cells and README blocks, notebook metadata, foreign links.

``python tools/course.py check`` prints these problems and exits 1 if there is any.
"""

from __future__ import annotations

import re
from pathlib import Path

from .address import Address, read_address
from .generate import CONTENTS, FOOTER, HEADER, readme_blocks, refresh_readme, refreshed
from .notebooks import cell_text, has_tag, nb_text, notebook_paths, read_nb

# URL shapes that carry the course's address (owner/name and branch).
LINK_PATTERNS = {
    "Colab": re.compile(
        r"https://colab\.research\.google\.com/github/([\w.-]+)/([\w.-]+)/blob/([\w./-]+?)/"
        r"notebooks/(?=\d\d_\w+\.ipynb)"  # only links to course notebooks
    ),
    "Binder": re.compile(
        r"https://mybinder\.org/v2/gh/([\w.-]+)/([\w.-]+)/([\w.-]+)"
        r"(?=\?urlpath=lab/tree/notebooks/)"  # only links that open a course notebook
    ),
    "pip": re.compile(
        r"git\+https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?@([\w./-]+?)(?=[\"'\s]|$)"
    ),
}
FIX = "fix: run `python tools/course.py execute` (or `links` / `readme`)"


def link_problems(text: str, address: Address, where: str) -> list[str]:
    """Every Colab/Binder/pip URL in ``text`` that points somewhere other than ``address``."""
    problems = []
    for kind, regex in LINK_PATTERNS.items():
        for match in regex.finditer(text):
            repo, branch = f"{match.group(1)}/{match.group(2)}", match.group(3)
            if (repo, branch) != (address.repository, address.branch):
                problems.append(
                    f"{where}: {kind} link points at {repo}@{branch}, "
                    f"not {address.repository}@{address.branch}"
                )
    return problems


def all_link_problems(root: Path) -> list[str]:
    """Link problems across every notebook's cells and the README."""
    address = read_address(root)
    problems = []
    for path in notebook_paths(root):
        try:
            nb = read_nb(path)
        except Exception:
            continue  # reported by load_entries
        for i, cell in enumerate(nb.cells):
            problems += link_problems(cell_text(cell), address, f"{path.name} cell {i}")
    readme = root / "README.md"
    if readme.exists():
        problems += link_problems(readme.read_text(encoding="utf-8"), address, "README.md")
    return problems


def stale_parts(old, new) -> list[str]:
    """Name what differs between a notebook and its regenerated version."""

    def part(nb, marker=None, tag=None):
        for cell in nb.cells:
            if (marker and marker in cell_text(cell)) or (tag and has_tag(cell, tag)):
                return cell_text(cell)
        return None

    parts = [
        label
        for label, kwargs in (
            ("header", {"marker": HEADER[0]}),
            ("setup cell", {"tag": "setup"}),
            ("contents table", {"marker": CONTENTS[0]}),
            ("footer", {"marker": FOOTER[0]}),
        )
        if part(old, **kwargs) != part(new, **kwargs)
    ]
    if [c.get("id") for c in old.cells] != [c.get("id") for c in new.cells]:
        parts.append("cell order or ids")
    if old.metadata != new.metadata:
        parts.append("notebook metadata")
    return parts or ["JSON layout or output metadata"]


def stale_files(root: Path) -> tuple[list[str], list[str]]:
    """(files whose generated text is out of date, with what is stale; metadata problems)."""
    entries, pairs, problems = refreshed(root)
    stale = [
        f"{entry.path.relative_to(root).as_posix()} ({', '.join(stale_parts(old, new))})"
        for entry, old, new in pairs
        if nb_text(new) != entry.path.read_text(encoding="utf-8")
    ]
    if refresh_readme(root, entries, read_address(root), write=False):
        stale.append("README.md (contents table, badges, clone command or site address)")
    return stale, problems


def readme_marker_problems(root: Path) -> list[str]:
    """The README must hold every generated block's markers (or its text cannot be kept)."""
    readme = root / "README.md"
    if not readme.exists() or not notebook_paths(root):
        return []
    text = readme.read_text(encoding="utf-8")
    return [
        f"README.md: the markers {opening} … {closing} are missing"
        for opening, closing in readme_blocks([], read_address(root))
        if opening not in text or closing not in text
    ]


def check(root: Path) -> list[str]:
    """Everything out of date: stale generated cells/README, bad metadata, foreign links."""
    stale, problems = stale_files(root)
    problems += [f"out of date: {name}" for name in stale]
    if stale:
        problems.append(FIX)
    return problems + all_link_problems(root) + readme_marker_problems(root)
