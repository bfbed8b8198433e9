"""What a lecturer and a student need around the lessons (a Sphinx extension, loaded by conf.py).

* The footer of every page (``_templates/course-edition.html``): the course's version and the
  commit the site was built from, links to the notebooks' zip, the PDF edition and the citation
  file, and an "open an issue about this page" link with the page named in the issue's title.
* Under each notebook's header a short note says how to run it: online with the badges, or
  downloaded, which needs the ``helpers`` package (the zip or the README's install).

The zip and the PDF are written by ``tools/build_site.sh`` next to the pages
(``tools/site_downloads.py`` names them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import site_downloads  # noqa: E402

RUN_NOTE = (
    "```{admonition} Run this notebook yourself\n"
    ":class: tip course-run-note\n\n"
    "Online: the *Open in Colab* or *launch binder* badge above (nothing to install). "
    "Downloaded (the download button at the top of the page): it imports the course's "
    "`helpers` package, so it runs only next to it. Take "
    '<a href="ZIP">all notebooks with <code>helpers</code></a> (a zip), unpack it and, in '
    "that folder, "
    "`pip install -r requirements.txt && jupyter lab notebooks/`, or follow the README's "
    "install.\n```"
)


def run_note_cell() -> dict:
    """A markdown cell with the note on running a downloaded notebook."""
    source = RUN_NOTE.replace("ZIP", site_downloads.ZIP_NAME)
    return {"cell_type": "markdown", "id": "course-run-note", "metadata": {}, "source": source}


def add_run_note(nb: dict) -> bool:
    """Put the note after the header cell (``<!-- header -->``); False if there is none."""
    for index, cell in enumerate(nb.get("cells", [])):
        text = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown" and text.lstrip().startswith("<!-- header -->"):
            nb["cells"].insert(index + 1, run_note_cell())
            return True
    return False


def issue_url(repository_url: str, pagename: str, title: str) -> str:
    """A new-issue link on GitHub naming the page."""
    query = urlencode({"title": f"Page {pagename}: ", "body": f"About the page '{title}':\n\n"})
    return f"{repository_url}/issues/new?{query}"


def on_source_read(app, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    if add_run_note(nb):
        source[0] = json.dumps(nb)


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    repository = app.config.html_theme_options.get("repository_url", "")
    title = context.get("title") or pagename
    context["course_version"] = app.config.course_version
    context["course_commit"] = app.config.course_commit
    context["course_zip"] = site_downloads.ZIP_NAME
    context["course_pdf"] = site_downloads.PDF_NAME
    context["course_issue_url"] = issue_url(repository, pagename, str(title)) if repository else ""
    context["course_citation_url"] = f"{repository}/blob/main/CITATION.cff" if repository else ""


def setup(app):
    app.add_config_value("course_version", site_downloads.version(ROOT), "html")
    app.add_config_value("course_commit", site_downloads.commit(ROOT), "html")
    app.connect("source-read", on_source_read, priority=600)
    app.connect("html-page-context", on_html_page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
