"""Build the course's JupyterLite edition: ``python -m lite.build OUTDIR`` (run with ``tools/``
on the path; ``bash tools/build_site.sh`` calls it with OUTDIR = the site's ``lite/``).

Where the Pyodide files come from: ``--pyodide SOURCE`` or the environment variable
``COURSE_PYODIDE`` (a folder, the release's .tar.bz2, or a zip/wheel holding the distribution);
by default the official release archive of the pinned version, downloaded once into the cache.
Whatever the source, only files that match npm's ``pyodide`` package of that version (pinned in
``tools/lite/package-lock.json``, installed with ``npm ci``) are shipped (see ``pyodide_dist``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from . import PYODIDE_VERSION, pyodide_dist
from .notebooks import write_lite_notebooks
from .pyodide_dist import PyodideError, sha256

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RELEASE = (
    f"https://github.com/pyodide/pyodide/releases/download/{PYODIDE_VERSION}"
    f"/pyodide-{PYODIDE_VERSION}.tar.bz2"
)
# The lab extensions the edition needs from this environment (others installed here, such as
# Notebook 7's lab extension, are left out: they are built for another JupyterLab).
EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager")
APPS = ("lab", "notebooks", "tree", "edit")
SETTINGS = {
    # no news or update checks: they would be requests to other hosts
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # every cell stays in the page: a widget scrolled away keeps its view (and its state)
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def log(message: str) -> None:
    print(f"build_lite: {message}", flush=True)


def upstream_pyodide() -> Path:
    """npm's pyodide package (the lock and the core files), installed by ``npm ci`` if absent."""
    folder = HERE / "node_modules" / "pyodide"
    if not (folder / pyodide_dist.LOCK).is_file():
        log("npm ci in tools/lite (the pinned pyodide package: its lock verifies every file)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    if version != PYODIDE_VERSION:
        raise PyodideError(f"tools/lite/node_modules has pyodide {version}, not {PYODIDE_VERSION}")
    return folder


def pyodide_source(given: str | None, cache: Path) -> Path:
    """The Pyodide source: the one given, else the release archive (downloaded once)."""
    if given:
        return Path(given)
    archive = cache / RELEASE.rsplit("/", 1)[1]
    if not archive.is_file():
        log(f"downloading the Pyodide {PYODIDE_VERSION} release archive to {archive}")
        cache.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(RELEASE, timeout=600) as response, open(archive, "wb") as f:
            shutil.copyfileobj(response, f)
    return archive


def pinned_wheels(cache: Path) -> list[Path]:
    """The wheels of ``wheels.txt``, each checked against its hash (pip fetches missing ones)."""
    pins = []
    for line in (HERE / "wheels.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            spec, digest = line.split(" --hash=sha256:")
            pins.append((spec.split("==")[0], spec.split("==")[1], digest.strip()))
    folder = cache / "wheels"
    found = {p.name: p for p in folder.glob("*.whl")} if folder.is_dir() else {}
    wanted = {}
    for name, version, digest in pins:
        path = next((p for n, p in found.items() if n.startswith(f"{name}-{version}-")), None)
        if path is None or sha256(path.read_bytes()) != digest:
            pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            pip += ["--only-binary=:all:", "-d", str(folder), f"{name}=={version}"]
            subprocess.run(pip, check=True)
            path = next(folder.glob(f"{name}-{version}-*.whl"))
        if sha256(path.read_bytes()) != digest:
            raise PyodideError(f"{path.name}: sha256 differs from tools/lite/wheels.txt")
        wanted[name] = path
    return list(wanted.values())


def course_wheel(dest: Path) -> Path:
    """The ``helpers`` package as a wheel, built from this checkout."""
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest)]
    try:  # offline with this environment's setuptools (requirements-site.txt pins one)
        from setuptools import __version__ as setuptools_version

        if int(setuptools_version.split(".")[0]) >= 77:  # pyproject.toml's build requirement
            pip += ["--no-build-isolation", "--no-index"]
    except ImportError:
        pass
    subprocess.run([*pip, str(ROOT)], check=True)
    return next(dest.glob("*.whl"))


def lite_config(work: Path, wheels: list[Path]) -> dict:
    """``jupyter_lite_config.json``: the apps, the extensions and the wheels."""
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    return {
        "LiteBuildConfig": {
            "apps": list(APPS),
            "contents": [str(work / "files")],
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(labextensions / e) for e in EXTENSIONS],
            "no_sourcemaps": True,
        },
        "PipliteAddon": {"piplite_urls": [str(w) for w in wheels]},
    }


def jupyter_lite_json() -> dict:
    """The page's configuration: the course's name, and never PyPI (everything is served here)."""
    kernel = {"disablePyPIFallback": True}
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Introduction to Neural Networks",
            "exposeAppInBrowser": True,
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel},
        },
    }


def build(out: Path, source: str | None, cache: Path) -> None:
    upstream = upstream_pyodide()
    with tempfile.TemporaryDirectory(prefix="build-lite.") as tmp:
        work, lite_dir = Path(tmp), Path(tmp) / "lite"
        names = pyodide_dist.install(
            pyodide_source(source, cache), upstream, lite_dir / "static" / "pyodide"
        )
        log(f"Pyodide {PYODIDE_VERSION}: {len(names)} packages, each verified against the lock")
        notebooks = write_lite_notebooks(ROOT / "notebooks", work / "files")
        wheels = [course_wheel(work / "wheel"), *pinned_wheels(cache)]
        for name, data in (
            ("jupyter_lite_config.json", lite_config(work, wheels)),
            ("jupyter-lite.json", jupyter_lite_json()),
            ("overrides.json", SETTINGS),
        ):
            (lite_dir / name).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        lite = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir)]
        lite += ["--output-dir", str(out), "--settings-overrides", str(lite_dir / "overrides.json")]
        run_quietly(lite, lite_dir)
    problems = pyodide_dist.verify(out / "static" / "pyodide", upstream)
    if problems:
        raise PyodideError("the built site's Pyodide:\n  " + "\n  ".join(problems))
    pyodide = size(out / "static" / "pyodide")
    log(f"{len(notebooks)} notebooks; {size(out)} in {out} (of which Pyodide {pyodide})")


def run_quietly(cmd: list[str], cwd: Path) -> None:
    """Run ``jupyter lite build``; its task-by-task log is shown only if it fails."""
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    if done.returncode:
        print(done.stdout[-6000:], done.stderr[-6000:], sep="\n", file=sys.stderr)
        raise subprocess.CalledProcessError(done.returncode, cmd[:4])


def size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1e6:.1f} MB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (replaced)")
    parser.add_argument("--pyodide", default=os.environ.get("COURSE_PYODIDE"))
    parser.add_argument("--cache", type=Path, default=ROOT / "_build" / "lite-cache")
    args = parser.parse_args(argv)
    try:
        build(args.out.resolve(), args.pyodide, args.cache.resolve())
    except (PyodideError, subprocess.CalledProcessError, OSError) as error:
        print(f"build_lite: FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
