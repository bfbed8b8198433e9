"""The notebooks as the lite edition serves them, made from the committed ones at build time.

Four changes, none of them to the committed files:

* the setup cell is the generator's (``coursekit.generate.setup_source``), so the edition
  installs ``helpers`` even before the committed notebooks are regenerated;

* the kernelspec names the in-browser kernel (``python``, Pyodide), so JupyterLite opens the
  notebook without a "Select Kernel" dialog (a local Jupyter needs ``python3``: the committed
  notebooks keep it);
* the Colab and Binder badge *images* become text links: an image would be a request to
  another host each time the notebook opens;
* stored widget views are dropped from outputs that also carry a still (the picture or text
  stays): their models live only in the kernel that made them, so the page would show
  "Error displaying widget" until the cell runs again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from coursekit.address import read_address
from coursekit.generate import setup_source

from . import LITE_KERNEL

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# [![Open In Colab](https://...badge.svg)](https://colab...) -> [Open In Colab](https://colab...)
BADGE_RE = re.compile(r"\[!\[([^\]]*)\]\(https?://[^)\s]+\)\]\(([^)\s]+)\)")


def text_badges(source: str) -> str:
    """Markdown with every linked badge image replaced by a text link of the same alt text."""
    return BADGE_RE.sub(r"[\1](\2)", source)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _without_widget_views(outputs: list) -> list:
    """Outputs with widget views dropped where a still is stored beside them."""
    kept = []
    for output in outputs:
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            data = {k: v for k, v in data.items() if k != WIDGET_VIEW}
            if not data:
                continue
            output = {**output, "data": data}
        kept.append(output)
    return kept


def lite_notebook(nb: dict, setup: str) -> dict:
    """A copy of the notebook JSON ``nb`` as the lite edition serves it (see the module doc);
    ``setup`` is the setup cell's source."""
    nb = json.loads(json.dumps(nb))
    nb.setdefault("metadata", {})["kernelspec"] = dict(LITE_KERNEL)
    nb["metadata"].pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            cell["source"] = text_badges(_source(cell))
        elif cell.get("cell_type") == "code":
            if "setup" in cell.get("metadata", {}).get("tags", []):
                cell["source"] = setup
            cell["outputs"] = _without_widget_views(cell.get("outputs", []))
    return nb


def write_lite_notebooks(notebooks: Path, dest: Path) -> list[str]:
    """Write the lite copy of every ``NN_*.ipynb`` in ``notebooks`` into ``dest``."""
    setup = setup_source(read_address(notebooks.parent))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        nb = lite_notebook(json.loads(path.read_text(encoding="utf-8")), setup)
        text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        (dest / path.name).write_text(text, encoding="utf-8")
        written.append(path.name)
    return written
