/* osteoload: the offline queue on a client's pages.
 *
 * In a basement gym without signal, what she logs is kept on her phone and sent when the
 * connection is back, in the order she logged it, each exactly once:
 * - A logged set or a tick (the htmx forms of the Today page) whose sending fails for lack
 *   of a network is stored in IndexedDB with the form's fields and its idempotency key
 *   (made by idempotency.js), and shown at once as "Saved on this phone, waiting to send".
 *   The form gets a new key: her next tap is her next set.
 * - A "How are you feeling" report is sent by this script (fetch); if it cannot be sent (or
 *   the phone says it is offline) it is kept the same way.
 * - While anything waits, new sets join the end of the queue (so they cannot overtake).
 * - The queue is sent when the phone comes online, when a page opens, and every 20 s while
 *   something waits; one request at a time, oldest first, each with its own key. The
 *   server honours the key (osteoload/services/idempotency.py): a request it saw before
 *   (its answer was lost) is answered again without storing anything twice.
 * - Each entry belongs to the person who logged it (the page's osteoload-user tag) and is
 *   only ever sent from her own pages.
 * - A status line says what waits ("3 sets waiting to send") and then "All sent". The words
 *   come from the page (client/_offline_status.html), translated, one form per plural
 *   category of the page's language; "{n}" is replaced by the number.
 * No inline handlers; plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var DB_NAME = "osteoload-offline";
  var STORE = "queue";
  var RETRY_MS = 20000;
  var KEY_FIELD = "idempotency_key";
  var CSRF_FIELD = "csrfmiddlewaretoken";

  var box = null;
  var owner = "";
  var waiting = [];
  var flushing = false;
  var sentSome = false;
  var needLogin = false;
  var dbPromise = null;

  // --- IndexedDB ---------------------------------------------------------------------

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
        };
        request.onsuccess = function () {
          resolve(request.result);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    }
    return dbPromise;
  }

  function run(mode, work) {
    return db().then(function (handle) {
      return new Promise(function (resolve, reject) {
        var tx = handle.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = function () {
          reject(tx.error);
        };
        tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }

  /* Her entries, oldest first (ids grow with each entry). */
  function load() {
    return run("readonly", function (store) {
      return store.getAll();
    }).then(function (all) {
      waiting = (all || []).filter(function (entry) {
        return entry.owner === owner;
      });
      return waiting;
    });
  }

  function store(entry) {
    return run("readwrite", function (s) {
      return s.add(entry);
    }).then(function (id) {
      entry.id = id;
      return entry;
    });
  }

  function drop(id) {
    return run("readwrite", function (s) {
      return s.delete(id);
    });
  }

  // --- words and the status line -----------------------------------------------------

  function words(name) {
    return (box && box.getAttribute("data-" + name)) || "";
  }

  function counted(kind, n) {
    var category = "other";
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch (e) {
      category = n === 1 ? "one" : "other";
    }
    var text = words(kind + "-" + category) || words(kind + "-other");
    return text.replace("{n}", String(n));
  }

  function render() {
    var line = document.getElementById("offline-queue");
    if (!line) {
      return;
    }
    var sets = 0;
    var reports = 0;
    waiting.forEach(function (entry) {
      if (entry.kind === "report") {
        reports += 1;
      } else {
        sets += 1;
      }
    });
    var parts = [];
    if (sets) {
      parts.push(counted("sets", sets));
    }
    if (reports) {
      parts.push(counted("reports", reports));
    }
    if (parts.length && needLogin) {
      parts.push(words("login-needed"));
    }
    line.classList.remove("offline-queue-waiting", "offline-queue-sent");
    if (parts.length) {
      line.textContent = parts.join(" · ");
      line.classList.add("offline-queue-waiting");
    } else if (sentSome) {
      line.textContent = "✓ " + words("all-sent");
      line.classList.add("offline-queue-sent");
    } else {
      line.textContent = "";
    }
  }

  // --- forms ---------------------------------------------------------------------------

  function keyInput(form) {
    return form && form.querySelector ? form.querySelector('input[name="' + KEY_FIELD + '"]')
      : null;
  }

  function queueable(form) {
    return Boolean(box && owner && form && form.tagName === "FORM" && keyInput(form) &&
      (form.getAttribute("method") || "").toLowerCase() === "post");
  }

  function newKey() {
    if (typeof window.osteoloadNewKey === "function") {
      return window.osteoloadNewKey();
    }
    return window.crypto.randomUUID();
  }

  /* What she entered, in the form's own (translated) labels: "How many times: 8 · ...". */
  function summary(form) {
    var parts = [];
    var fields = form.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var el = fields[i];
      if (!el.name || el.type === "hidden" || el.disabled) {
        continue;
      }
      var value = "";
      if (el.tagName === "SELECT") {
        value = el.value !== "" && el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : "";
      } else if (el.type === "checkbox" || el.type === "radio") {
        value = el.checked ? (el.closest("label") || el).textContent.trim() : "";
      } else {
        value = el.value.trim();
      }
      if (!value) {
        continue;
      }
      var label = el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
      parts.push(label && el.type !== "checkbox" && el.type !== "radio"
        ? label.textContent.trim() + ": " + value : value);
    }
    return parts.join(" · ");
  }

  function entryFrom(form, path, data, kind) {
    var fields = [];
    data.forEach(function (value, name) {
      if (name !== CSRF_FIELD && typeof value === "string") {
        fields.push([name, value]);
      }
    });
    var exercise = data.get("exercise_id");
    return {
      owner: owner,
      kind: kind,
      url: new URL(path, window.location.href).pathname,
      fields: fields,
      key: data.get(KEY_FIELD) || "",
      exercise: typeof exercise === "string" ? exercise : "",
      summary: summary(form),
      created: Date.now()
    };
  }

  function pendingRow(entry) {
    if (entry.kind !== "set" || !entry.exercise) {
      return;
    }
    var list = document.getElementById("logged-" + entry.exercise);
    if (!list || list.querySelector('[data-queue-id="' + entry.id + '"]')) {
      return;
    }
    var row = document.createElement("li");
    row.className = "logged-set logged-pending";
    row.setAttribute("data-queue-id", String(entry.id));
    var text = document.createElement("span");
    text.textContent = "⏳ " + words("pending") + (entry.summary ? ": " + entry.summary : "");
    row.appendChild(text);
    list.appendChild(row);
  }

  function keep(form, path, data, kind) {
    var entry = entryFrom(form, path, data, kind);
    var input = keyInput(form);
    if (input) {
      input.value = newKey(); // kept with its own key: her next tap is a new request
    }
    return store(entry).then(function (saved) {
      waiting.push(saved);
      pendingRow(saved);
      render();
      if (navigator.onLine !== false) {
        window.setTimeout(flush, 1500); // the network may only have blinked
      }
      return saved;
    });
  }

  // --- sending -------------------------------------------------------------------------

  function csrfToken() {
    var field = document.querySelector('input[name="' + CSRF_FIELD + '"]');
    if (field && field.value) {
      return field.value;
    }
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  /* A set the server stored: its row (with Undo) replaces the waiting one; the item's count
   * and any advice (a painful set) are shown. A rest timer for a set done a while ago is not. */
  function showStored(entry, html) {
    var content = fragment(html);
    var rows = content.querySelectorAll("li.logged-set");
    var waitingRow = document.querySelector('[data-queue-id="' + entry.id + '"]');
    var list = document.getElementById("logged-" + entry.exercise);
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      if ((row.id && document.getElementById(row.id)) || !list) {
        continue; // on the page already (or not on this page)
      }
      if (waitingRow) {
        list.insertBefore(row, waitingRow);
      } else {
        list.appendChild(row);
      }
      if (window.htmx) {
        window.htmx.process(row);
      }
    }
    if (waitingRow) {
      waitingRow.remove();
    }
    var extras = content.querySelectorAll("[hx-swap-oob][id]");
    for (var i = 0; i < extras.length; i++) {
      var el = extras[i];
      if (/^(count|errors)-/.test(el.id) && document.getElementById(el.id)) {
        el.removeAttribute("hx-swap-oob");
        document.getElementById(el.id).replaceWith(el);
      }
    }
  }

  /* A request the server refused (bad input, her program paused, the day over): it is not
   * sent again; what it was and why is shown where she logged it. */
  function showRefused(entry, html, contentType) {
    var waitingRow = document.querySelector('[data-queue-id="' + entry.id + '"]');
    if (waitingRow) {
      waitingRow.remove();
    }
    var place = (entry.exercise && document.getElementById("errors-" + entry.exercise)) ||
      document.getElementById("offline-status");
    if (!place) {
      return;
    }
    var note = document.createElement("div");
    note.className = "error offline-refused";
    note.setAttribute("role", "alert");
    var what = document.createElement("p");
    what.textContent = words("not-sent") + " " + (entry.summary || "");
    note.appendChild(what);
    if ((contentType || "").indexOf("text/html") === 0) {
      var found = fragment(html).querySelectorAll(".error p, .error-summary p");
      for (var i = 0; i < found.length; i++) {
        note.appendChild(found[i]);
      }
    }
    if (place.id.indexOf("errors-") === 0) {
      place.textContent = "";
    }
    place.appendChild(note);
  }

  /* Send one entry. Resolves to "sent", "refused" or "wait" (try again later). */
  function send(entry) {
    var body = new URLSearchParams();
    entry.fields.forEach(function (pair) {
      body.append(pair[0], pair[1]);
    });
    var token = csrfToken();
    body.append(CSRF_FIELD, token);
    var headers = { "X-CSRFToken": token };
    if (entry.kind === "set") {
      headers["HX-Request"] = "true"; // as htmx sent it: the answer is the row
    }
    return window.fetch(entry.url, {
      method: "POST",
      body: body,
      headers: headers,
      credentials: "same-origin"
    }).then(function (response) {
      var login = box.getAttribute("data-login-url") || "/login/";
      if ((response.redirected && new URL(response.url).pathname === login) ||
          response.status === 401 || response.status === 403) {
        needLogin = true; // kept: sent once she has logged in again
        return "wait";
      }
      if (response.status >= 500 ||
          (response.status === 409 && !response.headers.get("HX-Redirect"))) {
        return "wait"; // the server could not answer now (or is still running the first)
      }
      needLogin = false;
      return response.text().then(function (html) {
        var redirect = response.headers.get("HX-Redirect");
        if (response.ok) {
          if (entry.kind === "set") {
            showStored(entry, html);
          }
          return { outcome: "sent", redirect: redirect, report: entry.kind === "report" };
        }
        showRefused(entry, html, response.headers.get("Content-Type"));
        return { outcome: "refused", redirect: redirect };
      });
    }, function () {
      return "wait"; // still no network
    });
  }

  function sendAll() {
    var next = null;
    var answers = [];
    return load().then(function (entries) {
      var chain = Promise.resolve(true);
      entries.forEach(function (entry) {
        chain = chain.then(function (goOn) {
          if (!goOn) {
            return false;
          }
          return send(entry).then(function (answer) {
            if (answer === "wait") {
              return false; // keep the order: nothing after it goes first
            }
            answers.push(answer);
            if (answer.outcome === "sent") {
              sentSome = true;
            }
            next = answer.redirect || next;
            return drop(entry.id).then(function () {
              waiting = waiting.filter(function (w) {
                return w.id !== entry.id;
              });
              render();
              return true;
            });
          });
        });
      });
      return chain;
    }).then(function () {
      var reportSent = answers.some(function (a) {
        return a.report;
      });
      // A report may have paused her program (a stop rule): Today then says what to do.
      if (next || reportSent) {
        window.location.assign(next || words("today-url"));
      }
    });
  }

  function flush() {
    if (flushing || !box || !owner) {
      return Promise.resolve();
    }
    flushing = true;
    var work = function () {
      return sendAll().catch(function () {}).then(function () {
        flushing = false;
        return load().then(render);
      });
    };
    if (navigator.locks && navigator.locks.request) {
      // One tab at a time sends her queue.
      return navigator.locks.request("osteoload-queue", { ifAvailable: true }, function (lock) {
        if (!lock) {
          flushing = false;
          return null;
        }
        return work();
      });
    }
    return work();
  }

  function formData(form, submitter) {
    try {
      return submitter ? new FormData(form, submitter) : new FormData(form);
    } catch (e) {
      return new FormData(form); // a browser without FormData's submitter argument
    }
  }

  function encoded(data) {
    var body = new URLSearchParams();
    data.forEach(function (value, name) {
      if (typeof value === "string") {
        body.append(name, value);
      }
    });
    return body;
  }

  function setDisabled(buttons, disabled) {
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = disabled;
    }
  }

  function keepReport(form, action, data) {
    return keep(form, action, data, "report").then(function () {
      var saved = document.createElement("p");
      saved.className = "callout callout-ok offline-saved";
      saved.setAttribute("role", "status");
      saved.textContent = words("report-saved");
      form.parentNode.insertBefore(saved, form.nextSibling);
      form.reset();
    });
  }

  // --- wiring --------------------------------------------------------------------------

  function isKept(elt) {
    var form = elt && elt.tagName === "FORM" ? elt : elt && elt.closest ? elt.closest("form") : null;
    return queueable(form) ? form : null;
  }

  function init() {
    box = document.getElementById("offline-status");
    var tag = document.querySelector('meta[name="osteoload-user"]');
    owner = tag ? tag.getAttribute("content") || "" : "";
    if (!box || owner.indexOf("c-") !== 0 || !window.indexedDB) {
      box = null;
      return;
    }

    // While older entries wait, a new set joins them instead of overtaking them.
    document.addEventListener("htmx:beforeRequest", function (event) {
      var form = isKept(event.detail.elt);
      if (form && waiting.length) {
        event.preventDefault();
        var config = event.detail.requestConfig;
        keep(form, config.path, config.formData, "set").then(flush);
      }
    });

    // No network: the set is kept on her phone.
    document.addEventListener("htmx:sendError", function (event) {
      var form = isKept(event.detail.elt);
      if (form) {
        var config = event.detail.requestConfig;
        keep(form, config.path, config.formData, "set");
      }
    });

    // A report (a plain form) is sent by this script: what cannot be sent is kept too.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || !queueable(form) || form.hasAttribute("hx-post")) {
        return;
      }
      event.preventDefault();
      var action = form.getAttribute("action") || window.location.pathname;
      var data = formData(form, event.submitter);
      if (navigator.onLine === false || waiting.length) {
        keepReport(form, action, data);
        return;
      }
      var buttons = form.querySelectorAll("button");
      setDisabled(buttons, true);
      window.fetch(action, {
        method: "POST",
        body: encoded(data),
        credentials: "same-origin",
        redirect: "manual"
      }).then(function (response) {
        if (response.type === "opaqueredirect") {
          // Received (the form's answer is a redirect): on to the page it leads to, which
          // shows the thanks, or the stop screen if what she reported pauses her program.
          window.location.assign(words("today-url"));
          return;
        }
        // Any other answer has something to show (a form with its errors): the browser
        // sends the same request (same key) and shows the answer as usual.
        setDisabled(buttons, false);
        form.submit();
      }, function () {
        setDisabled(buttons, false);
        keepReport(form, action, data);
      });
    });

    window.addEventListener("online", function () {
      flush();
      // The "online" event can come a moment before requests get through: try again soon.
      window.setTimeout(flush, 3000);
    });
    window.setInterval(function () {
      if (waiting.length) {
        flush();
      }
    }, RETRY_MS);

    load().then(function () {
      waiting.forEach(pendingRow);
      render();
      if (waiting.length && navigator.onLine !== false) {
        flush();
      }
    }).catch(function () {});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
