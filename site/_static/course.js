// The course's additions to the book theme (site/conf.py loads this file on every page).
"use strict";

// The sidebar buttons. pydata-sphinx-theme 0.17+ (its #2451) and sphinx-book-theme 1.4 (its
// #988) attach their click handlers to the FIRST `.primary-toggle` / `.secondary-toggle` of
// the page: the hidden one in the theme's top bar. The visible button in the article header
// then does nothing below 992 px (no drawer) and at 1280 px (no collapse). Until upstream
// fixes it, a click on any other toggle is handed to the first one, which does the right thing
// for the width: a drawer on a phone, collapsing the sidebar on a wide screen.
function courseForwardSidebarToggles() {
  for (const kind of ["primary", "secondary"]) {
    const toggles = Array.from(document.querySelectorAll(`.${kind}-toggle`));
    const wired = toggles[0];
    const sidebar = document.getElementById(`pst-${kind}-sidebar`);
    for (const button of toggles.slice(1)) {
      button.setAttribute("aria-controls", `pst-${kind}-sidebar`);
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        wired.click();
        if (sidebar) {
          const hidden = sidebar.classList.contains("pst-sidebar-hidden");
          button.setAttribute("aria-expanded", String(!hidden));
        }
      });
    }
  }
}

// A display formula wider than its column scrolls inside its box; a keyboard user must be able
// to scroll it, so only such a formula becomes a Tab stop (MathJax's inTabOrder is off).
function courseFocusableWideFormulas() {
  for (const box of document.querySelectorAll('mjx-container[display="true"]')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
    } else if (box.tabIndex === 0) {
      box.tabIndex = -1;
    }
  }
}

// Search result snippets: Sphinx takes the text of the whole `[role=main]` block, which in this
// theme begins with the header's menus ("System Settings Light Dark ..."); take the article's
// prose only (no code cells, no header).
function courseSearchSnippets() {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const original = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const article = page.querySelector("article.bd-article");
    if (!article) return original(htmlString, anchor);
    for (const query of [".headerlink", "script", "style", ".cell_input", ".course-run-note"]) {
      article.querySelectorAll(query).forEach((el) => el.remove());
    }
    const part = anchor ? article.querySelector(anchor) : null;
    return (part || article).textContent;
  };
}

courseSearchSnippets();
document.addEventListener("DOMContentLoaded", () => {
  courseForwardSidebarToggles();
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    MathJax.startup.promise.then(courseFocusableWideFormulas);
  }
  window.addEventListener("resize", () => window.requestAnimationFrame(courseFocusableWideFormulas));
});
