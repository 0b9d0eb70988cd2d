/* osteoload: the rest timer on the client's "Today" page.
 *
 * When a set is logged, the server's answer replaces #rest-timer (out of band) with the
 * timer's markup: its seconds (data-rest-seconds), the item it belongs to (data-rest-for),
 * its words and its buttons. This script puts it in the page's flow right under that item's
 * "Done" button, so it never covers a control (the next set can be logged at any time),
 * counts down, lets her take 15 seconds off or add them, and at the end sounds and vibrates
 * (signal.js) and says so. No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var ticking = null;
  var endsAt = 0;

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function stop() {
    if (ticking !== null) {
      window.clearInterval(ticking);
      ticking = null;
    }
  }

  function part(box, selector) {
    return box.querySelector(selector);
  }

  function left() {
    return Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
  }

  function show(box) {
    var count = part(box, ".rest-count");
    if (count) {
      count.textContent = clock(left());
    }
  }

  function finish(box) {
    stop();
    box.classList.add("rest-over");
    show(box);
    var status = part(box, ".rest-status");
    if (status) {
      status.textContent = box.getAttribute("data-over-text") || "";
    }
    var close = part(box, ".rest-close");
    if (close) {
      close.textContent = box.getAttribute("data-ok-text") || close.textContent;
    }
    Array.prototype.forEach.call(box.querySelectorAll(".rest-step"), function (button) {
      button.hidden = true;
    });
    if (window.osteoloadSignal) {
      window.osteoloadSignal("end");
    }
  }

  function tick(box) {
    if (!document.contains(box)) {
      stop();
      return;
    }
    show(box);
    if (left() <= 0) {
      finish(box);
    }
  }

  function place(box) {
    // In the flow, under the "Done" button of the item she has just logged.
    var key = box.getAttribute("data-rest-for");
    var item = key ? document.getElementById("item-" + key) : null;
    var form = item ? item.querySelector("form.log-form") : null;
    if (form && form.nextElementSibling !== box) {
      form.parentNode.insertBefore(box, form.nextElementSibling);
    }
  }

  function start(box) {
    var total = parseInt(box.getAttribute("data-rest-seconds"), 10);
    if (!(total > 0)) {
      return;
    }
    stop();
    place(box);
    endsAt = Date.now() + total * 1000;
    box.hidden = false;
    box.classList.remove("rest-over");
    Array.prototype.forEach.call(box.querySelectorAll("button"), function (button) {
      button.hidden = false;
    });
    Array.prototype.forEach.call(box.querySelectorAll(".rest-step"), function (button) {
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-step"), 10) || 0;
        endsAt = Math.max(Date.now(), endsAt + step * 1000);
        tick(box);
      });
    });
    var close = part(box, ".rest-close");
    if (close) {
      close.addEventListener("click", function () {
        stop();
        box.hidden = true;
      });
    }
    tick(box);
    ticking = window.setInterval(function () {
      tick(box);
    }, 250);
    if (typeof box.scrollIntoView === "function") {
      box.scrollIntoView({ block: "nearest" });
    }
  }

  function init() {
    if (!window.htmx) {
      return;
    }
    window.htmx.onLoad(function (elt) {
      var box = null;
      if (elt.id === "rest-timer") {
        box = elt;
      } else if (elt.querySelector) {
        box = elt.querySelector("#rest-timer[data-rest-seconds]");
      }
      if (box && box.hasAttribute("data-rest-seconds")) {
        start(box);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
