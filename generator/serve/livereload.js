// Live reload for `handbook serve`. Only the preview server adds this script
// to pages; `handbook build` output never has it.
//
// It listens to /_handbook/events (Server-Sent Events):
//   hello   on every (re)connection: which server and build this is.
//   reload  a build succeeded: swap the stylesheets when only CSS changed,
//           go to the edited page (navigate), or reload keeping the scroll
//           position.
//   error   a build failed: show the problems in an overlay. The next
//           successful build reloads the page, which removes it.
// After losing the connection it reconnects, and reloads once if the server
// restarted or built something in the meantime.
//
// No inline code and no eval, so the page's Content-Security-Policy
// (default-src 'self') holds.
(function () {
  "use strict";

  var SCROLL_KEY = "handbook-serve-scroll";
  var OVERLAY_ID = "handbook-overlay";
  var OVERLAY_CSS = "/_handbook/overlay.css";

  var source = null;
  var seen = null; // "server:build" of the last event
  var lost = false; // the connection dropped since the last hello

  restoreScroll();
  focusOverlay();
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t && t.closest && t.closest(".handbook-overlay-hide")) {
      var o = document.getElementById(OVERLAY_ID);
      if (o) {
        o.remove();
      }
    }
  });
  connect();

  function connect() {
    source = new EventSource("/_handbook/events");
    source.addEventListener("hello", function (e) {
      var d = parse(e);
      var id = d.server + ":" + d.build;
      if (lost && seen !== null && seen !== id) {
        reload();
        return;
      }
      seen = id;
      lost = false;
      document.documentElement.setAttribute("data-handbook-live", "connected");
    });
    source.addEventListener("reload", function (e) {
      var d = parse(e);
      seen = d.server + ":" + d.build;
      if (d.cssOnly && !document.getElementById(OVERLAY_ID)) {
        swapStylesheets();
      } else if (d.navigate && d.navigate !== location.pathname) {
        location.assign(d.navigate);
      } else {
        reload();
      }
    });
    // "error" is both the name of our build-error event (a MessageEvent with
    // data) and the EventSource's own connection error (no data).
    source.addEventListener("error", function (e) {
      if (typeof e.data === "string") {
        var d = parse(e);
        seen = d.server + ":" + d.build;
        showProblems(d.problems || []);
        return;
      }
      lost = true;
      document.documentElement.setAttribute("data-handbook-live", "lost");
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (the server answered with an error): try
        // again ourselves.
        source.close();
        setTimeout(connect, 1000);
      }
    });
  }

  function parse(e) {
    try {
      return JSON.parse(e.data) || {};
    } catch (err) {
      return {};
    }
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({
        path: location.pathname, x: window.scrollX, y: window.scrollY
      }));
    } catch (err) {
      // Storage may be disabled; the reload still works.
    }
    location.reload();
  }

  function restoreScroll() {
    var saved;
    try {
      saved = sessionStorage.getItem(SCROLL_KEY);
      sessionStorage.removeItem(SCROLL_KEY);
    } catch (err) {
      return;
    }
    if (!saved) {
      return;
    }
    var s;
    try {
      s = JSON.parse(saved);
    } catch (err) {
      return;
    }
    if (!s || s.path !== location.pathname) {
      return;
    }
    var go = function () {
      window.scrollTo(s.x || 0, s.y || 0);
    };
    go();
    // Images and fonts may still change the height of the page.
    if (document.readyState !== "complete") {
      window.addEventListener("load", go, { once: true });
    }
  }

  // swapStylesheets fetches this page again and points each stylesheet link
  // at the new (fingerprinted) file, keeping the old one until the new one
  // has loaded so the page does not flash unstyled.
  function swapStylesheets() {
    fetch(location.href, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.text();
      })
      .then(function (html) {
        var fresh = sheets(new DOMParser().parseFromString(html, "text/html"));
        var old = sheets(document);
        if (fresh.length !== old.length) {
          reload();
          return;
        }
        old.forEach(function (link, i) {
          var href = fresh[i].getAttribute("href");
          if (link.getAttribute("href") === href) {
            return;
          }
          var next = link.cloneNode(false);
          next.setAttribute("href", href);
          next.addEventListener("load", function () {
            link.remove();
          });
          next.addEventListener("error", reload);
          link.after(next);
        });
      })
      .catch(reload);
  }

  function sheets(doc) {
    return Array.prototype.filter.call(
      doc.querySelectorAll('link[rel~="stylesheet"]'),
      function (l) {
        return (l.getAttribute("href") || "").indexOf("/_handbook/") === -1;
      }
    );
  }

  // showProblems builds the same overlay the server injects, with
  // textContent, so a message can never become markup.
  function showProblems(problems) {
    if (!document.body) {
      return;
    }
    if (!document.querySelector('link[href="' + OVERLAY_CSS + '"]')) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = OVERLAY_CSS;
      document.head.appendChild(css);
    }
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
    var panel = el("div", {
      id: OVERLAY_ID,
      "class": "handbook-overlay",
      role: "alertdialog",
      "aria-labelledby": "handbook-overlay-title",
      "aria-describedby": "handbook-overlay-intro",
      tabindex: "-1"
    });
    panel.appendChild(el("h2", { id: "handbook-overlay-title" },
      "The handbook could not be rebuilt"));
    panel.appendChild(el("p", { id: "handbook-overlay-intro" },
      "You are looking at the last version that built. Fix these problems and save: the page reloads by itself."));
    var list = el("ul", { "class": "handbook-overlay-problems" });
    problems.forEach(function (p) {
      var li = el("li", {});
      li.appendChild(el("code", {}, p));
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.appendChild(el("button", { type: "button", "class": "handbook-overlay-hide" }, "Hide"));
    document.body.insertBefore(panel, document.body.firstChild);
    panel.focus();
  }

  function focusOverlay() {
    var o = document.getElementById(OVERLAY_ID);
    if (o) {
      o.focus();
    }
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }
})();
