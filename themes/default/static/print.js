/* Printing a briefing: the 版记 (distribution and printing line) belongs at
   the foot of the last page (GB/T 9704). Before printing, the article is
   laid out as printed — print.css, and columns the size of the type area
   (156 × 225 mm), which break where pages break — to find where the 版记
   falls on its page; a spacer then pushes it down to the foot. */
(function () {
  "use strict";
  var MM = 96 / 25.4;
  var PAGE = 225 * MM;
  var WIDTH = 156 * MM;

  function place() {
    var article = document.querySelector("article.briefing");
    var foot = article && article.querySelector(".distribution");
    if (!foot) return;
    var spacer = article.querySelector(".print-spacer");
    if (!spacer) {
      spacer = document.createElement("div");
      spacer.className = "print-spacer";
      spacer.setAttribute("aria-hidden", "true");
      article.insertBefore(spacer, foot);
    }
    spacer.style.height = "0px";
    var sheets = document.querySelectorAll('link[rel="stylesheet"][media="print"]');
    Array.prototype.forEach.call(sheets, function (s) { s.media = "all"; });
    var saved = article.getAttribute("style");
    article.style.cssText = "width:" + WIDTH + "px;height:" + PAGE + "px;column-width:" + WIDTH +
      "px;column-gap:0;column-fill:auto;overflow:visible;margin:0;padding:0";
    var origin = article.getBoundingClientRect();
    var box = foot.getBoundingClientRect();
    var room = PAGE - (box.top - origin.top) - box.height;
    // Where the text ends: when the 版记 did not fit after it, it starts
    // the next page, and so does the spacer.
    var end = spacer.getBoundingClientRect();
    var column = function (rect) { return Math.round((rect.left - origin.left) / WIDTH); };
    var next = column(box) > column(end);
    spacer.style.breakBefore = next ? "page" : "auto";
    // On the same page the spacer (at its least height) is above the 版记
    // already, and makes part of the room.
    spacer.style.height = Math.max(0, room + (next ? 0 : end.height) - 1 * MM) + "px";
    if (saved === null) article.removeAttribute("style"); else article.setAttribute("style", saved);
    Array.prototype.forEach.call(sheets, function (s) { s.media = "print"; });
  }

  window.addEventListener("beforeprint", place);
})();
