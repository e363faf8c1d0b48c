// Counts the speaker's remaining time down locally from data-ends-at (ISO 8601). CSP-safe: no
// inline script; the server value stays authoritative and is re-fetched on every refresh event.
(function () {
  function tick() {
    document.querySelectorAll("[data-ends-at]").forEach(function (el) {
      var ends = Date.parse(el.getAttribute("data-ends-at"));
      if (isNaN(ends)) return;
      var left = Math.round((ends - Date.now()) / 1000);
      var abs = Math.abs(left);
      var text = (left < 0 ? "-" : "") + String(Math.floor(abs / 60)).padStart(2, "0") + ":" +
        String(abs % 60).padStart(2, "0");
      el.textContent = text;
      el.classList.toggle("mt-over", left < 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
