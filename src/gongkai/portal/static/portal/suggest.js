// 第四十四条 while applying: as the description of the information is typed, published items
// that may already hold it are listed under the field (gongkai/portal/suggest.py answers JSON).
// Debounced (600 ms after the last keystroke, at most one request in flight); the list is a
// polite live region; links open the catalog item. Without JavaScript nothing changes: the form
// submits as before. No inline script anywhere (CSP script-src 'self').
(function () {
  "use strict";
  var box = document.querySelector("[data-suggest-url]");
  if (!box || !window.fetch) return;
  var field = document.getElementById(box.getAttribute("data-suggest-for"));
  if (!field) return;
  var list = box.querySelector("[data-suggest-list]");
  var title = box.querySelector("[data-suggest-title]");
  var url = box.getAttribute("data-suggest-url");
  var indexLabel = box.getAttribute("data-index-label");
  var timer = null;
  var last = "";
  var inFlight = false;
  var pending = false;

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;
      var meta = document.createElement("small");
      meta.textContent = " " + item.agency + " · " + indexLabel + " " + item.index_number +
        " · " + item.published_on;
      li.appendChild(a);
      li.appendChild(meta);
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
    title.hidden = items.length === 0;
  }

  function ask() {
    var text = field.value.trim().slice(0, 500);
    if (text === last) return;
    if (inFlight) {
      pending = true;
      return;
    }
    last = text;
    if (text.length < 2) {
      show([]);
      return;
    }
    inFlight = true;
    fetch(url + "?q=" + encodeURIComponent(text), {
      credentials: "omit",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : { items: null };
      })
      .then(function (data) {
        if (data.items) show(data.items); // a refusal (429) keeps what was shown
      })
      .catch(function () {})
      .then(function () {
        inFlight = false;
        if (pending) {
          pending = false;
          ask();
        }
      });
  }

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 600);
  });
  if (field.value.trim()) ask();
})();
