// On a narrow screen a table reads as one card per row (osteoload.css): each cell shows the
// name of its column, copied here from the table's header row into data-label. Without this
// script the table keeps its columns and scrolls sideways in its box.
(function () {
  "use strict";

  function columnName(cell) {
    var hidden = cell.querySelector(".visually-hidden");
    var text = cell.textContent.trim();
    // A column named only for screen readers (e.g. "Actions") needs no visible label.
    return hidden && hidden.textContent.trim() === text ? "" : text;
  }

  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var names = Array.prototype.map.call(head.cells, columnName);
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (names[i] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", names[i]);
          }
        });
      });
    });
    table.classList.add("cards");
  }

  function labelAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".table-scroll table"), label);
  }

  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { labelAll(event.target); });
})();
