// Counts the speaker's remaining time down locally from data-ends-at (ISO 8601, server time).
// The clock offset (server − this device) comes from the live stream's "server_now"
// (<html data-clock-offset>, set by live.js) or, without a stream, from the fragment's
// data-server-now, so screens with wrong clocks still agree. CSP-safe: no inline script; the
// server value stays authoritative and is re-fetched on every refresh event.
(function () {
  function offsetFor(el) {
    var global = document.documentElement.getAttribute("data-clock-offset");
    if (global !== null && !isNaN(Number(global))) return Number(global);
    if (!el.hasAttribute("data-offset")) {
      var server = Date.parse(el.getAttribute("data-server-now") || "");
      el.setAttribute("data-offset", isNaN(server) ? "0" : String(server - Date.now()));
    }
    return Number(el.getAttribute("data-offset")) || 0;
  }
  function tick() {
    document.querySelectorAll("[data-ends-at]").forEach(function (el) {
      var ends = Date.parse(el.getAttribute("data-ends-at"));
      if (isNaN(ends)) return;
      var left = Math.ceil((ends - (Date.now() + offsetFor(el))) / 1000);
      var abs = Math.abs(left);
      var text = (left < 0 ? "-" : "") + String(Math.floor(abs / 60)).padStart(2, "0") + ":" +
        String(abs % 60).padStart(2, "0");
      el.textContent = text;
      el.classList.toggle("mt-over", left < 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSettle", tick);
})();
