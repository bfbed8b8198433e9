#!/usr/bin/env python
"""The course's own command: keep notebooks, badges, navigation and the README in step.

    python tools/course.py execute [NOTEBOOK ...]   regenerate headers/footers/setup cells,
                                                   then re-run notebooks in place
    python tools/course.py check                   exit 1 if anything generated is out of date
    python tools/course.py links [--from-git]      rewrite every link from pyproject's address
    python tools/course.py readme                  regenerate the README's contents table
    python tools/course.py meta NOTEBOOK --title T --slides S --minutes M

The repository address lives in one place: ``[tool.course]`` in ``pyproject.toml``.
Every notebook carries ``metadata["course"] = {"title": str, "slides": str, "minutes": int}``.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
INDEX = "00_index.ipynb"
COURSE_NAME = "Introduction to Neural Networks"
NOTEBOOK_RE = re.compile(r"^(\d\d)_[A-Za-z0-9_]+\.ipynb$")

HEADER_OPEN, HEADER_CLOSE = "<!-- header -->", "<!-- /header -->"
FOOTER_OPEN, FOOTER_CLOSE = "<!-- footer -->", "<!-- /footer -->"
CONTENTS_OPEN, CONTENTS_CLOSE = "<!-- contents -->", "<!-- /contents -->"
BADGES_OPEN, BADGES_CLOSE = "<!-- badges -->", "<!-- /badges -->"
CLONE_OPEN, CLONE_CLOSE = "<!-- clone -->", "<!-- /clone -->"

HEADER_ID, SETUP_ID, FOOTER_ID = "course-header", "course-setup", "course-footer"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
COLAB_IMG = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_IMG = "https://mybinder.org/badge_logo.svg"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}

# URL shapes that carry the course's address (owner/name and branch).
COLAB_URL_RE = re.compile(
    r"https://colab\.research\.google\.com/github/([\w.-]+)/([\w.-]+)/blob/([\w./-]+?)/notebooks/"
    r"(?=\d\d_\w+\.ipynb)"  # only links to course notebooks, never to someone else's Colab
)
BINDER_URL_RE = re.compile(
    r"https://mybinder\.org/v2/gh/([\w.-]+)/([\w.-]+)/([\w.-]+)"
    r"(?=\?urlpath=lab/tree/notebooks/)"  # only links that open a course notebook
)
PIP_GIT_RE = re.compile(
    r"git\+https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?@([\w./-]+?)(?=[\"'\s]|$)"
)


class CourseError(Exception):
    """A problem the user must fix; printed without a traceback."""


@dataclass(frozen=True)
class Address:
    """Where the course lives on GitHub: ``owner/name`` and the branch the badges point at."""

    repository: str
    branch: str

    def colab(self, filename: str) -> str:
        """Open-in-Colab URL for ``notebooks/filename``."""
        return (
            f"https://colab.research.google.com/github/{self.repository}/blob/{self.branch}"
            f"/notebooks/{filename}"
        )

    def binder(self, filename: str | None = None) -> str:
        """Binder URL opening JupyterLab at ``notebooks/filename`` (or at the contents page)."""
        filename = filename or INDEX
        return (
            f"https://mybinder.org/v2/gh/{self.repository}/{self.branch}"
            f"?urlpath=lab/tree/notebooks/{filename}"
        )

    def github(self) -> str:
        """The repository's GitHub page."""
        return f"https://github.com/{self.repository}"

    def pip_url(self) -> str:
        """What the setup cell gives to ``pip install`` on Colab."""
        return f"git+https://github.com/{self.repository}@{self.branch}"


@dataclass
class Entry:
    """One notebook of the course, as the contents table and the navigation see it."""

    path: Path
    number: str
    title: str
    slides: str
    minutes: int

    @property
    def name(self) -> str:
        """The file name, e.g. ``01_perceptron.ipynb``."""
        return self.path.name

    @property
    def label(self) -> str:
        """``NN · Title`` as used in headings and navigation."""
        return f"{self.number} · {self.title}"


# --------------------------------------------------------------------------------------------
# pyproject and files


