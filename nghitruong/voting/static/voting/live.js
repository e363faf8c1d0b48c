/* Live voting screens: one EventSource per [data-live-stream] root.
 * "state" and "resync" events (and the state sent on every (re)connect) re-fetch the root's
 * server-rendered fragments ([data-live-fragment]) through htmx; "progress" events only update
 * the vote counters ([data-live-voted="<poll id>"]). No inline script: CSP script-src 'self'. */
(function () {
  "use strict";
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

  function refresh(root) {
    root.querySelectorAll("[data-live-fragment]").forEach(function (el) {
      window.htmx.ajax("GET", el.getAttribute("data-live-fragment"), { target: el, swap: "innerHTML" })
        .then(function () { root.setAttribute("data-live-refreshed", String(Date.now())); });
    });
  }

  function progress(root, data) {
    root.querySelectorAll('[data-live-voted="' + data.poll_id + '"]').forEach(function (el) {
      el.textContent = Number(data.voted).toLocaleString(lang === "en" ? "en-US" : "vi-VN");
    });
  }

  function connect(root) {
    var source = new EventSource(root.getAttribute("data-live-stream"));
    source.addEventListener("open", function () { setStatus(root, "open"); });
    source.addEventListener("state", function () { refresh(root); });
    source.addEventListener("resync", function () { refresh(root); });
    source.addEventListener("progress", function (event) { progress(root, JSON.parse(event.data)); });
    source.addEventListener("error", function () {
      setStatus(root, "closed");
      if (source.readyState === EventSource.CLOSED) {  // refused (e.g. 404): retry slowly
        window.setTimeout(function () { connect(root); }, 5000);
      }
    });
  }

  function start() { document.querySelectorAll("[data-live-stream]").forEach(connect); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
