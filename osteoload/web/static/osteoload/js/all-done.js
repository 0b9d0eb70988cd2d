/* osteoload: "All done for today" comes with the answer to her last logged item (out of
 * band, at the top of the page and under the last item). The one under the items is
 * scrolled into view, so she sees it where she is; nothing else moves.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  function init() {
    if (!window.htmx) {
      return;
    }
    window.htmx.onLoad(function (elt) {
      if (elt.id === "all-done-end" && elt.textContent.trim() !== "" &&
          typeof elt.scrollIntoView === "function") {
        elt.scrollIntoView({ block: "nearest" });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
