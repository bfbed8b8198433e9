// Search ranking (loaded before Sphinx's searchtools.js, which keeps a Scorer defined first).
// Every lesson has a heading "What you will learn", so for "learning rate" every page scored
// the same and the alphabetical order put 03 first. A page with a heading holding ALL the
// query's words (05's "8. The learning rate: set by trial-and-error") now comes first.
"use strict";
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    const index = typeof Search !== "undefined" ? Search._index : null;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 2);
    if (!index || !index.alltitles || words.length < 2) return score;
    const doc = index.docnames.indexOf(docname);
    for (const [title, places] of Object.entries(index.alltitles)) {
      const lower = title.toLowerCase();
      if (words.every((w) => lower.includes(w)) && places.some(([d]) => d === doc)) {
        return score + 20;
      }
    }
    return score;
  },
  // Sphinx's defaults, unchanged
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
