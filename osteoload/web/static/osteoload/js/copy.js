/* osteoload: copy buttons. <button data-copy="ID" data-status="ID2" data-copied="words">
 * copies the value (or the text) of the element #ID to the clipboard and says so in #ID2 (a
 * role="status" box). The button is hidden in the page and shown here, so without this
 * script nothing offers a copy that cannot happen: the text stays selectable by hand.
 * No inline handlers (the Content-Security-Policy allows none); plain JavaScript, no build.
 */
(function () {
  "use strict";

  function textOf(element) {
    return "value" in element ? element.value : element.textContent;
  }

  function say(button, words) {
    var box = document.getElementById(button.getAttribute("data-status") || "");
    if (box) {
      box.textContent = words;
    }
  }

  function selectAndCopy(element) {
    // Older browsers, or a page not served over HTTPS: copy the selection.
    if (typeof element.select === "function") {
      element.focus();
      element.select();
    }
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var element = document.getElementById(button.getAttribute("data-copy") || "");
    if (!element) {
      return;
    }
    var done = button.getAttribute("data-copied") || "Copied.";
    var failed = "It could not be copied here: select it and copy it yourself.";
    var text = textOf(element);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () {
          say(button, done);
        },
        function () {
          say(button, selectAndCopy(element) ? done : failed);
        }
      );
      return;
    }
    say(button, selectAndCopy(element) ? done : failed);
  }

  function start() {
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
