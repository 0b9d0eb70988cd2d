/* osteoload: the hold timer of a timed hold (a one-leg stand, a plank) on "Today".
 *
 * A hold's fields (.set-fields[data-hold-seconds]) carry a hidden "Start the timer" button,
 * shown here. A tap counts the hold down, large and visible; at the end it sounds and
 * vibrates (signal.js), writes the seconds held into the box and says to tap Done. "Stop"
 * ends it early and writes the seconds she held. The box is never filled before she holds:
 * what is logged is what she did. No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var running = null; // {fields, endsAt, startedAt, seconds, interval}

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function parts(fields) {
    return {
      button: fields.querySelector(".hold-start"),
      timer: fields.querySelector(".hold-timer"),
      status: fields.querySelector(".hold-status"),
      input: fields.querySelector('input[name="hold_s"]')
    };
  }

  function words(fields, name, n) {
    var text = fields.getAttribute("data-" + name) || "";
    return text.replace("{n}", String(n));
  }

  function end(held, complete) {
    var r = running;
    running = null;
    window.clearInterval(r.interval);
    var p = parts(r.fields);
    p.timer.hidden = true;
    p.button.textContent = p.button.getAttribute("data-start-text");
    p.button.setAttribute("aria-pressed", "false");
    if (held >= 1 && p.input) {
      p.input.value = String(held);
    }
    p.status.textContent = complete
      ? words(r.fields, "done-text", held)
      : held >= 1 ? words(r.fields, "stopped-text", held) : "";
    if (complete && window.osteoloadSignal) {
      window.osteoloadSignal("end");
    }
  }

  function tick() {
    var r = running;
    if (!r) {
      return;
    }
    if (!document.contains(r.fields)) {
      window.clearInterval(r.interval);
      running = null;
      return;
    }
    var left = Math.max(0, Math.ceil((r.endsAt - Date.now()) / 1000));
    parts(r.fields).timer.textContent = clock(left);
    if (left <= 0) {
      end(r.seconds, true);
    }
  }

  function start(fields) {
    if (running) {
      var same = running.fields === fields;
      end(Math.floor((Date.now() - running.startedAt) / 1000), false);
      if (same) {
        return; // the button was "Stop"
      }
    }
    var seconds = parseInt(fields.getAttribute("data-hold-seconds"), 10);
    if (!(seconds > 0)) {
      return;
    }
    var p = parts(fields);
    if (!p.button.hasAttribute("data-start-text")) {
      p.button.setAttribute("data-start-text", p.button.textContent);
    }
    p.button.textContent = fields.getAttribute("data-stop-text") || p.button.textContent;
    p.button.setAttribute("aria-pressed", "true");
    p.status.textContent = "";
    p.timer.hidden = false;
    running = {
      fields: fields,
      seconds: seconds,
      startedAt: Date.now(),
      endsAt: Date.now() + seconds * 1000,
      interval: window.setInterval(tick, 250)
    };
    if (window.osteoloadSignal) {
      window.osteoloadSignal("start");
    }
    tick();
  }

  function reveal(root) {
    var all = [];
    if (root.matches && root.matches(".set-fields[data-hold-seconds]")) {
      all.push(root);
    }
    if (root.querySelectorAll) {
      all = all.concat(Array.prototype.slice.call(
        root.querySelectorAll(".set-fields[data-hold-seconds]")));
    }
    all.forEach(function (fields) {
      var button = fields.querySelector(".hold-start");
      if (button) {
        button.hidden = false;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".hold-start") : null;
    var fields = button ? button.closest(".set-fields[data-hold-seconds]") : null;
    if (fields) {
      start(fields);
    }
  });

  function init() {
    reveal(document);
    if (window.htmx) {
      window.htmx.onLoad(reveal);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
