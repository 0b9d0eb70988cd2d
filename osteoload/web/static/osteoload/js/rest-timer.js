/* osteoload: the rest timer on the client's "Today" page.
 *
 * When a set is logged, the server's answer replaces #rest-timer with an element carrying
 * data-rest-seconds. This script then counts down, visibly and for screen readers, and says
 * when the rest is over. A "Skip rest" button ends it early. No inline handlers.
 */
(function () {
  "use strict";

  var ticking = null;

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

  function finish(box) {
    stop();
    box.classList.add("rest-over");
    box.textContent = "";
    var text = document.createElement("p");
    text.className = "rest-text";
    text.setAttribute("role", "status");
    text.textContent = "Rest over. Ready for the next one.";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "rest-close";
    close.textContent = "OK";
    close.addEventListener("click", function () {
      box.hidden = true;
    });
    box.appendChild(text);
    box.appendChild(close);
    if (navigator.vibrate) {
      navigator.vibrate(200);
    }
  }

  function start(box) {
    var total = parseInt(box.getAttribute("data-rest-seconds"), 10);
    if (!(total > 0)) {
      return;
    }
    stop();
    var endsAt = Date.now() + total * 1000;
    box.hidden = false;
    box.classList.remove("rest-over");
    box.textContent = "";
    var label = document.createElement("p");
    label.className = "rest-text";
    var count = document.createElement("span");
    count.className = "rest-count";
    label.appendChild(document.createTextNode("Rest "));
    label.appendChild(count);
    var skip = document.createElement("button");
    skip.type = "button";
    skip.className = "rest-close";
    skip.textContent = "Skip rest";
    skip.addEventListener("click", function () {
      stop();
      box.hidden = true;
    });
    box.appendChild(label);
    box.appendChild(skip);

    function tick() {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      count.textContent = clock(left);
      if (left <= 0) {
        finish(box);
      }
    }
    tick();
    ticking = window.setInterval(tick, 1000);
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
