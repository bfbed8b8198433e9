"""The generated text: each notebook's header, setup and footer cells, the contents tables and
the README's blocks. Generated text sits between HTML-comment markers; text around them is kept.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from . import CourseError
from .address import INDEX, Address, read_address
from .notebooks import (
    Entry,
    cell_text,
    ensure_ids,
    has_tag,
    load_entries,
    normalise_metadata,
    read_nb,
    write_nb,
)

COURSE_NAME = "Introduction to Neural Networks"
DISTRIBUTION = "mali-intro-neural-networks"  # pyproject.toml's [project] name (the wheel's)
HEADER = ("<!-- header -->", "<!-- /header -->")
FOOTER = ("<!-- footer -->", "<!-- /footer -->")
CONTENTS = ("<!-- contents -->", "<!-- /contents -->")
BADGES = ("<!-- badges -->", "<!-- /badges -->")
CLONE = ("<!-- clone -->", "<!-- /clone -->")
SITE = ("<!-- site -->", "<!-- /site -->")
HEADER_ID, SETUP_ID, FOOTER_ID = "course-header", "course-setup", "course-footer"
COLAB_IMG = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_IMG = "https://mybinder.org/badge_logo.svg"


# --- blocks of text ----------------------------------------------------------------------------


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
        parts.append(f"[← {entries[i - 1].label}]({entries[i - 1].name})")
    if name != INDEX:
        parts.append(f"[Contents]({INDEX})")
    if i + 1 < len(entries):
        parts.append(f"[{entries[i + 1].label} →]({entries[i + 1].name})")
    return " · ".join(parts)


def header_block(entries: list[Entry], entry: Entry, address: Address) -> str:
    """The generated header: title, badges and navigation, between the header markers."""
    if entry.name == INDEX:
        title = f"# {COURSE_NAME}\n\nMALI 2024 · Lecture II · {entry.title}"
    else:
        title = f"# {entry.label}"
    parts = [HEADER[0], title, badges(address, entry.name), navigation(entries, entry.name)]
    return "\n\n".join([p for p in parts if p] + [HEADER[1]])


def footer_block(entries: list[Entry], entry: Entry) -> str:
    """The generated footer: a rule and the navigation, between the footer markers."""
    parts = [FOOTER[0], "---", navigation(entries, entry.name), FOOTER[1]]
    return "\n\n".join(p for p in parts if p)


def setup_source(address: Address) -> str:
    """The setup cell: installs ``helpers`` on Colab, and in the browser (the JupyterLite
    edition: Pyodide, whose ``sys.platform`` is ``emscripten``) from the wheel the website
    serves; silent everywhere else, and silent there too (matplotlib's one-time "building the
    font cache" notice is held back)."""
    return (
        "# Setup: on Google Colab, install the course's `helpers` package; in the browser\n"
        "# (JupyterLite), install it from the course's website. Elsewhere this does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    import subprocess\n"
        "\n"
        f'    _course = "{address.pip_url()}"\n'
        '    _pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", _course]\n'
        "    subprocess.run(_pip, check=True)\n"
        'elif sys.platform == "emscripten":\n'
        "    import logging\n"
        "\n"
        "    import piplite\n"
        "\n"
        f'    await piplite.install("{DISTRIBUTION}")\n'
        '    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)\n'
        '    __import__("matplotlib.pyplot")  # its font cache is built now, quietly'
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


def replace_block(text: str, markers: tuple[str, str], block: str) -> str | None:
    """Replace ``opening…closing`` in ``text`` by ``block`` (which includes the markers).

    Returns None if the markers are not both present.
    """
    opening, closing = markers
    start, end = text.find(opening), text.find(closing)
    if start < 0 or end < start:
        return None
    return text[:start] + block + text[end + len(closing) :]


def readme_blocks(entries: list[Entry], address: Address) -> dict[tuple[str, str], str]:
    """The README's generated blocks: badges, contents table, clone command, website address."""
    name = address.repository.split("/")[1]
    return {
        BADGES: f"[![Open In Colab]({COLAB_IMG})]({address.colab(INDEX)}) "
        f"[![Launch Binder]({BINDER_IMG})]({address.binder(INDEX)})",
        CONTENTS: contents_table(entries, address, "notebooks/"),
        CLONE: f"```bash\ngit clone {address.github()}.git\ncd {name}\n```",
        SITE: f"<{address.site()}>",
    }


def readme_text(text: str, entries: list[Entry], address: Address) -> str:
    """README ``text`` with its generated blocks refreshed (blocks without markers are left)."""
    for markers, body in readme_blocks(entries, address).items():
        replaced = replace_block(text, markers, f"{markers[0]}\n{body}\n{markers[1]}")
        text = replaced if replaced is not None else text
    return text


# --- applying them to a notebook ---------------------------------------------------------------


def _pop_marked_cell(cells, markers: tuple[str, str], block: str, cell_id: str):
    """Remove and return the markdown cell holding the markers with its block replaced by
    ``block`` (text around the markers is kept), or a new cell holding just ``block``."""
    marked = [
        i for i, c in enumerate(cells) if c.cell_type == "markdown" and markers[0] in cell_text(c)
    ]
    if not marked:
        cell = nbformat.v4.new_markdown_cell(block)
        cell["id"] = cell_id
        return cell
    cell = cells.pop(marked[0])
    cell.source = replace_block(cell_text(cell), markers, block) or block
    return cell


def _place_setup_cell(cells, address: Address) -> None:
    """Regenerate the setup cell (tagged ``setup``) and keep it before every other code cell;
    a notebook without one gets it right after the header, as in the template."""
    idx = next(
        (i for i, c in enumerate(cells) if c.cell_type == "code" and has_tag(c, "setup")), None
    )
    if idx is None:
        cell = nbformat.v4.new_code_cell(setup_source(address))
        cell["id"] = SETUP_ID
        cell.metadata["tags"] = ["setup"]
        cells.insert(1, cell)
        return
    cell = cells.pop(idx)
    cell.source = setup_source(address)
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    cells.insert(max(1, min(idx, first_code)), cell)


def _refresh_contents(cells, entries: list[Entry], address: Address, name: str) -> None:
    """Regenerate the contents page's table (its cell holds the contents markers)."""
    block = "\n\n".join(
        [CONTENTS[0], "## Contents", contents_table(entries, address, ""), CONTENTS[1]]
    )
    for cell in cells:
        if CONTENTS[0] in cell_text(cell):
            cell.source = replace_block(cell_text(cell), CONTENTS, block)
            return
    raise CourseError(f"{name}: no cell holds the contents markers {CONTENTS[0]} {CONTENTS[1]}")


def refresh_notebook(
    nb: nbformat.NotebookNode, entries: list[Entry], entry: Entry, address: Address
) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with header, setup and footer cells (and contents) regenerated.

    Missing cells are inserted: the header first, the setup cell as the first code cell, the
    footer last. Text an author wrote around the markers in the same cell is kept.
    """
    nb = copy.deepcopy(nb)
    cells = nb.cells
    header = header_block(entries, entry, address)
    cells.insert(0, _pop_marked_cell(cells, HEADER, header, HEADER_ID))
    _place_setup_cell(cells, address)
    if entry.name == INDEX:
        _refresh_contents(cells, entries, address, entry.name)
    footer = footer_block(entries, entry)
    cells.append(_pop_marked_cell(cells, FOOTER, footer, FOOTER_ID))
    ensure_ids(nb, entry.path.stem)
    normalise_metadata(nb)
    return nb


# --- applying them everywhere ------------------------------------------------------------------


def refresh_readme(root: Path, entries: list[Entry], address: Address, write=True) -> bool:
    """Regenerate README.md's blocks; return True if it changed (with ``write=False``: True if
    it is out of date, and nothing is written)."""
    path = root / "README.md"
    if not path.exists():
        return False
    old = path.read_text(encoding="utf-8")
    new = readme_text(old, entries, address)
    if write and new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def refreshed(root: Path) -> tuple[list[Entry], list[tuple], list[str]]:
    """Every notebook regenerated in memory: ``(entries, pairs, problems)``, where ``pairs``
    holds ``(entry, old, new)`` for each notebook that could be regenerated and ``problems``
    says why the others could not (bad metadata, a missing contents page or markers)."""
    address = read_address(root)
    entries, problems = load_entries(root)
    pairs = []
    for entry in entries:
        old = read_nb(entry.path)
        try:
            pairs.append((entry, old, refresh_notebook(old, entries, entry, address)))
        except CourseError as error:
            problems.append(str(error))
    return entries, pairs, problems


def refresh_all(root: Path) -> tuple[list[str], list[str]]:
    """Regenerate every notebook's generated cells and the README's blocks, in place.

    Returns (changed files, problems).
    """
    entries, pairs, problems = refreshed(root)
    changed = [
        entry.path.relative_to(root).as_posix()
        for entry, _, new in pairs
        if write_nb(new, entry.path)
    ]
    if refresh_readme(root, entries, read_address(root)):
        changed.append("README.md")
    return changed, problems
