"""Tests of the course tool (tools/course.py, tools/coursekit/) on a dummy course."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from course_tool import ROOT
from coursekit import CourseError
from coursekit.address import Address, parse_remote, read_address
from coursekit.check import check, link_problems
from coursekit.cli import main
from coursekit.execute import execute
from coursekit.generate import refresh_all
from coursekit.notebooks import normalise_metadata

pytestmark = pytest.mark.course_tool


PYPROJECT = """\
[project]
name = "dummy"

[tool.course]
repository = "someone/some-course"
branch = "main"

[tool.ruff]
line-length = 100
"""

README = """\
# Dummy

<!-- badges -->
<!-- /badges -->

<!-- contents -->
<!-- /contents -->

<!-- clone -->
<!-- /clone -->

<!-- site -->
<!-- /site -->
"""


def make_nb(title, slides="Slide A", minutes=10, code=('x = 1 + 1\nprint("x =", x)',)):
    """A small lesson notebook with course metadata and no generated cells yet."""
    nb = nbformat.v4.new_notebook()
    if title is not None:
        nb.metadata["course"] = {"title": title, "slides": slides, "minutes": minutes}
    nb.cells = [nbformat.v4.new_markdown_cell("## What you will learn\n\nThings.")]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in code]
    nb.cells.append(nbformat.v4.new_markdown_cell("## Summary\n\nDone."))
    return nb


def make_index():
    """A contents page: course metadata and a cell with the contents markers."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["course"] = {"title": "Contents", "slides": "Title slide", "minutes": 2}
    nb.cells = [nbformat.v4.new_markdown_cell("<!-- contents -->\n<!-- /contents -->")]
    return nb


