// locdoc: remembers the "show English original" choice across pages.
// Everything works without this script; it only adds persistence.
(function () {
  var box = document.getElementById("show-original");
  if (!box) return;
  var key = "locdoc.showOriginal";
  try {
    box.checked = localStorage.getItem(key) === "1";
    box.addEventListener("change", function () {
      localStorage.setItem(key, box.checked ? "1" : "0");
    });
  } catch (e) { /* storage disabled: the checkbox still works for this page */ }
})();
