"""The JupyterLite edition's build pieces (tools/lite/) and, when it is built, the edition in
``_build/site/lite/``: every Pyodide file is the pinned upstream release's, the shipped lock
holds only upstream entries, and no configuration names a CDN."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from lite import pyodide_dist  # noqa: E402
from lite.notebooks import lite_notebook, text_badges  # noqa: E402

UPSTREAM = ROOT / "tools" / "lite" / "node_modules" / "pyodide"
LITE = ROOT / "_build" / "site" / "lite"
CDN_HINTS = ("cdn.jsdelivr", "unpkg.com", "cdnjs", "pyodide.org", "pypi.org", "files.python")


def _lock():
    if not (UPSTREAM / pyodide_dist.LOCK).is_file():
        pytest.skip("npm ci in tools/lite first (the pinned pyodide package)")
    return json.loads((UPSTREAM / pyodide_dist.LOCK).read_text(encoding="utf-8"))


def test_closure_has_the_course_and_not_pandas():
    names = pyodide_dist.closure(_lock())
    for needed in ("numpy", "matplotlib", "scikit-learn", "scipy", "threadpoolctl", "micropip"):
        assert needed in names
    assert "pandas" not in names and "pyarrow" not in names


def test_closure_follows_underscored_dependencies():
    lock = {"packages": {"a": {"depends": ["b_c"]}, "b-c": {"depends": []}, "d": {"depends": []}}}
    assert pyodide_dist.closure(lock, roots=("a",)) == ["a", "b-c"]
    with pytest.raises(pyodide_dist.PyodideError, match="no package 'x'"):
        pyodide_dist.closure(lock, roots=("x",))


def test_lite_notebook_kernel_badges_and_setup():
    nb = {
        "metadata": {"kernelspec": {"name": "python3"}},
        "cells": [
            {"cell_type": "markdown", "source": "[![Colab](https://x.test/b.svg)](https://c.test)"},
            {"cell_type": "code", "metadata": {"tags": ["setup"]}, "source": "old", "outputs": []},
        ],
    }
    out = lite_notebook(nb, "new setup")
    assert out["metadata"]["kernelspec"]["name"] == "python"
    assert out["cells"][0]["source"] == "[Colab](https://c.test)"
    assert out["cells"][1]["source"] == "new setup"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"  # the input is left alone
    assert text_badges("plain [link](https://a.test)") == "plain [link](https://a.test)"


@pytest.mark.parametrize("kind", ["folder", "tar.bz2", "zip"])
def test_source_reads_the_release_folder_of_each_kind_of_archive(tmp_path, kind):
    """The official release is a .tar.bz2 (what pages.yml downloads), CI's copy a wheel (a zip),
    a developer's a folder: each gives the same bytes, and only from the folder that holds
    pyodide.asm.wasm (a file of the same name elsewhere in the archive is never taken)."""
    import tarfile
    import zipfile

    files = {
        "pyodide/pyodide.asm.wasm": b"wasm",
        "pyodide/numpy-2.0.2.whl": b"numpy",
        "elsewhere/numpy-2.0.2.whl": b"not upstream",
        "elsewhere/extra.whl": b"not upstream",
    }
    tree = tmp_path / "tree"
    for name, data in files.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(data)
    if kind == "folder":
        path = tree
    elif kind == "tar.bz2":
        path = tmp_path / "pyodide-0.27.7.tar.bz2"
        with tarfile.open(path, "w:bz2") as tar:
            for name in files:
                tar.add(tree / name, arcname=name)
    else:
        path = tmp_path / "pyodide.whl"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in files.items():
                zf.writestr(f"pkg/assets/{name}", data)
    source = pyodide_dist.Source(path)
    assert source.read("pyodide.asm.wasm") == b"wasm"
    assert source.read("numpy-2.0.2.whl") == b"numpy"
    with pytest.raises(pyodide_dist.PyodideError, match="extra.whl is missing"):
        source.read("extra.whl")


def test_install_rejects_a_changed_wheel(tmp_path):
    lock = _lock()
    source = tmp_path / "src"
    source.mkdir()
    for core in pyodide_dist.CORE:
        (source / core).write_bytes((UPSTREAM / core).read_bytes())
    entry = lock["packages"]["micropip"]
    (source / entry["file_name"]).write_bytes(b"not the wheel")
    with pytest.raises(pyodide_dist.PyodideError, match="sha256 differs"):
        pyodide_dist.install(source, UPSTREAM, tmp_path / "out", roots=("micropip",))


def _built():
    if not (LITE / "jupyter-lite.json").is_file():
        pytest.skip("no lite edition built: bash tools/build_site.sh")
    return LITE


def test_built_pyodide_is_the_pinned_release():
    _lock()
    problems = pyodide_dist.verify(_built() / "static" / "pyodide", UPSTREAM)
    assert not problems, "\n".join(problems)
    shipped = json.loads(
        (LITE / "static" / "pyodide" / pyodide_dist.LOCK).read_text(encoding="utf-8")
    )
    assert "provisa-client" not in shipped["packages"]
    assert not any("pandas" in k or "pyarrow" in k for k in shipped["packages"])


def test_built_config_names_no_cdn():
    lite = _built()
    configs = [*lite.glob("**/jupyter-lite.json"), *lite.glob("**/overrides.json")]
    assert configs
    for path in configs:
        text = path.read_text(encoding="utf-8")
        for hint in CDN_HINTS:
            assert hint not in text, f"{path.relative_to(lite)} names {hint}"
    data = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = data["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    assert kernel["pyodideUrl"].startswith("./")
    assert kernel["disablePyPIFallback"] is True


def test_built_notebooks_use_the_lite_kernel():
    for path in sorted((_built() / "files").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python", path.name
