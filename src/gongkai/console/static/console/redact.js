// 区分处理: draw the areas to remove with the mouse or a finger on the page previews (the
// console's redaction page). Each rectangle becomes a line "page x0 y0 x1 y1" (PDF points from
// the top left of the page as its preview shows it, turned; the server turns them back) in the
// areas field, which stays the way to type them without JavaScript;
// the outlines are redrawn from that field whenever it changes, so typing and drawing agree.
// No inline script anywhere (CSP script-src 'self').
(function () {
  "use strict";
  var field = document.getElementById("id_areas");
  var pages = document.querySelectorAll("[data-redact-page]");
  if (!field || !pages.length || !window.PointerEvent) return;
  var MIN = 2; // points: a click is not a box

  function points(wrap) {
    // PDF points per CSS pixel of the shown image (the PNG is rendered at data-dpi).
    var img = wrap.querySelector("img");
    var dpi = parseFloat(wrap.getAttribute("data-dpi")) || 72;
    return (img.naturalWidth / img.getBoundingClientRect().width) * (72 / dpi);
  }

  function round(n) {
    return Math.round(n * 10) / 10;
  }

  function lines() {
    return field.value.split("\n").filter(function (l) { return l.trim(); });
  }

  function redraw() {
    pages.forEach(function (wrap) {
      wrap.querySelectorAll(".drawn").forEach(function (el) { el.remove(); });
    });
    lines().forEach(function (line) {
      var p = line.replace(/,/g, " ").trim().split(/\s+/).map(Number);
      if (p.length !== 5 || p.some(isNaN)) return;
      var wrap = document.querySelector('[data-redact-page="' + (p[0] - 1) + '"]');
      if (!wrap || !wrap.querySelector("img").naturalWidth) return;
      var k = points(wrap);
      var box = document.createElement("div");
      box.className = "drawn";
      box.style.left = p[1] / k + "px";
      box.style.top = p[2] / k + "px";
      box.style.width = (p[3] - p[1]) / k + "px";
      box.style.height = (p[4] - p[2]) / k + "px";
      wrap.appendChild(box);
    });
  }

  pages.forEach(function (wrap) {
    var start = null;
    var live = null;
    wrap.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      var r = wrap.getBoundingClientRect();
      start = { x: event.clientX - r.left, y: event.clientY - r.top };
      live = document.createElement("div");
      live.className = "drawing";
      wrap.appendChild(live);
      wrap.setPointerCapture(event.pointerId);
    });
    wrap.addEventListener("pointermove", function (event) {
      if (!start) return;
      var r = wrap.getBoundingClientRect();
      var x = Math.min(Math.max(event.clientX - r.left, 0), r.width);
      var y = Math.min(Math.max(event.clientY - r.top, 0), r.height);
      live.style.left = Math.min(x, start.x) + "px";
      live.style.top = Math.min(y, start.y) + "px";
      live.style.width = Math.abs(x - start.x) + "px";
      live.style.height = Math.abs(y - start.y) + "px";
    });
    function finish(event) {
      if (!start) return;
      var r = wrap.getBoundingClientRect();
      var x = Math.min(Math.max(event.clientX - r.left, 0), r.width);
      var y = Math.min(Math.max(event.clientY - r.top, 0), r.height);
      var k = points(wrap);
      var x0 = round(Math.min(x, start.x) * k), x1 = round(Math.max(x, start.x) * k);
      var y0 = round(Math.min(y, start.y) * k), y1 = round(Math.max(y, start.y) * k);
      start = null;
      live.remove();
      live = null;
      if (x1 - x0 < MIN || y1 - y0 < MIN) return;
      var page = parseInt(wrap.getAttribute("data-redact-page"), 10) + 1;
      var kept = lines();
      kept.push([page, x0, y0, x1, y1].join(" "));
      field.value = kept.join("\n");
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    wrap.addEventListener("pointerup", finish);
    wrap.addEventListener("pointercancel", function () {
      start = null;
      if (live) live.remove();
      live = null;
    });
    var img = wrap.querySelector("img");
    if (img.complete) redraw();
    else img.addEventListener("load", redraw);
  });
  field.addEventListener("input", redraw);
  window.addEventListener("resize", redraw);
  var hint = document.querySelector("[data-draw-hint]");
  if (hint) hint.hidden = false;
})();
