// locdoc serve: reloads the page after a rebuild that changed it and shows
// build errors over it. Injected into every HTML page of the preview; never
// in a build.
(() => {
  "use strict";
  const OVERLAY = "locdoc-overlay";
  // The output file this page is; pages made on request have none.
  const file = document.currentScript ? document.currentScript.dataset.file || null : null;
  let version = null;

  function showErrors(errors) {
    let box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.replaceChildren();
    const title = document.createElement("p");
    title.className = "locdoc-overlay-title";
    title.textContent = errors.length === 1
      ? "1 error; the page shows the last good build"
      : errors.length + " errors; the page shows the last good build";
    box.appendChild(title);
    for (const e of errors) {
      const pre = document.createElement("pre");
      const where = e.file ? e.file + ":" + e.line + ":" + e.column + ": " : "";
      pre.textContent = where + e.severity + "[" + e.code + "]: " + e.message + (e.help ? "\nhelp: " + e.help : "");
      box.appendChild(pre);
    }
  }

  function hideErrors() {
    const box = document.getElementById(OVERLAY);
    if (box) box.remove();
  }

  // A new version concerns this page unless it says which files changed
  // since the version this page saw last, and this page is not among them.
  function concernsMe(status) {
    if (status.since !== version) return true;
    if (!Array.isArray(status.changed) || file === null) return true;
    return status.changed.includes(file);
  }

  function connect() {
    const events = new EventSource("/_locdoc/events");
    events.onmessage = (message) => {
      const status = JSON.parse(message.data);
      if (version !== null && status.version !== version && concernsMe(status)) {
        location.reload();
        return;
      }
      version = status.version;
      const errors = status.errors.filter((e) => e.severity === "error");
      if (errors.length) showErrors(errors); else hideErrors();
    };
    events.onerror = () => {
      events.close();
      setTimeout(connect, 1000);
    };
  }

  // Translated segments show their English original on hover and on
  // keyboard focus (preview.css); make them focusable.
  for (const en of document.querySelectorAll(".seg > .seg-en")) {
    en.parentElement.tabIndex = 0;
  }
  connect();
})();
