/* Live sitting screens: one EventSource per [data-live-stream] root (the deputy's sitting page, the
 * chair's console, the hall screen, the public observer view).
 * Every "state" event (also sent first on every (re)connect) and every "resync" re-fetches
 * server-rendered fragments: the root's [data-live-fragment] elements through htmx, and the page's
 * hx-triggered sections by firing "meetings-refresh-<part>" on <body> for each changed part
 * (a reconnect or a resync fires them all). Events carry ids and server times only; the server
 * time ("server_now") sets the clock offset that timer.js uses, so every screen counts the
 * speaker's time down in step. No inline script: CSP script-src 'self'. */
(function () {
  "use strict";
  var ALL = ["sitting", "agenda", "speakers", "attendance", "votes"];
  var LABELS = {
    vi: { open: "Đang cập nhật trực tiếp", closed: "Mất kết nối, đang kết nối lại…" },
    en: { open: "Live", closed: "Connection lost, reconnecting…" }
  };
  var lang = (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";

  function setStatus(root, status) {
    root.setAttribute("data-live-status", status);
    var label = root.querySelector("[data-live-label]");
    if (label && LABELS[lang][status]) { label.textContent = LABELS[lang][status]; }
  }

  function setClock(data) {
    var server = data && data.server_now ? Date.parse(data.server_now) : NaN;
    if (!isNaN(server)) {
      document.documentElement.setAttribute("data-clock-offset", String(server - Date.now()));
    }
  }

  function refresh(root, parts) {
    root.querySelectorAll("[data-live-fragment]").forEach(function (el) {
      window.htmx.ajax("GET", el.getAttribute("data-live-fragment"), { target: el, swap: "innerHTML" })
        .then(function () { root.setAttribute("data-live-refreshed", String(Date.now())); });
    });
    parts.forEach(function (part) {
      document.body.dispatchEvent(new CustomEvent("meetings-refresh-" + part));
    });
  }

  function connect(root) {
    var source = new EventSource(root.getAttribute("data-live-stream"));
    source.addEventListener("open", function () { setStatus(root, "open"); });
    source.addEventListener("state", function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { data = {}; }
      setClock(data);
      refresh(root, Array.isArray(data.parts) ? data.parts : ALL);
    });
    source.addEventListener("resync", function () { refresh(root, ALL); });
    source.addEventListener("error", function () {
      setStatus(root, "closed");
      if (source.readyState === EventSource.CLOSED) {  // refused (e.g. 404): retry slowly
        window.setTimeout(function () { connect(root); }, 5000);
      }
    });
  }

  function start() {
    document.body.addEventListener("htmx:afterSettle", function () {
      document.querySelectorAll("[data-live-stream]").forEach(function (root) {
        root.setAttribute("data-live-refreshed", String(Date.now()));
      });
    });
    document.querySelectorAll("[data-live-stream]").forEach(connect);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