def read_address(root: Path = ROOT) -> Address:
    """Read ``[tool.course] repository`` and ``branch`` from ``root/pyproject.toml``."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib

        table = tomllib.loads(text).get("tool", {}).get("course", {})
    except ImportError:  # Python 3.10: a small, sufficient parser for this table
        match = re.search(r"^\[tool\.course\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
        body = match.group(1) if match else ""
        table = dict(re.findall(r'^(\w+)\s*=\s*"([^"]*)"', body, re.M))
    repository, branch = table.get("repository"), table.get("branch", "main")
    if not repository or not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        raise CourseError('pyproject.toml needs [tool.course] repository = "owner/name"')
    return Address(repository, branch)


def write_address(address: Address, root: Path = ROOT) -> bool:
    """Write the address into ``[tool.course]`` of pyproject.toml; return True if it changed."""
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^\[tool\.course\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if not match:
        raise CourseError("pyproject.toml has no [tool.course] table")
    body = match.group(1)
    for key, value in (("repository", address.repository), ("branch", address.branch)):
        line = f'{key} = "{value}"'
        if re.search(rf"^{key}\s*=.*$", body, re.M):
            body = re.sub(rf"^{key}\s*=.*$", line, body, count=1, flags=re.M)
        else:
            body = body.rstrip("\n") + f"\n{line}\n"
    new = text[: match.start(1)] + body + text[match.end(1) :]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def parse_remote(url: str) -> str:
    """``owner/name`` from a GitHub remote URL (https, ssh or scp-like ``git@github.com:o/n``)."""
    url = url.strip()
    match = re.fullmatch(
        r"(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)"
        r"([\w.-]+)/([\w.-]+?)(?:\.git)?/?",
        url,
    )
    if not match:
        raise CourseError(f"not a GitHub remote URL: {url!r}")
    return f"{match.group(1)}/{match.group(2)}"


def git_remote(root: Path = ROOT, remote: str = "origin") -> str:
    """Return ``git remote get-url REMOTE`` for the repository at ``root``."""
    result = subprocess.run(
        ["git", "remote", "get-url", remote], cwd=root, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CourseError(f"git remote get-url {remote} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """The course notebooks ``notebooks/NN_*.ipynb`` in lecture order (the index included)."""
    folder = root / "notebooks"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_RE.match(p.name))


def read_nb(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def nb_text(nb: nbformat.NotebookNode) -> str:
    """The exact text ``write_nb`` would write (nbformat's own layout, trailing newline)."""
    return nbformat.writes(nb) + "\n"


def write_nb(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path`` if its text changed; return True if the file was written."""
    text = nb_text(nb)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def entry_for(path: Path, nb: nbformat.NotebookNode) -> Entry:
    """Validate ``nb.metadata.course`` and return the notebook's :class:`Entry`."""
    number = NOTEBOOK_RE.match(path.name).group(1)
    meta = nb.metadata.get("course")
    if path.name == INDEX and not meta:
        meta = index_metadata()
    hint = (
        f"{path.name}: set its metadata with\n  python tools/course.py meta notebooks/{path.name}"
        ' --title "..." --slides "..." --minutes N'
    )
    if not isinstance(meta, dict):
        raise CourseError(f"{path.name}: metadata.course is missing.\n{hint}")
    problems = []
    for key, kind in (("title", str), ("slides", str), ("minutes", int)):
        value = meta.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) or value in ("", None):
            problems.append(f"metadata.course.{key} must be a non-empty {kind.__name__}")
    if problems:
        raise CourseError(f"{path.name}: " + "; ".join(problems) + f"\n{hint}")
    return Entry(path, number, meta["title"], meta["slides"], meta["minutes"])


def load_entries(root: Path = ROOT) -> tuple[list[Entry], list[str]]:
    """Entries for every notebook that has valid metadata, and the problems of those without."""
    entries, problems = [], []
    for path in notebook_paths(root):
        try:
            entries.append(entry_for(path, read_nb(path)))
        except CourseError as error:
            problems.append(str(error))
        except Exception as error:  # unreadable JSON: say which file
            problems.append(f"{path.name}: cannot be read as a notebook ({error})")
    return entries, problems


# --------------------------------------------------------------------------------------------
# generated text


def index_metadata() -> dict:
    """The contents page's own ``metadata.course``."""
    return {"title": "Contents", "slides": "Title slide and the lecture's outline", "minutes": 2}


def badges(address: Address, filename: str) -> str:
    """The Open-in-Colab and Binder badges for one notebook, as Markdown."""
    return (
        f"[![Open In Colab]({COLAB_IMG})]({address.colab(filename)}) "
        f"[![Launch Binder]({BINDER_IMG})]({address.binder(filename)})"
    )


def navigation(entries: list[Entry], name: str) -> str:
    """``← previous · Contents · next →`` for the notebook called ``name``."""
    names = [e.name for e in entries]
    i = names.index(name)
    parts = []
    if i > 0 and entries[i - 1].name != INDEX:
        prev = entries[i - 1]
        parts.append(f"[← {prev.label}]({prev.name})")
    if name != INDEX:
        parts.append(f"[Contents]({INDEX})")
    if i + 1 < len(entries):
        nxt = entries[i + 1]
        parts.append(f"[{nxt.label} →]({nxt.name})")
    return " · ".join(parts)


def header_block(entries: list[Entry], entry: Entry, address: Address) -> str:
    """The generated header: title, badges and navigation, between the header markers."""
    if entry.name == INDEX:
        title = f"# {COURSE_NAME}\n\nMALI 2024 · Lecture II · {entry.title}"
    else:
        title = f"# {entry.label}"
    parts = [HEADER_OPEN, title, badges(address, entry.name), navigation(entries, entry.name)]
    return "\n\n".join([p for p in parts if p] + [HEADER_CLOSE])


def footer_block(entries: list[Entry], entry: Entry) -> str:
    """The generated footer: a rule and the navigation, between the footer markers."""
    parts = [FOOTER_OPEN, "---", navigation(entries, entry.name), FOOTER_CLOSE]
    return "\n\n".join(p for p in parts if p)


def setup_source(address: Address) -> str:
    """The setup cell: installs ``helpers`` on Colab only, silent everywhere else."""
    return (
        "# Setup: on Google Colab, install the course's `helpers` package "
        "(elsewhere this does nothing).\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    import subprocess\n"
        "\n"
        f'    _course = "{address.pip_url()}"\n'
        '    _pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", _course]\n'
        "    subprocess.run(_pip, check=True)"
    )


def contents_table(entries: list[Entry], address: Address, link_prefix: str) -> str:
    """The Markdown table of notebooks: number, topic, slides, minutes, Colab and Binder."""
    rows = [
        "| # | Notebook | Slides covered | Minutes | Open |",
        "| --- | --- | --- | ---: | --- |",
    ]
    lessons = [e for e in entries if e.name != INDEX]
    for e in lessons:
        title, slides = e.title.replace("|", "\\|"), e.slides.replace("|", "\\|")
        link = f"[{title}]({link_prefix}{e.name})"
        rows.append(f"| {e.number} | {link} | {slides} | {e.minutes} | {badges(address, e.name)} |")
    if not lessons:
        rows.append("| | *(the notebooks are being written)* | | | |")
        return "\n".join(rows)
    total = sum(e.minutes for e in lessons)
    return "\n".join(rows) + f"\n\nAbout {total} minutes in all."


def replace_block(text: str, opening: str, closing: str, block: str) -> str | None:
    """Replace ``opening…closing`` in ``text`` by ``block`` (which includes the markers).

    Returns None if the markers are not both present.
    """
    start, end = text.find(opening), text.find(closing)
    if start < 0 or end < start:
        return None
    return text[:start] + block + text[end + len(closing) :]


def index_intro() -> str:
    """The contents page's introduction (Markdown)."""
    return (
        "## What this course is\n\n"
        "The notebooks of **lecture II, Introduction to Neural Networks**, of MALI 2024. They "
        "follow the slides in order: *what is a neural network?* (the perceptron and the snack "
        "example), *how do we structure it?* (fully connected layers, activation functions), "
        "*how do we train it?* (loss functions, gradient descent, stochastic gradient descent, "
        "backpropagation) and *how do we implement it?* (the digits notebook), and end in a "
        "playground like the TensorFlow Playground.\n\n"
        "Every network is written from scratch with NumPy in the course's small `helpers` "
        "package, so nothing is hidden. Each notebook has short explanations, small code cells, "
        "and exercises with friendly automatic feedback.\n\n"
        "**How to use it:** run the cells from top to bottom (Shift+Enter). Open a notebook in "
        "Google Colab or Binder with its badges, or on your own computer with "
        "`pip install -r requirements.txt && jupyter lab notebooks/` (see the README)."
    )


def index_contents_cell(entries: list[Entry], address: Address) -> str:
    """The contents page's table cell, between the contents markers."""
    return "\n\n".join(
        [CONTENTS_OPEN, "## Contents", contents_table(entries, address, ""), CONTENTS_CLOSE]
    )


# --------------------------------------------------------------------------------------------
# notebook refresh (no execution)


def _cell_text(cell) -> str:
    return "".join(cell.source) if isinstance(cell.source, list) else cell.source


def _has_tag(cell, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def ensure_ids(nb: nbformat.NotebookNode, stem: str) -> None:
    """Give every cell a stable, unique id (nbformat 4.5) without touching existing ones."""
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    seen = set()
    for i, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in seen:
            base = re.sub(r"[^A-Za-z0-9-]", "-", f"{stem}-{i}")[:60]
            cid, k = base, 1
            while cid in seen:
                cid, k = f"{base}-{k}", k + 1
            cell["id"] = cid
        seen.add(cid)


def normalise_metadata(nb: nbformat.NotebookNode) -> None:
    """Drop widget state and timing metadata; fix kernelspec and language_info."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = copy.deepcopy(LANGUAGE_INFO)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data")
                if data and WIDGET_MIME in data:
                    del data[WIDGET_MIME]  # no widget state is saved: the view cannot render


def _pop_marked_cell(cells, opening: str, closing: str, block: str, cell_id: str):
    """Remove and return the markdown cell holding ``opening`` with its block replaced by
    ``block`` (text around the markers is kept), or a new cell holding just ``block``."""
    idx = next(
        (i for i, c in enumerate(cells) if c.cell_type == "markdown" and opening in _cell_text(c)),
        None,
    )
    if idx is None:
        cell = nbformat.v4.new_markdown_cell(block)
        cell["id"] = cell_id
        return cell
    cell = cells.pop(idx)
    cell.source = replace_block(_cell_text(cell), opening, closing, block) or block
    return cell


def refresh_notebook(
    nb: nbformat.NotebookNode, entries: list[Entry], entry: Entry, address: Address
) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with header, setup and footer cells (and the index) regenerated.

    Missing cells are inserted: the header first, the setup cell as the first code cell, the
    footer last. Text an author wrote around the markers in the same cell is kept.
    """
    nb = copy.deepcopy(nb)
    v4 = nbformat.v4
    cells = nb.cells

    # header: first cell
    header = header_block(entries, entry, address)
    cells.insert(0, _pop_marked_cell(cells, HEADER_OPEN, HEADER_CLOSE, header, HEADER_ID))

    # setup: first code cell, tagged "setup"
    idx = next(
        (i for i, c in enumerate(cells) if c.cell_type == "code" and _has_tag(c, "setup")), None
    )
    if idx is None:  # new: right after the header, as in the template
        cell = v4.new_code_cell(setup_source(address))
        cell["id"] = SETUP_ID
        cell.metadata["tags"] = ["setup"]
        cells.insert(1, cell)
    else:  # existing: keep its place, but before any other code cell
        cell = cells.pop(idx)
        cell.source = setup_source(address)
        first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
        cells.insert(max(1, min(idx, first_code)), cell)

    # the index's introduction and contents table
    if entry.name == INDEX:
        block = index_contents_cell(entries, address)
        idx = next((i for i, c in enumerate(cells) if CONTENTS_OPEN in _cell_text(c)), None)
        if idx is None:
            intro = v4.new_markdown_cell(index_intro())
            intro["id"] = "course-intro"
            table = v4.new_markdown_cell(block)
            table["id"] = "course-contents"
            cells[1:1] = [intro, table]
        else:
            cells[idx].source = replace_block(
                _cell_text(cells[idx]), CONTENTS_OPEN, CONTENTS_CLOSE, block
            )

    # footer: last cell
    footer = footer_block(entries, entry)
    cells.append(_pop_marked_cell(cells, FOOTER_OPEN, FOOTER_CLOSE, footer, FOOTER_ID))

    if entry.name == INDEX and "course" not in nb.metadata:
        nb.metadata["course"] = index_metadata()
    ensure_ids(nb, entry.path.stem)
    normalise_metadata(nb)
    return nb


def new_index(address: Address) -> nbformat.NotebookNode:
    """A fresh contents notebook (its cells are filled in by :func:`refresh_notebook`)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["course"] = index_metadata()
    check = nbformat.v4.new_code_cell(
        'import helpers\n\nprint("Ready:", helpers.__name__, "is installed.")'
    )
    check["id"] = "course-ready"
    nb.cells.append(nbformat.v4.new_markdown_cell("Check that everything is installed:"))
    nb.cells[-1]["id"] = "course-ready-text"
    nb.cells.append(check)
    return nb


def stale_parts(old: nbformat.NotebookNode, new: nbformat.NotebookNode) -> list[str]:
    """Name what differs between a notebook and its refreshed version, for ``check``."""

    def part(nb, marker=None, tag=None):
        for cell in nb.cells:
            if (marker and marker in _cell_text(cell)) or (tag and _has_tag(cell, tag)):
                return _cell_text(cell)
        return None

    parts = []
    for label, kwargs in (
        ("header", {"marker": HEADER_OPEN}),
        ("setup cell", {"tag": "setup"}),
        ("contents table", {"marker": CONTENTS_OPEN}),
        ("footer", {"marker": FOOTER_OPEN}),
    ):
        if part(old, **kwargs) != part(new, **kwargs):
            parts.append(label)
    if [c.get("id") for c in old.cells] != [c.get("id") for c in new.cells]:
        parts.append("cell order or ids")
    if old.metadata != new.metadata:
        parts.append("notebook metadata")
    return parts or ["JSON layout or output metadata"]


def refresh_all(root: Path = ROOT, write: bool = True) -> tuple[list[str], list[str]]:
    """Regenerate every notebook's generated cells and the README table.

    Returns (changed files, problems). With ``write=False`` nothing is written: the changed
    list then names the files that are out of date.
    """
    address = read_address(root)
    index_path = root / "notebooks" / INDEX
    changed = []
    if not index_path.exists() and (root / "notebooks").is_dir():
        if write:
            write_nb(new_index(address), index_path)
        else:
            changed.append(f"notebooks/{INDEX} (missing)")
    entries, problems = load_entries(root)
    for entry in entries:
        old = read_nb(entry.path)
        new = refresh_notebook(old, entries, entry, address)
        rel = entry.path.relative_to(root).as_posix()
        if write:
            if write_nb(new, entry.path):
                changed.append(rel)
        elif nb_text(new) != entry.path.read_text(encoding="utf-8"):
            changed.append(f"{rel} ({', '.join(stale_parts(old, new))})")
    readme = refresh_readme(root, entries, address, write=write)
    if readme:
        changed.append(readme)
    return changed, problems


# --------------------------------------------------------------------------------------------
# README


def readme_text(text: str, entries: list[Entry], address: Address) -> str:
    """README ``text`` with its generated blocks (badges, contents, clone command) refreshed."""
    table = contents_table(entries, address, "notebooks/")
    blocks = {
        (CONTENTS_OPEN, CONTENTS_CLOSE): table,
        (BADGES_OPEN, BADGES_CLOSE): (
            f"[![Open In Colab]({COLAB_IMG})]({address.colab(INDEX)}) "
            f"[![Launch Binder]({BINDER_IMG})]({address.binder(INDEX)})"
        ),
        (CLONE_OPEN, CLONE_CLOSE): (
            f"```bash\ngit clone {address.github()}.git\ncd {address.repository.split('/')[1]}\n```"
        ),
    }
    for (opening, closing), body in blocks.items():
        replaced = replace_block(text, opening, closing, f"{opening}\n{body}\n{closing}")
        text = replaced if replaced is not None else text
    return text


def refresh_readme(
    root: Path, entries: list[Entry] | None = None, address: Address | None = None, write=True
) -> str | None:
    """Regenerate README.md's blocks; return ``"README.md"`` if it changed (or is stale)."""
    path = root / "README.md"
    if not path.exists():
        return None
    address = address or read_address(root)
    if entries is None:
        entries, _ = load_entries(root)
    old = path.read_text(encoding="utf-8")
    new = readme_text(old, entries, address)
    if new == old:
        return None
    if write:
        path.write_text(new, encoding="utf-8")
        return "README.md"
    return "README.md (contents table, badges or clone command)"


# --------------------------------------------------------------------------------------------
# links


def link_problems(text: str, address: Address, where: str) -> list[str]:
    """Every Colab/Binder/pip URL in ``text`` that points somewhere other than ``address``."""
    problems = []
    for regex, kind in ((COLAB_URL_RE, "Colab"), (BINDER_URL_RE, "Binder"), (PIP_GIT_RE, "pip")):
        for match in regex.finditer(text):
            repo, branch = f"{match.group(1)}/{match.group(2)}", match.group(3)
            if (repo, branch) != (address.repository, address.branch):
                problems.append(
                    f"{where}: {kind} link points at {repo}@{branch}, "
                    f"not {address.repository}@{address.branch}"
                )
    return problems


def rewrite_links(text: str, address: Address, old: Address | None = None) -> str:
    """Point every Colab/Binder/pip URL in ``text`` (and ``old``'s GitHub URLs) at ``address``."""
    owner, name = address.repository.split("/")
    text = COLAB_URL_RE.sub(
        lambda m: (
            f"https://colab.research.google.com/github/{owner}/{name}/blob/"
            f"{address.branch}/notebooks/"
        ),
        text,
    )
    text = BINDER_URL_RE.sub(f"https://mybinder.org/v2/gh/{owner}/{name}/{address.branch}", text)
    text = PIP_GIT_RE.sub(address.pip_url(), text)
    if old and old.repository != address.repository:
        text = re.sub(
            rf"github\.com([/:]){re.escape(old.repository)}\b",
            rf"github.com\g<1>{owner}/{name}",
            text,
        )
    return text


def all_link_problems(root: Path = ROOT) -> list[str]:
    """Link problems across every notebook's cells and the README."""
    address = read_address(root)
    problems = []
    for path in notebook_paths(root):
        try:
            nb = read_nb(path)
        except Exception:
            continue  # reported elsewhere
        for i, cell in enumerate(nb.cells):
            problems += link_problems(_cell_text(cell), address, f"{path.name} cell {i}")
    readme = root / "README.md"
    if readme.exists():
        problems += link_problems(readme.read_text(encoding="utf-8"), address, "README.md")
    return problems


def update_links(root: Path = ROOT, from_git: bool = False, branch: str | None = None) -> list[str]:
    """Set the address (from git's origin if asked), then rewrite every link. Returns changes."""
    old = read_address(root)
    new = old
    if from_git:
        new = Address(parse_remote(git_remote(root)), branch or old.branch)
    elif branch:
        new = Address(old.repository, branch)
    changed = []
    if new != old and write_address(new, root):
        changed.append("pyproject.toml")
    # free-standing links (anything an author wrote outside the generated cells)
    for path in notebook_paths(root):
        nb = read_nb(path)
        for cell in nb.cells:
            cell.source = rewrite_links(_cell_text(cell), new, old)
        if write_nb(nb, path):
            changed.append(path.relative_to(root).as_posix())
    readme = root / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        updated = rewrite_links(text, new, old)
        if updated != text:
            readme.write_text(updated, encoding="utf-8")
            changed.append("README.md")
    more, problems = refresh_all(root, write=True)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return sorted(set(changed + more))


# --------------------------------------------------------------------------------------------
# check


def check(root: Path = ROOT) -> list[str]:
    """Everything out of date: stale generated cells/README, bad metadata, foreign links."""
    problems = []
    for path in notebook_paths(root):
        if path.name != INDEX and not NOTEBOOK_RE.match(path.name):
            problems.append(f"{path.name}: name must look like NN_name.ipynb")
    stale, meta_problems = refresh_all(root, write=False)
    problems += meta_problems
    for name in stale:
        problems.append(f"out of date: {name}")
    if stale:
        problems.append("fix: run `python tools/course.py execute` (or `links` / `readme`)")
    problems += all_link_problems(root)
    readme = root / "README.md"
    if readme.exists() and notebook_paths(root):
        text = readme.read_text(encoding="utf-8")
        if CONTENTS_OPEN not in text or CONTENTS_CLOSE not in text:
            problems.append(f"README.md: the contents markers {CONTENTS_OPEN} are missing")
    return problems


# --------------------------------------------------------------------------------------------
# execute


def kernel_env() -> dict[str, str]:
    """Environment for a deterministic kernel: inline figures, fixed hash seed and dates."""
    env = dict(os.environ)
    env.update(
        {
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYTHONHASHSEED": "0",
            "SOURCE_DATE_EPOCH": "0",
            "TZ": "UTC",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def prebuild_font_cache() -> None:
    """Build matplotlib's font cache here, so no kernel prints "building the font cache"."""
    try:
        import matplotlib.font_manager  # noqa: F401
    except ImportError:
        pass


def stderr_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """``cell N: text`` for every stderr stream output in ``nb``."""
    found = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {i} ({cell.get('id')}): {''.join(output.get('text', ''))}")
    return found


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Run ``path`` top to bottom in a fresh kernel (cwd = its folder) and save it in place.

    Raises CourseError, without writing, if a cell errors or writes to stderr.
    Returns the seconds it took.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = read_nb(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    start = time.perf_counter()
    try:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,
            allow_errors=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute(cwd=str(path.parent), env=kernel_env())
    except CellExecutionError as error:
        raise CourseError(f"{path.name}: a cell raised an error:\n{error}") from None
    seconds = time.perf_counter() - start
    errors = stderr_outputs(nb)
    if errors:
        raise CourseError(
            f"{path.name}: cells wrote to stderr (fix the cause):\n" + "\n".join(errors)
        )
    ensure_ids(nb, path.stem)
    normalise_metadata(nb)
    write_nb(nb, path)
    return seconds


def execute(paths: list[Path] | None = None, root: Path = ROOT) -> list[tuple[str, float]]:
    """Regenerate generated cells everywhere, then execute ``paths`` (default: all notebooks)."""
    _, problems = refresh_all(root, write=True)
    if problems:
        raise CourseError("\n".join(problems))
    targets = paths if paths else notebook_paths(root)
    prebuild_font_cache()
    times = []
    for path in targets:
        path = Path(path).resolve()
        if not path.exists():
            raise CourseError(f"no such notebook: {path}")
        seconds = execute_notebook(path)
        print(f"executed {path.name} in {seconds:.1f} s", flush=True)
        times.append((path.name, seconds))
    return times


# --------------------------------------------------------------------------------------------
# meta


def set_meta(path: Path, title: str | None, slides: str | None, minutes: int | None) -> None:
    """Set a notebook's ``metadata.course`` fields from the command line."""
    nb = read_nb(path)
    meta = dict(nb.metadata.get("course", {}))
    for key, value in (("title", title), ("slides", slides), ("minutes", minutes)):
        if value is not None:
            meta[key] = value
    nb.metadata["course"] = meta
    write_nb(nb, path)


# --------------------------------------------------------------------------------------------
# command line


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python tools/course.py", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("execute", help="regenerate generated cells, then re-run notebooks in place")
    p.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    p = sub.add_parser("links", help="rewrite every link from pyproject's [tool.course] address")
    p.add_argument("--from-git", action="store_true", help="take owner/name from git's origin")
    p.add_argument("--branch", help="also change the branch the badges point at")
    sub.add_parser("check", help="exit 1 if generated cells, README or links are out of date")
    sub.add_parser("readme", help="regenerate the README's contents table")
    p = sub.add_parser("meta", help="set a notebook's metadata.course")
    p.add_argument("notebook", type=Path)
    p.add_argument("--title")
    p.add_argument("--slides")
    p.add_argument("--minutes", type=int)
    args = parser.parse_args(argv)

    try:
        if args.command == "execute":
            total = time.perf_counter()
            times = execute(args.notebooks, root)
            print(f"{len(times)} notebook(s) in {time.perf_counter() - total:.1f} s")
        elif args.command == "links":
            changed = update_links(root, from_git=args.from_git, branch=args.branch)
            address = read_address(root)
            print(f"address: {address.repository} (branch {address.branch})")
            print("updated: " + (", ".join(changed) if changed else "nothing (already up to date)"))
        elif args.command == "check":
            problems = check(root)
            if problems:
                print(f"{len(problems)} problem(s):", file=sys.stderr)
                for problem in problems:
                    print(f"  - {problem}", file=sys.stderr)
                return 1
            print(f"ok: {len(notebook_paths(root))} notebook(s) and the README are up to date")
        elif args.command == "readme":
            changed = refresh_readme(root)
            print("updated README.md" if changed else "README.md is up to date")
        elif args.command == "meta":
            set_meta(args.notebook, args.title, args.slides, args.minutes)
            print(f"set metadata.course of {args.notebook}")
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
