// Warn before leaving the editor with unsaved changes; no inline script, so the CSP stays strict.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = form.getAttribute("data-unsaved-warning") || "";
    }
  });
})();
