"""The website's downloads: every notebook in one zip that runs on its own after the README's
install, and the course's edition (version and commit) shown in the footer.

    python tools/site_downloads.py zip OUTDIR     (writes OUTDIR/<ZIP_NAME>, prints its path)

The zip holds one folder ``intro-neural-networks-<version>/`` with what the README's install
(``pip install -r requirements.txt && jupyter lab notebooks/``) needs: the notebooks, the
``helpers`` package, requirements.txt, pyproject.toml, README.md, LICENSE, CITATION.cff and
the ``jupyter-nodelay`` extension that requirements.txt installs. Python caches are left out.
Its file dates are the commit's, so the same commit gives the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport with the same API
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ZIP_NAME = "intro-neural-networks-notebooks.zip"
PDF_NAME = "intro-neural-networks.pdf"
FILES = ("README.md", "LICENSE", "CITATION.cff", "pyproject.toml", "requirements.txt")
FOLDERS = ("helpers", "jupyter-nodelay")
SKIP = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def version(root: Path = ROOT) -> str:
    """The course's version: ``[project] version`` in pyproject.toml."""
    with open(root / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def commit(root: Path = ROOT) -> str:
    """The commit the site is built from (short), or ``$GITHUB_SHA``, or ``"unknown"``."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=10", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
        )
        return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return os.environ.get("GITHUB_SHA", "")[:10] or "unknown"


def commit_time(root: Path = ROOT) -> tuple[int, int, int, int, int, int]:
    """The commit's date for the zip's entries (1980-01-01 outside a git checkout)."""
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "-1",
                "--format=%cd",
                "--date=format:%Y %m %d %H %M %S",
            ],
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
        )
        parts = tuple(int(part) for part in result.stdout.split())
        if len(parts) == 6:
            return parts
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    return (1980, 1, 1, 0, 0, 0)


def archive_files(root: Path = ROOT) -> list[Path]:
    """The files that go into the zip, relative to ``root``, sorted."""
    files = [Path(name) for name in FILES if (root / name).is_file()]
    files += [p.relative_to(root) for p in (root / "notebooks").glob("*.ipynb")]
    for folder in FOLDERS:
        for path in (root / folder).rglob("*"):
            relative = path.relative_to(root)
            if path.is_file() and not SKIP & set(relative.parts) and path.suffix != ".pyc":
                files.append(relative)
    return sorted(files)


def write_zip(outdir: Path, root: Path = ROOT) -> Path:
    """Write ``outdir/ZIP_NAME``; return its path."""
    top = f"intro-neural-networks-{version(root)}"
    when = commit_time(root)
    target = Path(outdir) / ZIP_NAME
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative in archive_files(root):
            info = zipfile.ZipInfo(f"{top}/{relative.as_posix()}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (root / relative).read_bytes())
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "zip":
        print("usage: python tools/site_downloads.py zip OUTDIR", file=sys.stderr)
        return 2
    print(write_zip(Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