@pytest.fixture
def repo(tmp_path):
    """A dummy course: pyproject, README with markers, a contents page and two lessons."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    nbformat.write(make_index(), tmp_path / "notebooks" / "00_index.ipynb")
    nbformat.write(
        make_nb("The perceptron", "Perceptrons; the snack example", 15),
        tmp_path / "notebooks" / "01_perceptron.ipynb",
    )
    nbformat.write(
        make_nb("Network structure", "Fully connected", 10),
        tmp_path / "notebooks" / "02_network_structure.ipynb",
    )
    return tmp_path


def cells(path):
    return nbformat.read(path, as_version=4).cells


def text(cell):
    return cell.source


# ---------------------------------------------------------------------------------------------


def test_address_and_urls(repo):
    address = read_address(repo)
    assert address == Address("someone/some-course", "main")
    assert address.colab("01_a.ipynb") == (
        "https://colab.research.google.com/github/someone/some-course/blob/main/notebooks/01_a.ipynb"
    )
    assert address.binder("01_a.ipynb") == (
        "https://mybinder.org/v2/gh/someone/some-course/main?urlpath=lab/tree/notebooks/01_a.ipynb"
    )
    assert address.site() == "https://someone.github.io/some-course/"
    assert Address("Alice/alice.github.io", "main").site() == "https://alice.github.io/"


@pytest.mark.parametrize(
    "table", ['repository = "no-slash"', "repository = 3", 'branch = "main"', ""]
)
def test_address_must_be_owner_slash_name(repo, table):
    (repo / "pyproject.toml").write_text(f"[tool.course]\n{table}\n", encoding="utf-8")
    with pytest.raises(CourseError, match="owner/name"):
        read_address(repo)


def test_address_is_read_with_a_toml_parser(repo):
    """Comments, single quotes and other tables do not confuse it (no regex)."""
    (repo / "pyproject.toml").write_text(
        "[tool.other]\nrepository = 'x/y'\n\n[tool.course]  # the course\n"
        "branch = 'ws2025'  # a comment\nrepository = 'a-b/c.d'\n",
        encoding="utf-8",
    )
    assert read_address(repo) == Address("a-b/c.d", "ws2025")


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/alice/nn-course.git",
        "https://github.com/alice/nn-course",
        "https://token@github.com/alice/nn-course.git",
        "git@github.com:alice/nn-course.git",
        "ssh://git@github.com/alice/nn-course.git",
        "git@github.com:alice/nn-course",
    ],
)
def test_parse_remote(url):
    assert parse_remote(url) == "alice/nn-course"


def test_parse_remote_rejects_non_github():
    with pytest.raises(CourseError):
        parse_remote("https://example.org/alice/nn-course.git")


def test_refresh_inserts_generated_cells(repo):
    changed, problems = refresh_all(repo)
    assert problems == []
    assert set(changed) >= {
        "notebooks/00_index.ipynb",
        "notebooks/01_perceptron.ipynb",
        "notebooks/02_network_structure.ipynb",
        "README.md",
    }
    c = cells(repo / "notebooks" / "01_perceptron.ipynb")
    header, setup, footer = c[0], c[1], c[-1]
    assert header.cell_type == "markdown" and header.id == "course-header"
    assert header.source.startswith("<!-- header -->") and header.source.endswith(
        "<!-- /header -->"
    )
    assert "# 01 · The perceptron" in header.source
    assert (
        "https://colab.research.google.com/github/someone/some-course/blob/main/notebooks/"
        "01_perceptron.ipynb" in header.source
    )
    assert "https://colab.research.google.com/assets/colab-badge.svg" in header.source
    assert (
        "https://mybinder.org/v2/gh/someone/some-course/main?urlpath=lab/tree/notebooks/"
        "01_perceptron.ipynb" in header.source
    )
    assert "https://mybinder.org/badge_logo.svg" in header.source
    nav = "[Contents](00_index.ipynb) · [02 · Network structure →](02_network_structure.ipynb)"
    assert nav in header.source and nav in footer.source
    assert footer.source.startswith("<!-- footer -->")
    assert setup.cell_type == "code" and setup.metadata["tags"] == ["setup"]
    assert "git+https://github.com/someone/some-course@main" in setup.source
    assert '"--no-deps"' in setup.source and "google.colab" in setup.source
    compile(setup.source, "setup", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)  # a cell
    # the author's own cells are kept, in order, between the generated ones
    assert [x.source for x in c[2:-1]] == [
        "## What you will learn\n\nThings.",
        'x = 1 + 1\nprint("x =", x)',
        "## Summary\n\nDone.",
    ]
    last = cells(repo / "notebooks" / "02_network_structure.ipynb")
    assert "[← 01 · The perceptron](01_perceptron.ipynb) · [Contents](00_index.ipynb)" in (
        last[0].source
    )
    assert "→" not in last[0].source.split("\n\n")[-2]


def test_index_and_readme_tables(repo):
    refresh_all(repo)
    index = nbformat.read(repo / "notebooks" / "00_index.ipynb", as_version=4)
    assert index.metadata["course"]["title"] == "Contents"
    table = next(c.source for c in index.cells if "<!-- contents -->" in c.source)
    assert (
        "| 01 | [The perceptron](01_perceptron.ipynb) | Perceptrons; the snack example | 15 |"
        in (table)
    )
    assert "About 25 minutes in all." in table
    assert "[01 · The perceptron →](01_perceptron.ipynb)" in index.cells[0].source
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "| 02 | [Network structure](notebooks/02_network_structure.ipynb) |" in readme
    assert "git clone https://github.com/someone/some-course.git" in readme
    assert "<!-- site -->\n<https://someone.github.io/some-course/>\n<!-- /site -->" in readme
    assert "/some-course/main?urlpath=lab/tree/notebooks/00_index.ipynb" in readme


def test_refresh_is_idempotent_and_check_passes(repo):
    refresh_all(repo)
    before = {p: p.read_bytes() for p in (repo / "notebooks").iterdir()}
    changed, _ = refresh_all(repo)
    assert changed == []
    assert {p: p.read_bytes() for p in (repo / "notebooks").iterdir()} == before
    assert check(repo) == []
    assert main(["check"], root=repo) == 0


def test_check_finds_stale_navigation_and_foreign_links(repo, capsys):
    refresh_all(repo)
    assert check(repo) == []
    # a new notebook appears: neighbours' navigation and both tables are now stale
    nbformat.write(make_nb("Activation functions"), repo / "notebooks" / "03_activation.ipynb")
    problems = check(repo)
    joined = "\n".join(problems)
    for name in ("02_network_structure.ipynb", "03_activation.ipynb", "00_index.ipynb", "README"):
        assert name in joined
    refresh_all(repo)
    assert check(repo) == []
    # a hand-edited header and a link to another fork
    path = repo / "notebooks" / "01_perceptron.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("someone/some-course", "other/fork")
    nbformat.write(nb, path)
    problems = check(repo)
    assert any("01_perceptron.ipynb" in p and "other/fork@main" in p for p in problems)
    assert main(["check"], root=repo) == 1
    assert "other/fork" in capsys.readouterr().err


def test_missing_metadata_is_reported(repo):
    nbformat.write(make_nb(None), repo / "notebooks" / "03_untitled.ipynb")
    problems = check(repo)
    assert any("03_untitled.ipynb" in p and "metadata.course" in p for p in problems)
    with pytest.raises(CourseError, match="03_untitled"):
        execute([], root=repo)
    main(
        [
            "meta",
            str(repo / "notebooks/03_untitled.ipynb"),
            "--title",
            "T",
            "--slides",
            "S",
            "--minutes",
            "5",
        ],
        root=repo,
    )
    refresh_all(repo)
    assert check(repo) == []


def test_author_text_around_markers_is_kept(repo):
    refresh_all(repo)
    path = repo / "notebooks" / "01_perceptron.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\n*Estimated time: a quarter of an hour.*"
    nb.cells[0].source = nb.cells[0].source.replace("# 01 · The perceptron", "# old title")
    nbformat.write(nb, path)
    refresh_all(repo)
    header = cells(path)[0].source
    assert "# 01 · The perceptron" in header and "old title" not in header
    assert header.endswith("*Estimated time: a quarter of an hour.*")


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    "remote", ["https://github.com/lecturer/nn-2025.git", "git@github.com:lecturer/nn-2025.git"]
)
def test_links_from_git_rewrites_everything(repo, remote, capsys):
    refresh_all(repo)
    _git(repo, "init", "-q")
    _git(repo, "remote", "add", "origin", remote)
    assert main(["links", "--from-git"], root=repo) == 0
    assert "lecturer/nn-2025" in capsys.readouterr().out
    assert 'repository = "lecturer/nn-2025"' in (repo / "pyproject.toml").read_text(
        encoding="utf-8"
    )
    everything = (repo / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (repo / "notebooks").glob("*.ipynb")
    )
    assert "someone" not in everything
    assert "https://lecturer.github.io/nn-2025/" in everything
    assert "git+https://github.com/lecturer/nn-2025@main" in everything
    assert check(repo) == []


def test_check_reports_a_hand_written_link_to_the_old_address(repo):
    """Course links belong in generated text; one written by hand is reported, not rewritten."""
    path = repo / "notebooks" / "02_network_structure.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += (
        "\n\nSee [the perceptron on Colab](https://colab.research.google.com/github/someone/"
        "some-course/blob/main/notebooks/01_perceptron.ipynb)."
    )
    nbformat.write(nb, path)
    refresh_all(repo)
    assert check(repo) == []
    main(["links", "--branch", "ws2025"], root=repo)
    problems = check(repo)
    assert problems == [
        "02_network_structure.ipynb cell 2: Colab link points at someone/some-course@main, "
        "not someone/some-course@ws2025"
    ]


def test_missing_contents_page_or_markers_are_reported(repo):
    index = repo / "notebooks" / "00_index.ipynb"
    nb = nbformat.read(index, as_version=4)
    nb.cells[0].source = "No table here."
    nbformat.write(nb, index)
    assert any("00_index.ipynb: no cell holds the contents markers" in p for p in check(repo))
    index.unlink()
    assert any("00_index.ipynb is missing" in p for p in check(repo))
    readme = repo / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace("<!-- site -->", ""), encoding="utf-8"
    )
    assert any("README.md: the markers <!-- site -->" in p for p in check(repo))


def test_links_branch_option(repo):
    refresh_all(repo)
    main(["links", "--branch", "ws2025"], root=repo)
    assert read_address(repo).branch == "ws2025"
    header = cells(repo / "notebooks" / "01_perceptron.ipynb")[0].source
    assert "/blob/ws2025/notebooks/01_perceptron.ipynb" in header
    assert "some-course/ws2025?urlpath=" in header
    assert check(repo) == []


def test_generated_cells_pass_ruff(repo):
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    refresh_all(repo)
    config = ["--config", str(ROOT / "pyproject.toml")]
    for args in (["check", *config], ["format", "--check", *config]):
        result = subprocess.run(
            [ruff, *args, str(repo / "notebooks")], capture_output=True, text=True, encoding="utf-8"
        )
        assert result.returncode == 0, result.stdout + result.stderr


# --- execution (starts real kernels: a few seconds) -------------------------------------------


def test_a_widget_is_stored_as_its_text_and_its_plain_still():
    """What ``helpers.widgets`` displays (the live view, then the still with a Markdown copy):
    stored, the view goes (no model behind it in a file) and the still keeps its PNG only."""
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    live = nbformat.v4.new_output(
        "display_data", {"application/vnd.jupyter.widget-view+json": view, "text/plain": "W"}
    )
    still = nbformat.v4.new_output(
        "display_data",
        {"text/markdown": "<div>run this cell</div>", "image/png": "iVBO", "text/plain": "s"},
        metadata={"image/png": {"alt": "a still"}, "course": {"still": True}},
    )
    figure = nbformat.v4.new_output("display_data", {"text/markdown": "kept", "text/plain": "f"})
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("w", outputs=[live, still, figure])]
    normalise_metadata(nb)
    live, still, figure = nb.cells[0].outputs
    assert live["data"] == {"text/plain": "W"} and live["metadata"] == {"course": {"widget": True}}
    assert still["data"] == {"image/png": "iVBO", "text/plain": "s"}
    assert still["metadata"]["image/png"] == {"alt": "a still"}
    assert "text/markdown" in figure["data"]  # only a widget's still loses its Markdown


@pytest.mark.slow
def test_execute_is_reproducible(repo, capsys):
    path = repo / "notebooks" / "01_perceptron.ipynb"
    nb = make_nb(
        "The perceptron",
        code=(
            "import numpy as np\nrng = np.random.default_rng(0)\nrng.integers(0, 10, 3)",
            "import ipywidgets as widgets\nwidgets.IntSlider(value=3)",
            'print("hello")',
        ),
    )
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["kernelspec"] = {"name": "my-env", "display_name": "My env"}
    nbformat.write(nb, path)
    (repo / "notebooks" / "02_network_structure.ipynb").unlink()
    assert main(["execute", str(path)], root=repo) == 0
    assert "executed 01_perceptron.ipynb in" in capsys.readouterr().out
    first = path.read_bytes()
    main(["execute", str(path)], root=repo)
    assert path.read_bytes() == first  # byte-identical (no images in this notebook)

    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "version" not in nb.metadata["language_info"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3, 4]
    assert code[0].outputs == []  # the setup cell is silent outside Colab
    assert all("execution" not in c.metadata for c in nb.cells)
    assert code[1].outputs[0]["data"]["text/plain"] == "array([8, 6, 5])"
    assert "application/vnd.jupyter.widget-view+json" not in code[2].outputs[0]["data"]
    assert code[2].outputs[0]["metadata"]["course"] == {"widget": True}  # for the website
    assert code[3].outputs[0]["text"] == "hello\n"
    assert check(repo) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "source, message",
    [
        ("1 / 0", "ZeroDivisionError"),
        ('import sys\nprint("careful", file=sys.stderr)', "stderr"),
        ('import warnings\nwarnings.warn("deprecated thing")', "deprecated thing"),
    ],
)
def test_execute_stops_on_error_or_stderr(repo, source, message, capsys):
    path = repo / "notebooks" / "02_network_structure.ipynb"
    nbformat.write(make_nb("Network structure", code=(source,)), path)
    refresh_all(repo)
    before = path.read_bytes()
    assert main(["execute", str(path)], root=repo) == 1
    err = capsys.readouterr().err
    assert "02_network_structure.ipynb" in err and message in err
    assert path.read_bytes() == before  # nothing written


def test_links_to_other_projects_are_left_alone():
    address = Address("someone/some-course", "main")
    text = (
        "https://colab.research.google.com/github/google/foo/blob/master/notebooks/intro.ipynb "
        "https://mybinder.org/v2/gh/jupyter/bar/HEAD?filepath=demo.ipynb"
    )
    assert link_problems(text, address, "x") == []
