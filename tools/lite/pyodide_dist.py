"""The self-hosted Pyodide of the lite edition: a verified subset of one upstream release.

The files are read from a *source*: a folder holding a Pyodide distribution, the official
release archive (``pyodide-<version>.tar.bz2``), or any zip (a wheel, say) with such a folder
inside. Only two kinds of file are taken from it, and each is checked before it is written:

* the core (``pyodide.js``, ``pyodide.asm.wasm``, ...), compared byte for byte with the same
  file in npm's ``pyodide`` package of the pinned version;
* the package wheels of the closure of :data:`ROOTS` under the lock's ``depends``, whose
  sha256 must equal the one npm's ``pyodide-lock.json`` gives.

The ``pyodide-lock.json`` written beside them is npm's, cut down to the shipped packages, so
the kernel cannot ask for a package the site does not serve. Nothing else in the source is read.
"""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
import zipfile
from pathlib import Path

# What the course imports, and what the Pyodide kernel itself loads (micropip for piplite,
# IPython with sqlite3 for its history, ssl, jedi for Tab completion).
ROOTS = ("numpy", "matplotlib", "scikit-learn", "micropip", "ipython", "sqlite3", "ssl", "jedi")
CORE = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"


class PyodideError(Exception):
    """The source or the lock is not what the build needs (the message says which file)."""


def normalise(name: str) -> str:
    """A package name as the lock's keys spell it (``prompt_toolkit`` -> ``prompt-toolkit``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict, roots=ROOTS) -> list[str]:
    """The lock's package names needed by ``roots`` (themselves included), sorted."""
    packages = {normalise(k): v for k, v in lock["packages"].items()}
    seen: set[str] = set()
    todo = [normalise(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise PyodideError(f"{LOCK}: no package {name!r} (needed by the course or the kernel)")
        seen.add(name)
        todo.extend(normalise(d) for d in packages[name]["depends"])
    return sorted(seen)


def shipped_lock(lock: dict, names: list[str]) -> dict:
    """The lock cut down to ``names`` (the ``info`` block kept as it is)."""
    keep = set(names)
    packages = {k: v for k, v in lock["packages"].items() if normalise(k) in keep}
    return {**lock, "packages": packages}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Source:
    """Read files by name from a Pyodide distribution in a folder, a .tar.bz2 or a zip."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.exists():
            raise PyodideError(f"Pyodide source {self.path} does not exist")
        if self.path.is_dir():
            members = [str(p) for p in self.path.rglob("*") if p.is_file()]
        elif tarfile.is_tarfile(self.path):
            self._tar = tarfile.open(self.path)
            members = [m.name for m in self._tar if m.isfile()]
        elif zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            members = [n for n in self._zip.namelist() if not n.endswith("/")]
        else:
            raise PyodideError(f"Pyodide source {self.path}: not a folder, tar or zip archive")
        # Files are only taken from the folder that holds pyodide.asm.wasm, never elsewhere.
        wasm = [m for m in members if m.rsplit("/", 1)[-1] == "pyodide.asm.wasm"]
        if not wasm:
            raise PyodideError(f"Pyodide source {self.path}: no pyodide.asm.wasm in it")
        folder = wasm[0].rsplit("/", 1)[0]
        self._names = {m.rsplit("/", 1)[-1]: m for m in members if m.rsplit("/", 1)[0] == folder}

    def read(self, name: str) -> bytes:
        member = self._names.get(name)
        if member is None:
            raise PyodideError(f"Pyodide source {self.path}: {name} is missing")
        if self.path.is_dir():
            return Path(member).read_bytes()
        if hasattr(self, "_tar"):
            return self._tar.extractfile(member).read()
        return self._zip.read(member)


def install(source: Path, upstream: Path, dest: Path, roots=ROOTS) -> list[str]:
    """Write the verified Pyodide into ``dest`` (the kernel's ``static/pyodide``).

    ``upstream`` is npm's ``pyodide`` package folder of the pinned version (its lock and core).
    Returns the shipped package names. Raises :class:`PyodideError` on any mismatch.
    """
    lock = json.loads((upstream / LOCK).read_text(encoding="utf-8"))
    names = closure(lock, roots)
    src = Source(source)
    dest.mkdir(parents=True, exist_ok=True)
    for core in CORE:
        data = src.read(core)
        if data != (upstream / core).read_bytes():
            raise PyodideError(f"{core} from {source} differs from npm pyodide's")
        (dest / core).write_bytes(data)
    cut = shipped_lock(lock, names)
    for entry in cut["packages"].values():
        data = src.read(entry["file_name"])
        if sha256(data) != entry["sha256"]:
            raise PyodideError(f"{entry['file_name']} from {source}: sha256 differs from the lock")
        (dest / entry["file_name"]).write_bytes(data)
    text = json.dumps(cut, indent=1, sort_keys=True) + "\n"
    (dest / LOCK).write_text(text, encoding="utf-8")
    return names


def verify(dest: Path, upstream: Path) -> list[str]:
    """Problems with a built ``static/pyodide`` folder: files not in the pinned release, files
    whose bytes differ from it, lock entries that are not upstream's. Empty when all is well."""
    lock = json.loads((upstream / LOCK).read_text(encoding="utf-8"))
    shipped = json.loads((dest / LOCK).read_text(encoding="utf-8"))
    problems = []
    if shipped.get("info") != lock["info"]:
        problems.append(f"{LOCK}: info {shipped.get('info')} is not the pinned release's")
    wanted = {}
    for key, entry in shipped["packages"].items():
        if lock["packages"].get(key) != entry:
            problems.append(f"{LOCK}: entry {key!r} is not upstream's")
        wanted[entry["file_name"]] = entry["sha256"]
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        name = path.relative_to(dest).as_posix()
        if name == LOCK:
            continue
        if name in CORE:
            ok = path.read_bytes() == (upstream / name).read_bytes()
        elif name in wanted:
            ok = sha256(path.read_bytes()) == wanted.pop(name)
        else:
            problems.append(f"{name}: not a file of the pinned Pyodide release")
            continue
        if not ok:
            problems.append(f"{name}: bytes differ from the pinned Pyodide release")
    problems += [f"{name}: in the lock but not shipped" for name in sorted(wanted)]
    problems += [f"{core}: missing" for core in CORE if not (dest / core).is_file()]
    return problems
