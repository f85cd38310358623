// Firms pages. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  // <button data-copy-target="input-id" data-copied-label="Copied"> copies that input's value.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) { return; }
    var done = function () {
      button.textContent = button.getAttribute("data-copied-label") || "Copied";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
      if (document.execCommand("copy")) { done(); }
    }
  });
})();
