/* osteoload: "How are you feeling?" is never sent empty. Send with nothing ticked and no
 * note does not send: the page says what to do instead (tick, write, or tap "I'm fine").
 * The server refuses an empty report too, with the same words, when this script cannot run.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  function isEmpty(form) {
    if (form.querySelector('input[name="symptoms"]:checked')) {
      return false;
    }
    var note = form.querySelector('textarea[name="note"]');
    return !note || note.value.trim() === "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("feeling-form");
    var box = document.getElementById("feeling-empty");
    if (!form || !box) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (!isEmpty(form)) {
        box.textContent = "";
        return;
      }
      event.preventDefault();
      box.innerHTML = "";
      var message = document.createElement("p");
      message.className = "error";
      message.setAttribute("role", "alert");
      message.textContent = form.getAttribute("data-empty-message");
      box.appendChild(message);
    });
    form.addEventListener("change", function () {
      if (!isEmpty(form)) {
        box.textContent = "";
      }
    });
  });
})();
