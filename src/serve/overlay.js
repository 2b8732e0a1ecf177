(function () {
  "use strict";
  var box = null;
  function show(html) {
    if (!html) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "briefing-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,24,.94);color:#f5f5f5;font:14px/1.6 ui-monospace,Consolas,monospace;padding:24px 28px;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.innerHTML = html;
  }
  show(window.__briefingErrors || "");
  if (!window.EventSource) { return; }
  var events = new EventSource("/__briefing/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
})();
