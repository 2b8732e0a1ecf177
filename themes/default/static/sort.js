/* Sortable tables (the /units/ scorecard): a click on a column's header
   sorts the rows by it, numbers as numbers; again, the other way. Works
   from disk, with no server. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("role", "button");
      var sort = function () {
        var numeric = th.getAttribute("data-sort") === "number";
        var down = th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var value = function (cell) {
            var given = cell.getAttribute("data-value");
            return given === null ? cell.textContent.trim() : given;
          };
          var x = value(a.cells[column]);
          var y = value(b.cells[column]);
          var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "zh-CN");
          return down ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();
