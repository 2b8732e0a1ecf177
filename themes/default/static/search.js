// Search of the default theme: runs in the browser over the index that
// search-index.js defines (loaded as a script, so it also works from
// file://). Any run of two or more characters matches — Chinese needs no
// word splitting: 冷链 finds 绿源冷链物流中心.
(function () {
  "use strict";
  var docs = window.BRIEFING_SEARCH || [];
  var texts = document.getElementById("search-texts");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!texts || !input || !status || !list) { return; }
  var relative = texts.getAttribute("data-relative") === "true";
  var root = texts.getAttribute("data-root") || "/";
  if (relative) { root = root.replace(/index\.html$/, ""); }

  function href(path) {
    var hash = "";
    var at = path.indexOf("#");
    if (at >= 0) { hash = path.slice(at); path = path.slice(0, at); }
    var inside = path.replace(/^\//, "");
    if (relative && (inside === "" || /\/$/.test(inside))) { inside += "index.html"; }
    return root + inside + hash;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function length(text) { return Array.from(text).length; }

  function mark(text, terms) {
    var html = escapeHtml(text);
    terms.forEach(function (term) {
      var safe = escapeHtml(term).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp(safe, "gi"), function (m) { return "<mark>" + m + "</mark>"; });
    });
    return html;
  }

  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = lower.indexOf(terms[i]); }
    if (at < 0) { return text.slice(0, 80); }
    var start = Math.max(0, at - 30);
    var end = Math.min(text.length, at + 60);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function count(haystack, term) {
    var n = 0, at = haystack.indexOf(term);
    while (at >= 0) { n++; at = haystack.indexOf(term, at + term.length); }
    return n;
  }

  function run(query) {
    list.innerHTML = "";
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) { status.textContent = ""; return; }
    if (terms.some(function (t) { return length(t) < 2; })) {
      status.textContent = texts.getAttribute("data-hint");
      return;
    }
    var found = [];
    docs.forEach(function (doc, index) {
      var title = doc.t.toLowerCase();
      var text = doc.x.toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = count(title, terms[i]);
        var inText = count(text, terms[i]);
        if (inTitle + inText === 0) { return; }
        score += inTitle * 10 + inText;
      }
      found.push({ doc: doc, score: score, index: index });
    });
    found.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    if (found.length === 0) {
      status.textContent = texts.getAttribute("data-none").replace("{q}", query);
      return;
    }
    status.textContent = texts.getAttribute("data-count").replace("{n}", String(found.length));
    found.slice(0, 100).forEach(function (hit) {
      var doc = hit.doc;
      var item = document.createElement("li");
      item.className = "search-result";
      item.innerHTML =
        '<span class="kind">' + escapeHtml(doc.k) + "</span> " +
        '<a href="' + escapeHtml(href(doc.u)) + '">' + mark(doc.t, terms) + "</a>" +
        (doc.d ? ' <small class="detail">' + escapeHtml(doc.d) + "</small>" : "") +
        '<p class="snippet">' + mark(snippet(doc.x, terms), terms) + "</p>";
      list.appendChild(item);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run(input.value.trim());
      try {
        var url = new URL(window.location.href);
        if (input.value.trim()) { url.searchParams.set("q", input.value.trim()); } else { url.searchParams.delete("q"); }
        window.history.replaceState(null, "", url.toString());
      } catch (e) { /* some file:// browsers refuse; results still show */ }
    }, 120);
  });
})();
