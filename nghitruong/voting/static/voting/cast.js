/* The deputy's tablet casts through the ballot lane (decision 0007).
 * A voting form that carries a ballot ticket ([data-ballot-ticket], issued by the panel view) is
 * sent as JSON to [data-ballot-url] with the ticket in X-Ballot-Ticket (custom header + JSON
 * content type: the CSRF defence). On an answer the panel fragment is re-fetched; a refusal's
 * message is shown. If the lane refuses the ticket (expired, logged out: 401) or cannot be
 * reached, the same click goes through the ordinary form (htmx, then plain POST): progressive
 * enhancement, never a lost click. No inline script: CSP script-src 'self'. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";

  function pickLanguage(message) {
    var parts = String(message || "").split(" / ");
    return parts.length === 2 ? parts[lang === "en" ? 1 : 0] : String(message || "");
  }

  function setBusy(form, busy) {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
  }

  function showError(panel, message) {
    var p = document.createElement("p");
    p.className = "message message-error";
    p.setAttribute("role", "alert");
    p.textContent = pickLanguage(message);
    panel.insertBefore(p, panel.firstChild);
  }

  function refreshPanel(form, message) {
    var panel = form.closest("[data-live-fragment]");
    if (!panel || !window.htmx) { window.location.reload(); return; }
    window.htmx.ajax("GET", panel.getAttribute("data-live-fragment"), { target: panel, swap: "innerHTML" })
      .then(function () { if (message) { showError(panel, message); } });
  }

  function fallback(form, button) {
    form.setAttribute("data-ballot-lane", "off");
    setBusy(form, false);
    // htmx does not see the submitter of requestSubmit(): carry the choice in a hidden field.
    var choice = document.createElement("input");
    choice.type = "hidden";
    choice.name = button.name;
    choice.value = button.value;
    form.appendChild(choice);
    if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
  }

  function cast(form, button) {
    setBusy(form, true);
    fetch(form.getAttribute("data-ballot-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-Ballot-Ticket": form.getAttribute("data-ballot-ticket")
      },
      body: JSON.stringify({ option_id: Number(button.value) })
    }).then(function (response) {
      if (response.status === 201) { refreshPanel(form, ""); return; }
      if (response.status === 401 || response.status >= 500) { fallback(form, button); return; }
      return response.json().then(function (data) { refreshPanel(form, data.message); },
                                  function () { fallback(form, button); });
    }, function () { fallback(form, button); });
  }

  // Capture phase: runs before htmx's own submit handler on the form, which it then never sees.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-ballot-ticket]")) { return; }
    if (form.getAttribute("data-ballot-lane") === "off" || !window.fetch) { return; }
    var button = event.submitter;
    if (!button || !button.value) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    cast(form, button);
  }, true);
})();
