/* osteoload: the service worker. Served from the site's root as /sw.js by
 * osteoload/web/views/pwa.py, which puts one line in front of this file:
 *   self.OSTEOLOAD_SW = {version, shell: [static URLs], static, login, logout, start,
 *                        pictures};
 *
 * What it does:
 * - The app shell (stylesheet, scripts, icons) is kept at install and served from the
 *   cache first, so pages look right without a connection; the exercise pictures (the same
 *   for everyone) are kept the same way once seen. A new version of any shell file
 *   changes the version and installs a new worker, which drops the old shell.
 * - A client's own pages (Today, How I feel, ...) are fetched from the network first; a copy
 *   of each is kept so that in a basement gym without signal she can still read her session.
 *   Offline, the kept copy is shown, marked as a copy (the page then says "You are offline:
 *   showing what was saved").
 * - POSTs are never touched here: logged sets, ticks and reports go to the network from the
 *   page, and the page's offline queue (offline-queue.js) keeps what could not be sent.
 *
 * Why a copy may be kept although every page she sees is sent with "Cache-Control: no-store"
 * (osteoload/web/security.py): no-store is an instruction to HTTP caches (the browser's own
 * disk cache, the back/forward cache, proxies) that this app does not control and that
 * shared computers keep. The Cache API used here is not an HTTP cache: it is storage this
 * app's own code writes, reads and deletes, on her phone only. So the worker keeps exactly:
 * - pages marked as a client's (<meta name="osteoload-user" content="c-..."> on the page),
 *   never a coach's page, never an API answer, never a document download;
 * - one person's pages: each copy is labelled with its owner, and all copies are deleted
 *   when she logs out, when the login page is shown (a session that ended), when the server
 *   sends anyone to the login page, and when a page of another person is seen.
 */
/* global self, caches, fetch, Response, URL */
(function () {
  "use strict";

  var CONFIG = self.OSTEOLOAD_SW || { version: "dev", shell: [], static: "/static/",
    login: "/login/", logout: "/logout/", start: "/today/" };
  var SHELL = "osteoload-shell-" + CONFIG.version;
  var PAGES = "osteoload-pages";
  var OWNER = "X-Osteoload-Owner";
  var USER_META = /<meta name="osteoload-user" content="([^"]*)">/;
  var COPY_META = '<meta name="osteoload-copy" content="live">';
  var COPY_SAVED = '<meta name="osteoload-copy" content="saved">';
  // A kept copy is shown with the same protections as the page it copies.
  var KEPT_HEADERS = ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
    "Referrer-Policy", "Cross-Origin-Opener-Policy"];

  function protections(from) {
    var headers = { "Content-Type": "text/html; charset=utf-8" };
    KEPT_HEADERS.forEach(function (name) {
      var value = from.headers.get(name);
      if (value) {
        headers[name] = value;
      }
    });
    return headers;
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(SHELL).then(function (cache) {
        return cache.addAll(CONFIG.shell);
      }).then(function () {
        return self.skipWaiting();
      })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("osteoload-shell-") === 0 && name !== SHELL;
        }).map(function (name) {
          return caches.delete(name);
        }));
      }).then(function () {
        return self.clients.claim();
      })
    );
  });

  // Counts the times the kept pages were deleted: a page fetched before a logout and
  // arriving after it is not kept.
  var forgotten = 0;

  function forgetPages() {
    forgotten += 1;
    return caches.delete(PAGES);
  }

  /* Keep a copy of one of her pages, labelled with its owner; copies of anyone else go. */
  function keep(request, response, since) {
    var generation = typeof since === "number" ? since : forgotten;
    return response.text().then(function (html) {
      var found = USER_META.exec(html);
      if (!found) {
        return null; // not one of the app's pages (the API's documentation, say)
      }
      var owner = found[1];
      if (owner.indexOf("c-") !== 0) {
        // Not a client's page (a coach's, or nobody logged in): nothing is kept, and if
        // nobody is logged in any more, nothing kept so far stays either.
        return owner ? null : forgetPages();
      }
      if (generation !== forgotten) {
        return null; // she logged out while this page was on its way
      }
      return caches.open(PAGES).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (old) {
            return cache.match(old).then(function (copy) {
              if (!copy || copy.headers.get(OWNER) !== owner) {
                return cache.delete(old);
              }
              return null;
            });
          }));
        }).then(function () {
          var headers = protections(response);
          headers[OWNER] = owner;
          return cache.put(request.url, new Response(html, { status: 200, headers: headers }));
        });
      });
    });
  }

  function isLogin(url) {
    return new URL(url).pathname === CONFIG.login;
  }

  /* Offline: the kept copy of this page (her Today page for the site's root), marked as a
   * copy. Any other page without a copy gets the browser's own "no connection" page. */
  function keptCopy(request) {
    var path = new URL(request.url).pathname;
    return caches.open(PAGES).then(function (cache) {
      return cache.match(request.url, { ignoreVary: true }).then(function (copy) {
        if (copy || path !== "/") {
          return copy;
        }
        return cache.match(new URL(CONFIG.start, self.location.href).href,
          { ignoreVary: true });
      });
    }).then(function (copy) {
      if (!copy) {
        return Response.error();
      }
      return copy.text().then(function (html) {
        return new Response(html.replace(COPY_META, COPY_SAVED), {
          status: 200,
          headers: protections(copy)
        });
      });
    });
  }

  function page(event) {
    var request = event.request;
    var since = forgotten;
    return fetch(request).then(function (response) {
      if (response.redirected && isLogin(response.url)) {
        event.waitUntil(forgetPages()); // her session ended: nothing of hers stays
      } else if (response.ok && response.type === "basic" &&
                 (response.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
        event.waitUntil(keep({ url: response.url || request.url }, response.clone(), since));
      }
      return response;
    }, function () {
      return keptCopy(request);
    });
  }

  function shell(request) {
    return caches.open(SHELL).then(function (cache) {
      return cache.match(request, { ignoreVary: true }).then(function (hit) {
        if (hit) {
          return hit;
        }
        return fetch(request).then(function (response) {
          if (response.ok && response.type === "basic") {
            cache.put(request, response.clone());
          }
          return response;
        });
      });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
      return;
    }
    if (request.method !== "GET") {
      if (url.pathname === CONFIG.logout) {
        event.waitUntil(forgetPages()); // logging out: her kept pages go with her
      }
      return; // sent by the browser as usual
    }
    if (url.pathname.indexOf(CONFIG.static) === 0 ||
        (CONFIG.pictures && url.pathname.indexOf(CONFIG.pictures) === 0)) {
      event.respondWith(shell(request));
    } else if (request.mode === "navigate") {
      event.respondWith(page(event));
    }
  });

  /* A page asks for her other pages to be kept, so that they can be read offline too. */
  self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "forget") {
      event.waitUntil(forgetPages());
    } else if (data.type === "keep" && Array.isArray(data.urls)) {
      event.waitUntil(Promise.all(data.urls.map(function (href) {
        var url = new URL(href, self.location.href);
        if (url.origin !== self.location.origin) {
          return null;
        }
        var since = forgotten;
        return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) {
            return keep({ url: url.href }, response, since);
          }
          return null;
        }).catch(function () {
          return null;
        });
      })));
    }
  });
})();
