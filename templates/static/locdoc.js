// locdoc: small enhancements. Every page works without this script; it
// remembers the "show English original" choice, makes the event index
// sortable and filterable, and suggests the reader's language on the
// language chooser (without redirecting).
(function () {
  "use strict";

  // Text as the filter compares it: lower-case, no diacritics, Turkish
  // dotless ı and Polish ł as their plain letters. The build folds the
  // table's text the same way (data-search).
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/ı/g, "i").replace(/ł/g, "l").replace(/\s+/g, " ").trim();
  }
  window.locdocFold = fold;

  // "Show English original", remembered across pages.
  var box = document.getElementById("show-original");
  if (box) {
    var key = "locdoc.showOriginal";
    try {
      box.checked = localStorage.getItem(key) === "1";
      box.addEventListener("change", function () {
        localStorage.setItem(key, box.checked ? "1" : "0");
      });
    } catch (e) { /* storage disabled: the checkbox still works for this page */ }
  }

  // Tables and code blocks of a page come with tabindex="0" so the keyboard
  // can scroll them; keep it only on those that do scroll, now and after a
  // resize, so the others are no extra tab stop.
  var scrollers = Array.prototype.slice.call(document.querySelectorAll("table[tabindex='0'], pre[tabindex='0']"));
  if (scrollers.length) {
    var focusable = function () {
      scrollers.forEach(function (el) {
        if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0; else el.removeAttribute("tabindex");
      });
    };
    focusable();
    var resizing = 0;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(focusable, 150);
    });
  }

  // Event index: filter box, level menu, sortable columns.
  var table = document.getElementById("event-table");
  var tools = document.querySelector(".table-tools[data-table='event-table']");
  if (table && tools) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var filter = document.getElementById("event-filter");
    var level = document.getElementById("level-filter");
    var count = tools.querySelector(".filter-count");
    var noMatch = table.closest("section").querySelector(".no-match");
    // A page of a paged index: its link to the search page takes the
    // filter's words along (the filter covers this page only).
    var searchAll = tools.querySelector("a.filter-search-all");
    var searchHref = searchAll && searchAll.getAttribute("href");
    tools.hidden = false;

    var apply = function () {
      var terms = fold(filter.value).split(" ").filter(Boolean);
      var lv = level.value;
      var shown = 0;
      rows.forEach(function (r) {
        var text = r.getAttribute("data-search") || "";
        var ok = (!lv || r.getAttribute("data-level") === lv) &&
          terms.every(function (t) { return text.indexOf(t) !== -1; });
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", rows.length);
      noMatch.hidden = shown !== 0;
      if (searchAll) {
        searchAll.setAttribute("href", filter.value.trim()
          ? searchHref + (searchHref.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(filter.value.trim())
          : searchHref);
      }
      try {
        var url = new URL(location.href);
        if (filter.value) url.searchParams.set("filter", filter.value); else url.searchParams.delete("filter");
        if (lv) url.searchParams.set("level", lv); else url.searchParams.delete("level");
        history.replaceState(null, "", url);
      } catch (e) { /* file:// may refuse; filtering still works */ }
    };
    var params = new URLSearchParams(location.search);
    if (params.get("filter")) filter.value = params.get("filter");
    var wantedLevel = params.get("level");
    if (wantedLevel && Array.prototype.some.call(level.options, function (o) { return o.value === wantedLevel; })) {
      level.value = wantedLevel;
    }
    filter.addEventListener("input", apply);
    level.addEventListener("change", apply);
    apply();

    // Sorting: each header becomes a button; aria-sort says the order.
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      while (th.firstChild) btn.appendChild(th.firstChild);
      th.appendChild(btn);
      // The arrow is the cell's (see the CSS): a click on it sorts too.
      th.addEventListener("click", function (e) { if (e.target === th) btn.click(); });
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var value = function (r) {
          var c = r.cells[col];
          return c.getAttribute("data-value") || c.textContent.trim();
        };
        var collator = new Intl.Collator(document.documentElement.lang, { numeric: true, sensitivity: "base" });
        rows.sort(function (a, b) {
          var x = value(a), y = value(b), d;
          if (kind === "number") {
            d = (parseFloat(x) || 0) - (parseFloat(y) || 0);
            if (d === 0) d = (parseFloat(a.cells[0].textContent) || 0) - (parseFloat(b.cells[0].textContent) || 0);
          } else {
            d = collator.compare(x, y);
          }
          return asc ? d : -d;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  }

  // The search page opened from disk: browsers do not run its module
  // script on file://, so this (classic) script says why there are no
  // results.
  var searchCfg = document.getElementById("search-config");
  var searchStatus = document.getElementById("search-status");
  if (searchCfg && searchStatus && location.protocol === "file:") {
    searchStatus.textContent = searchCfg.getAttribute("data-unavailable");
  }

  // Language chooser: suggest the browser's language, never redirect.
  var list = document.querySelector(".locale-list");
  var suggest = document.getElementById("lang-suggest");
  if (list && suggest) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-lang]"));
    var wanted = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ""];
    var pick = null;
    wanted.some(function (w) {
      w = (w || "").toLowerCase();
      pick = items.filter(function (li) { return li.getAttribute("data-lang").toLowerCase() === w; })[0] ||
        items.filter(function (li) { return li.getAttribute("data-lang").toLowerCase().split("-")[0] === w.split("-")[0]; })[0] ||
        null;
      return pick !== null;
    });
    if (pick) {
      var a = pick.querySelector("a").cloneNode(false);
      a.textContent = pick.getAttribute("data-suggest");
      suggest.appendChild(a);
      suggest.hidden = false;
      pick.classList.add("suggested");
    }
  }
})();
