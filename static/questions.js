// Questions: drag and drop on the board. No inline scripts (CSP); wired by data- attributes.
// A dropped card submits its own move form (the same one keyboard users use), through htmx,
// so the server applies the stage rules and answers with the whole board.
(function () {
  "use strict";

  function submitMove(card, stage) {
    var form = card.querySelector("[data-move-form]");
    if (!form) { return; }
    var select = form.querySelector("[data-move-select]");
    if (select.value === stage) { return; }
    select.value = stage;
    form.requestSubmit();
  }

  function initBoard(root) {
    // Only those who may move cards can drag them (the board is read-only for the others).
    if (!window.Sortable || root.dataset.sortableReady || !root.hasAttribute("data-board-movable")) {
      return;
    }
    root.dataset.sortableReady = "1";
    root.querySelectorAll("[data-board-column]").forEach(function (column) {
      window.Sortable.create(column, {
        group: "board-" + root.dataset.country,
        draggable: ".board-card",
        filter: "select, button, input",
        preventOnFilter: false,
        animation: 150,
        onEnd: function (event) {
          if (event.from === event.to) { return; }
          submitMove(event.item, event.to.dataset.stage);
        }
      });
    });
  }

  function initAll(scope) {
    var root = scope && scope.matches && scope.matches("[data-board]") ? scope : null;
    if (root) { initBoard(root); return; }
    (scope || document).querySelectorAll("[data-board]").forEach(initBoard);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  // The board is replaced after every move: wire the new one.
  document.addEventListener("htmx:load", function (event) { initAll(event.target); });
})();
