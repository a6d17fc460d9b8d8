// locdoc: the navigation tree. Each page carries its own branch of the tree
// (and works without this script); this folds the tree behind its button on
// a phone, and loads the locale's whole tree — its contents page, written once
// per locale — into the sidebar, marking the page and opening its ancestors.
(function () {
  "use strict";
  var side = document.querySelector(".toc-side");
  if (!side) return;
  var fold = side.querySelector(".toc-fold");
  var phone = window.matchMedia("(max-width: 48rem)");
  function layout() { if (fold) fold.open = !phone.matches; }
  layout();
  if (phone.addEventListener) phone.addEventListener("change", layout);

  if (!/^https?:$/.test(location.protocol) || !window.fetch || !window.DOMParser) return;
  var src = new URL(side.getAttribute("data-toc"), location.href);
  function bare(u) { return u.split("#")[0].split("?")[0].replace(/index\.html$/, ""); }
  var here = bare(location.href);
  fetch(src.href).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.text();
  }).then(function (text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    var full = doc.getElementById("toc-full");
    var branch = side.querySelector(".toc-tree");
    if (!full || !branch) return;
    var tree = document.importNode(full, true);
    var current = null;
    Array.prototype.forEach.call(tree.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    Array.prototype.forEach.call(tree.querySelectorAll("a[href]"), function (a) {
      var abs = new URL(a.getAttribute("href"), src).href;
      a.setAttribute("href", abs);
      if (!current && bare(abs) === here) current = a;
    });
    if (current) {
      current.setAttribute("aria-current", "page");
      for (var e = current.parentElement; e && e !== tree; e = e.parentElement) {
        if (e.tagName === "DETAILS") e.open = true;
      }
      // A branch page: its own children open too.
      var own = current.nextElementSibling;
      if (own && own.tagName === "DETAILS") own.open = true;
    }
    tree.setAttribute("data-loaded", "");
    branch.parentNode.replaceChild(tree, branch);
    // The page's entry in the middle of whichever box scrolls: the sidebar
    // (wide), the opened tree (phone).
    var reveal = function () {
      if (!current) return;
      [side, tree].forEach(function (box) {
        if (box.scrollHeight > box.clientHeight + 1) {
          var top = current.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
          box.scrollTop = Math.max(0, top - box.clientHeight / 2);
        }
      });
    };
    reveal();
    if (fold) fold.addEventListener("toggle", reveal);
  }).catch(function () { /* the page's own branch stays */ });
})();
