"""Sphinx configuration of the course's website.

Built by ``bash tools/build_site.sh`` from the committed notebooks in ``notebooks/`` (this file
is found with ``-c site``): MyST-NB renders their stored outputs (nothing is executed), the book
theme gives navigation, search and the Colab/Binder launch buttons, and ``course_site`` (beside
this file) adds the course's own touches. Addresses come from ``[tool.course]`` in pyproject.toml.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tools"), str(Path(__file__).resolve().parent)]

from coursekit.address import read_address  # noqa: E402
from coursekit.generate import COURSE_NAME  # noqa: E402

address = read_address(ROOT)

project = COURSE_NAME
author = "MALI 2024, lecture II"
copyright = "MALI 2024; text CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_nb", "course_site", "site_offline", "site_edition", "site_figures"]
extensions.append("lite_launch")  # "Run in your browser" (JupyterLite, h17)
root_doc = "00_index"  # the contents page; course_site also writes it as index.html
exclude_patterns = ["**/.ipynb_checkpoints"]

nb_execution_mode = "off"  # the committed outputs, as they are
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# MathJax from the site itself (site_offline copies npm's mathjax 4 into _static/mathjax/). This
# configuration is extended by MyST (it adds processHtmlClass), not replaced. Formulas are not
# Tab stops (inTabOrder): the keyboard goes from link to link.
mathjax_path = "mathjax/tex-mml-chtml.js"
mathjax4_config = {
    "loader": {"paths": {"fonts": "[mathjax]/fonts"}},
    "options": {"a11y": {"inTabOrder": False}},
    "output": {"displayOverflow": "linebreak"},
}
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["course.css"]
html_js_files = [("course-scorer.js", {"priority": 100}), ("course.js", {"defer": "defer"})]
# The book theme's sidebar, with the site title inside a landmark (_templates/course-logo.html).
html_sidebars = {"**": ["course-logo.html", "search-button-field.html", "sbt-sidebar-nav.html"]}

html_theme = "sphinx_book_theme"
html_title = COURSE_NAME
html_baseurl = address.site()
html_last_updated_fmt = None
html_show_sourcelink = False
html_theme_options = {
    "repository_url": address.github(),
    "repository_branch": address.branch,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "show_navbar_depth": 1,
    # The edition (version, commit), the downloads and the issue link (site_edition.py).
    "footer_content_items": ["course-edition.html", "copyright.html"],
}
