"""The command line of ``python tools/course.py``: one function per command.

execute [NOTEBOOK ...]    regenerate generated cells, then re-run notebooks in place
check                     exit 1 if anything generated is out of date
links [--from-git] [--branch B]   set the course's address, regenerate every link
readme                    regenerate the README's generated blocks
meta NOTEBOOK --title T --slides S --minutes M
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import CourseError
from .address import Address, git_remote, parse_remote, read_address, write_address
from .check import check
from .execute import execute
from .generate import refresh_all, refresh_readme
from .notebooks import load_entries, notebook_paths, set_meta

ROOT = Path(__file__).resolve().parents[2]


def run_execute(args, root: Path) -> int:
    """``execute``: regenerate, then run the notebooks; print the total time."""
    start = time.perf_counter()
    times = execute(args.notebooks, root)
    print(f"{len(times)} notebook(s) in {time.perf_counter() - start:.1f} s")
    return 0


def run_check(args, root: Path) -> int:
    """``check``: list every problem on stderr and return 1, or say that all is up to date."""
    problems = check(root)
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"ok: {len(notebook_paths(root))} notebook(s) and the README are up to date")
    return 0


def run_links(args, root: Path) -> int:
    """``links``: set the address (from git's origin if asked), then regenerate every link.

    Every course link lives in generated text (headers, setup cells, contents tables, the
    README's blocks), so regenerating rewrites them all; ``check`` reports any other.
    """
    old = read_address(root)
    repository = parse_remote(git_remote(root)) if args.from_git else old.repository
    new = Address(repository, args.branch or old.branch)
    changed = ["pyproject.toml"] if new != old and write_address(new, root) else []
    more, problems = refresh_all(root)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"address: {new.repository} (branch {new.branch}), website {new.site()}")
    changed += more
    print("updated: " + (", ".join(changed) if changed else "nothing (already up to date)"))
    return 0


def run_readme(args, root: Path) -> int:
    """``readme``: regenerate the README's blocks."""
    entries, _ = load_entries(root)
    changed = refresh_readme(root, entries, read_address(root))
    print("updated README.md" if changed else "README.md is up to date")
    return 0


def run_meta(args, root: Path) -> int:
    """``meta``: set a notebook's ``metadata.course``."""
    set_meta(args.notebook, args.title, args.slides, args.minutes)
    print(f"set metadata.course of {args.notebook}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command names its ``run_*`` function."""
    main_parser = argparse.ArgumentParser(
        prog="python tools/course.py",
        description="The course's own command: keep notebooks, links and the README in step.",
    )
    sub = main_parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("execute", help="regenerate generated cells, then re-run notebooks in place")
    p.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    p.set_defaults(run=run_execute)
    p = sub.add_parser("links", help="set the course's address and regenerate every link")
    p.add_argument("--from-git", action="store_true", help="take owner/name from git's origin")
    p.add_argument("--branch", help="also change the branch the badges point at")
    p.set_defaults(run=run_links)
    p = sub.add_parser("check", help="exit 1 if generated cells, README or links are out of date")
    p.set_defaults(run=run_check)
    p = sub.add_parser("readme", help="regenerate the README's generated blocks")
    p.set_defaults(run=run_readme)
    p = sub.add_parser("meta", help="set a notebook's metadata.course")
    p.add_argument("notebook", type=Path)
    p.add_argument("--title")
    p.add_argument("--slides")
    p.add_argument("--minutes", type=int)
    p.set_defaults(run=run_meta)
    return main_parser


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """Command-line entry point; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.run(args, root)
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
