"""Where the course lives on GitHub, and every URL derived from that address.

The address lives in one place: ``[tool.course]`` in ``pyproject.toml``
(``repository = "owner/name"``, ``branch = "main"``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import CourseError

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport with the same API
    import tomli as tomllib

INDEX = "00_index.ipynb"
TABLE_RE = re.compile(r"^\[tool\.course\]\s*$(.*?)(?=^\[|\Z)", re.M | re.S)
REPOSITORY_RE = re.compile(r"[\w.-]+/[\w.-]+")


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

    def binder(self, filename: str = INDEX) -> str:
        """Binder URL opening JupyterLab at ``notebooks/filename`` (default: the contents)."""
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

    def site(self) -> str:
        """The course's website on GitHub Pages (``owner.github.io/name/``)."""
        owner, name = self.repository.split("/")
        host = f"{owner.lower()}.github.io"
        return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def read_address(root: Path) -> Address:
    """Read ``[tool.course] repository`` and ``branch`` from ``root/pyproject.toml``."""
    with open(root / "pyproject.toml", "rb") as file:
        table = tomllib.load(file).get("tool", {}).get("course", {})
    repository, branch = table.get("repository"), table.get("branch", "main")
    if not isinstance(repository, str) or not REPOSITORY_RE.fullmatch(repository):
        raise CourseError('pyproject.toml needs [tool.course] repository = "owner/name"')
    return Address(repository, branch)


def write_address(address: Address, root: Path) -> bool:
    """Write the address into ``[tool.course]`` of pyproject.toml; return True if it changed.

    Only the two lines change, so the file's comments and layout stay as they are.
    """
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    match = TABLE_RE.search(text)
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


def git_remote(root: Path, remote: str = "origin") -> str:
    """Return ``git remote get-url REMOTE`` for the repository at ``root``."""
    result = subprocess.run(
        ["git", "remote", "get-url", remote],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if result.returncode != 0:
        raise CourseError(f"git remote get-url {remote} failed: {result.stderr.strip()}")
    return result.stdout.strip()
