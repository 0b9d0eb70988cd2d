/* osteoload: the installable app, on every page.
 *
 * - Registers the service worker (/sw.js, scope "/"; see sw.js for what it keeps and why).
 * - Says so when the page shown is a kept copy ("You are offline: showing what was saved")
 *   or when the connection drops while a page is open. The words are in the page
 *   (client/_offline_status.html), translated; none are made here.
 * - Never leaves one person's kept pages for another: when nobody is logged in (the login
 *   page) or someone else is, every kept page of anyone else is deleted; logging out deletes
 *   them too. A client's Today and How I feel pages are kept as soon as she has opened the
 *   app once, so she can read them in the gym even if she did not open them before.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var PAGES = "osteoload-pages";
  var OWNER = "X-Osteoload-Owner";

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") || "" : "";
  }

  function show(id, visible) {
    var el = document.getElementById(id);
    if (el) {
      el.hidden = !visible;
    }
  }

  /* Delete every kept page that is not this person's (all of them when nobody is in). */
  function forgetOthers(owner) {
    if (!window.caches) {
      return Promise.resolve();
    }
    if (owner.indexOf("c-") !== 0) {
      return window.caches.delete(PAGES);
    }
    return window.caches.open(PAGES).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (copy) {
            return copy && copy.headers.get(OWNER) === owner ? null : cache.delete(request);
          });
        }));
      });
    });
  }

  /* Ask the worker to keep her main pages that are not kept yet. */
  function keepHerPages(status) {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    var wanted = (status.getAttribute("data-keep") || "").split(" ").filter(Boolean);
    if (!worker || !wanted.length || !window.caches) {
      return;
    }
    window.caches.open(PAGES).then(function (cache) {
      return Promise.all(wanted.map(function (path) {
        var url = new URL(path, window.location.href).href;
        return cache.match(url).then(function (hit) {
          return hit ? null : url;
        });
      }));
    }).then(function (urls) {
      urls = urls.filter(Boolean);
      if (urls.length) {
        worker.postMessage({ type: "keep", urls: urls });
      }
    });
  }

  function register() {
    var link = document.querySelector('link[rel="manifest"][data-worker]');
    if (!link || !("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker.register(link.getAttribute("data-worker"), { scope: "/" })
      .catch(function () {
        // No worker (an old browser, or not over HTTPS): the app works online as before.
      });
  }

  function init() {
    var owner = meta("osteoload-user");
    forgetOthers(owner).catch(function () {});
    register();
    var status = document.getElementById("offline-status");
    if (meta("osteoload-copy") === "saved") {
      show("offline-copy", true);
    }
    show("offline-now", navigator.onLine === false && meta("osteoload-copy") !== "saved");
    window.addEventListener("offline", function () {
      show("offline-now", !document.getElementById("offline-copy") ||
        document.getElementById("offline-copy").hidden);
    });
    window.addEventListener("online", function () {
      show("offline-now", false);
    });
    if (status && owner.indexOf("c-") === 0 && meta("osteoload-copy") === "live") {
      if (navigator.serviceWorker && !navigator.serviceWorker.controller) {
        navigator.serviceWorker.addEventListener("controllerchange", function () {
          keepHerPages(status);
        });
      } else {
        keepHerPages(status);
      }
    }
    // Logging out: her kept pages go at once (the worker also deletes them when it sees
    // the logout request, and the login page deletes whatever is left).
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form && form.classList && form.classList.contains("logout")) {
        if (window.caches) {
          window.caches.delete(PAGES);
        }
        if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage({ type: "forget" });
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
