// Search of the default theme. /search-index.js is a directory of the index;
// the keys and the documents come in small scripts loaded as a query needs
// them (scripts, not fetch, so search also works from file://).
//
// Text is cut into keys exactly as the build cuts it (src/render/search/
// tokens.rs): a run of units — one Chinese character, an ASCII word or
// number, or % — gives each pair of neighbouring units and each word.
// Any two or more Chinese characters are found, also inside words.
(function () {
  "use strict";
  var index = window.BRIEFING_SEARCH;
  var texts = document.getElementById("search-texts");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!texts || !input || !status || !list) { return; }
  var relative = texts.getAttribute("data-relative") === "true";
  var root = texts.getAttribute("data-root") || "/";
  if (relative) { root = root.replace(/index\.html$/, ""); }
  // Results shown at first: ten briefings, five of each other kind.
  var FIRST_GROUP = 10, PER_GROUP = 5;

  function href(path) {
    var hash = "";
    var at = path.indexOf("#");
    if (at >= 0) { hash = path.slice(at); path = path.slice(0, at); }
    var inside = path.replace(/^\//, "");
    if (relative && (inside === "" || /\/$/.test(inside))) { inside += "index.html"; }
    return root + inside + hash;
  }

  function say(key, n, q) {
    status.textContent = (texts.getAttribute("data-" + key) || "")
      .replace("{n}", String(n)).replace("{q}", q || "");
  }

  // ---- keys (mirrors tokens.rs) ----
  function fold(c) {
    var code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) { c = String.fromCodePoint(code - 0xfee0); }
    else if (code === 0x3000) { c = " "; }
    return c.toLowerCase().length === 1 && c < "\u0080" ? c.toLowerCase() : c;
  }
  var ALNUM = /^[a-z0-9]$/;
  var DIGIT = /^[0-9]$/;
  var LETTER = /^[\p{Alphabetic}\p{N}]$/u;

  // The runs of units of `text`; a unit is {c: char} or {w: word}.
  function runs(text) {
    var chars = Array.from(text).map(fold);
    var out = [], units = [], word = "";
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (ALNUM.test(c)) {
        word += c;
      } else if ((c === "." || c === ",") && /[0-9]$/.test(word) && i + 1 < chars.length && DIGIT.test(chars[i + 1])) {
        if (c === ".") { word += c; }
      } else {
        if (word) { units.push({ w: word }); word = ""; }
        if (c === "%" || (c >= "\u0080" && LETTER.test(c))) {
          units.push({ c: c });
        } else if (units.length) {
          out.push(units); units = [];
        }
      }
    }
    if (word) { units.push({ w: word }); }
    if (units.length) { out.push(units); }
    return out;
  }

  function spell(unit) { return unit.w !== undefined ? unit.w : unit.c; }

  // The keys a query term must all have, or null when the term is too
  // short to search (a lone character).
  function keysOf(term) {
    var keys = [];
    var ok = true;
    runs(term).forEach(function (units) {
      if (units.length === 1) {
        if (units[0].w !== undefined) { keys.push(units[0].w); } else { ok = false; }
        return;
      }
      for (var i = 0; i + 1 < units.length; i++) {
        var a = units[i], b = units[i + 1];
        keys.push(a.c !== undefined && b.c !== undefined ? a.c + b.c : spell(a) + " " + spell(b));
      }
    });
    return ok && keys.length ? keys : null;
  }

  function fnv(key) {
    var hash = 0x811c9dc5;
    for (var ch of key) { hash = Math.imul(hash ^ ch.codePointAt(0), 0x01000193) >>> 0; }
    return hash;
  }

  // Text as keys see it, to check a phrase in a document's text.
  function loose(text) {
    return Array.from(text).map(fold).join("").replace(/([0-9]),(?=[0-9])/g, "$1");
  }

  // ---- loading ----
  var loading = {};
  var loaded = [];
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = href("/search/" + path);
        script.onload = function () { loaded.push(path); texts.setAttribute("data-loaded", loaded.join(" ")); resolve(); };
        script.onerror = function () { reject(new Error(path)); };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  function shardOf(key) { return fnv(key) & (index.directory.shards - 1); }

  // A key's documents: a string of postings, each the gap from the
  // previous document times 16 plus the weight, in digits of five bits
  // (the last 32 of DIGITS carry on to the next digit).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) { DIGIT_VALUE[DIGITS.charCodeAt(d)] = d; }

  function postings(key) {
    var shard = index.keys[shardOf(key)] || {};
    var list = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : "";
    var out = new Map();
    var id = 0, value = 0, scale = 1;
    for (var i = 0; i < list.length; i++) {
      var digit = DIGIT_VALUE[list.charCodeAt(i)];
      if (digit >= 32) { value += (digit - 32) * scale; scale *= 32; continue; }
      value += digit * scale;
      id += Math.floor(value / 16);
      out.set(id, value % 16);
      value = 0; scale = 1;
    }
    return out;
  }

  function kindOf(id) {
    var kinds = index.directory.kinds;
    for (var k = 0; k < kinds.length; k++) {
      if (id >= kinds[k].first && id < kinds[k].first + kinds[k].count) { return k; }
    }
    return -1;
  }

  function docFile(id) {
    var k = kindOf(id), kind = index.directory.kinds[k];
    var n = Math.floor((id - kind.first) / kind.per_file);
    return { file: k + "-" + n, at: (id - kind.first) % kind.per_file };
  }

  function docOf(id) {
    var place = docFile(id);
    var run = index.docs[place.file];
    var row = run && run[place.at];
    return row ? { title: row[0], url: row[1], detail: row[2], text: row[3] } : null;
  }

  // ---- showing ----
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function mark(text, terms) {
    var html = escapeHtml(text);
    terms.forEach(function (term) {
      var safe = escapeHtml(term).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp(safe, "gi"), function (m) { return "<mark>" + m + "</mark>"; });
    });
    return html.replace(/<\/mark><mark>/g, "");
  }

  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = lower.indexOf(terms[i]); }
    if (at < 0) { return text.slice(0, 90) + (text.length > 90 ? "…" : ""); }
    var start = Math.max(0, at - 30);
    var end = Math.min(text.length, at + 70);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  var generation = 0;

  function run(query) {
    var mine = ++generation;
    list.innerHTML = "";
    var started = performance.now();
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) { status.textContent = ""; return; }
    var keyed = terms.map(keysOf);
    if (keyed.some(function (k) { return k === null; })) { say("hint"); return; }
    say("loading");
    var shards = {};
    keyed.forEach(function (keys) { keys.forEach(function (key) { shards[shardOf(key)] = true; }); });
    Promise.all(Object.keys(shards).map(function (n) { return load("keys/" + n + ".js"); })).then(function () {
      if (mine !== generation) { return; }
      // Each term: the documents holding every one of its keys, scored by
      // its rarest key; the terms together: documents holding all.
      var scores = null;
      var exact = [];
      keyed.forEach(function (keys, t) {
        var term = null;
        keys.forEach(function (key) {
          var found = postings(key);
          if (term === null) { term = found; return; }
          var both = new Map();
          term.forEach(function (w, id) { if (found.has(id)) { both.set(id, Math.min(w, found.get(id))); } });
          term = both;
        });
        // A term of one key matches exactly; a longer phrase is checked
        // against the text of each document shown.
        exact.push(keys.length === 1 && runs(terms[t]).length === 1);
        if (scores === null) { scores = term; return; }
        var all = new Map();
        scores.forEach(function (s, id) { if (term.has(id)) { all.set(id, s + term.get(id)); } });
        scores = all;
      });
      var ids = Array.from(scores.keys());
      ids.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
      var check = terms.filter(function (t, i) { return !exact[i]; }).map(loose);
      show(mine, query, terms, ids, check, started);
    }).catch(function () {
      if (mine === generation) { say("failed"); }
    });
  }

  function matches(doc, check) {
    if (!check.length) { return true; }
    var text = loose(doc.title + " " + doc.text);
    return check.every(function (t) { return text.indexOf(t) >= 0; });
  }

  function show(mine, query, terms, ids, check, started) {
    if (ids.length === 0) {
      say("none", 0, query);
      status.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      return;
    }
    var kinds = index.directory.kinds;
    var groups = kinds.map(function () { return []; });
    ids.forEach(function (id) { var k = kindOf(id); if (k >= 0) { groups[k].push(id); } });
    var unchecked = check.length ? ids.length : 0;
    var sections = [];
    // Shows up to `want` more results of group `k` from its `from`th
    // document on; documents found not to hold a phrase are dropped and
    // the next ones taken instead.
    function render(k, section, from, want) {
      var pending = groups[k].slice(from, from + want);
      var files = {};
      pending.forEach(function (id) { files[docFile(id).file] = true; });
      return Promise.all(Object.keys(files).map(function (f) { return load("docs/" + f + ".js"); })).then(function () {
        if (mine !== generation) { return; }
        var added = 0;
        pending.forEach(function (id) {
          var doc = docOf(id);
          if (check.length) { unchecked--; }
          if (!doc || !matches(doc, check)) { section.dropped++; return; }
          var item = document.createElement("li");
          item.className = "search-result";
          item.innerHTML =
            '<a href="' + escapeHtml(href(doc.url)) + '">' + mark(doc.title, terms) + "</a>" +
            (doc.detail ? ' <small class="detail">' + escapeHtml(doc.detail) + "</small>" : "") +
            '<p class="snippet">' + mark(snippet(doc.text, terms), terms) + "</p>";
          section.list.appendChild(item);
          added++;
        });
        section.next = from + pending.length;
        var left = groups[k].length - section.next;
        if (added < want && left > 0) { return render(k, section, section.next, want - added); }
        section.more.hidden = left <= 0;
        var count = groups[k].length - section.dropped;
        section.count.textContent = "（" + (left > 0 && check.length ? "≈" : "") + count + "）";
        section.block.hidden = section.list.children.length === 0 && left <= 0;
      });
    }
    var work = [];
    groups.forEach(function (group, k) {
      if (!group.length) { return; }
      var block = document.createElement("li");
      block.className = "search-group";
      var heading = document.createElement("h2");
      heading.textContent = kinds[k].name;
      var count = document.createElement("span");
      count.className = "count";
      heading.appendChild(count);
      var inner = document.createElement("ol");
      var more = document.createElement("button");
      more.type = "button";
      more.className = "search-more";
      more.textContent = texts.getAttribute("data-more");
      block.appendChild(heading);
      block.appendChild(inner);
      block.appendChild(more);
      list.appendChild(block);
      var section = { block: block, list: inner, more: more, count: count, next: 0, dropped: 0 };
      var step = k === 0 ? FIRST_GROUP : PER_GROUP;
      more.addEventListener("click", function () { render(k, section, section.next, step).then(total); });
      sections.push(section);
      work.push(render(k, section, 0, step));
    });
    function total() {
      if (mine !== generation) { return; }
      var dropped = sections.reduce(function (n, s) { return n + s.dropped; }, 0);
      var n = ids.length - dropped;
      if (n === 0) { say("none", 0, query); }
      else { say(unchecked > 0 ? "about" : "count", n, query); }
    }
    Promise.all(work).then(function () {
      total();
      status.setAttribute("data-ms", String(Math.round(performance.now() - started)));
    }).catch(function () { if (mine === generation) { say("failed"); } });
  }

  if (!index || !index.directory) { say("failed"); return; }
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial.trim());
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
