// Behaviour for every page. No inline scripts: the Content-Security-Policy forbids them.
// Elements opt in with data- attributes.
(function () {
  "use strict";

  // <button data-confirm="Are you sure?"> asks before submitting its form.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // <select data-autosubmit> submits its form when changed.
  document.addEventListener("change", function (event) {
    var el = event.target.closest("[data-autosubmit]");
    if (el && el.form) { el.form.requestSubmit(); }
  });

  // <button data-copy="#input" data-copied="Copied"> copies the input's value.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) { return; }
    input.select();
    var done = function () { button.textContent = button.getAttribute("data-copied") || button.textContent; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });

  // <input data-select-on-focus> selects its text when focused (links shown once).
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) { event.target.select(); }
  });

  // Role and scope forms: <select data-role-select> shows only the [data-scope-for=role] blocks
  // of the chosen role. Without JavaScript every block stays visible.
  function showScope(select) {
    var form = select.form;
    if (!form) { return; }
    form.querySelectorAll("[data-scope-for]").forEach(function (block) {
      block.hidden = block.getAttribute("data-scope-for").split(" ").indexOf(select.value) === -1;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-role-select]")) { showScope(event.target); }
  });
  function init(root) {
    (root || document).querySelectorAll("[data-role-select]").forEach(showScope);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });

  // A failed HTMX request (network error, 5xx) says so instead of doing nothing.
  function showHtmxError() {
    var box = document.getElementById("htmx-error");
    if (!box) { return; }
    box.textContent = document.body.getAttribute("data-error-message") || "Error";
    box.classList.remove("hidden");
  }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status >= 500) { showHtmxError(); }
  });
  document.addEventListener("htmx:sendError", showHtmxError);

  // Close the account menu (a <details>) with Escape, giving focus back to its summary.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) { summary.focus(); }
    });
  });
})();
