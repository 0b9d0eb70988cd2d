/* osteoload: exactly once. Every form with an "idempotency_key" field (a logged set, a tick,
 * a report) carries a key made here, one per set: a double tap or a retried request sends
 * the same key again, and the server answers what it answered the first time without
 * storing anything more (see docs/api.md, "Exactly once").
 *
 * - A page gets fresh keys when it is shown (also when the browser shows it again from its
 *   history, so a form sent before is not mistaken for a repeat).
 * - After an answer arrives, the form gets a new key for its next set. After a lost answer
 *   (no connection) the key is kept until offline-queue.js has kept the request with it (to
 *   send it again, the same request) and given the form a new key.
 * - An answer the server gives again ("Idempotent-Replayed") is not shown twice.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var FIELD = "idempotency_key";
  var shown = {};

  function newKey() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") {
      return c.randomUUID();
    }
    // randomUUID needs a secure context; getRandomValues works everywhere.
    var bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = "";
    for (var i = 0; i < bytes.length; i++) {
      hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  function keyInput(form) {
    return form && form.querySelector ? form.querySelector('input[name="' + FIELD + '"]') : null;
  }

  function renewAll() {
    var inputs = document.querySelectorAll('input[name="' + FIELD + '"]');
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].value = newKey();
    }
  }

  // The offline queue (offline-queue.js) gives a form a new key once it has kept its set.
  window.osteoloadNewKey = newKey;

  document.addEventListener("DOMContentLoaded", renewAll);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      renewAll();
    }
  });

  // The key this request was sent with, kept on the request for the answer's handlers.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var input = keyInput(event.detail.elt);
    if (input && event.detail.xhr) {
      event.detail.xhr.osteoloadKey = input.value;
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var key = xhr && xhr.osteoloadKey;
    if (!key || xhr.status >= 400) {
      return;
    }
    if (shown[key] && xhr.getResponseHeader("Idempotent-Replayed")) {
      event.detail.shouldSwap = false; // the first answer is on the page already
      return;
    }
    shown[key] = true;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var input = keyInput(event.detail.elt);
    if (input && xhr && xhr.status !== 0) {
      input.value = newKey(); // answered: the next set is a new request
    }
  });
})();
