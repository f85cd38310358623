// The organisation picker of the question forms (templates/organisations/_picker.html).
// HTMX fetches suggestions and swaps the picker; this file adds what htmx does not: arrow
// keys and Escape between the input and the suggestions, and forgetting a picked
// organisation once its name is edited. No inline scripts (CSP); wired by data- attributes.
(function () {
  "use strict";
  if (window.crmOrganisationPicker) { return; }
  window.crmOrganisationPicker = true;

  function picker(el) { return el.closest("[data-organisation-picker]"); }
  function options(root) { return Array.prototype.slice.call(root.querySelectorAll("[data-suggestion]")); }
  function hideList(root) {
    var list = root.querySelector("#organisation-suggestions");
    if (list) { list.hidden = true; }
    var input = root.querySelector("[data-organisation-input]");
    if (input) { input.setAttribute("aria-expanded", "false"); }
  }

  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-organisation-input]")) { return; }
    var root = picker(event.target);
    var hidden = root.querySelector("[data-organisation-id]");
    if (hidden) { hidden.value = ""; }
    root.querySelectorAll(".organisation-contacts, .organisation-picked").forEach(function (el) { el.remove(); });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.matches) { return; }
    var isInput = target.matches("[data-organisation-input]");
    var isOption = target.matches("[data-suggestion]");
    if (!isInput && !isOption) { return; }
    var root = picker(target);
    var all = options(root);
    var index = all.indexOf(target);
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && isOption) {
      event.preventDefault();
      if (index > 0) { all[index - 1].focus(); } else { root.querySelector("[data-organisation-input]").focus(); }
    } else if (event.key === "Escape") {
      hideList(root);
      root.querySelector("[data-organisation-input]").focus();
    } else if (event.key === "Enter" && isInput) {
      event.preventDefault();  // Enter picks the first suggestion, never submits the question
      if (all.length) { all[0].click(); }
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    var list = document.getElementById("organisation-suggestions");
    var input = document.querySelector("[data-organisation-input]");
    if (list && input) { input.setAttribute("aria-expanded", list.hidden ? "false" : "true"); }
  });
})();
