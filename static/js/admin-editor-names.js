// The rich-text editor (ProseMirror) replaces its field's textarea with an editable box that
// has no accessible name of its own (WCAG 4.1.2): name it by the field's label, as the textarea
// was. The editor is built after the page loads, so new boxes are watched for.
"use strict";

(function () {
  function nameEditors() {
    document.querySelectorAll('.prose-editor [contenteditable="true"]').forEach(function (box) {
      if (box.hasAttribute("aria-labelledby")) {
        return;
      }
      var row = box.closest(".flex-container") || box.closest(".form-row");
      var label = row && row.querySelector("label");
      if (!label) {
        return;
      }
      if (!label.id) {
        label.id = (label.htmlFor || "editor") + "-label";
      }
      box.setAttribute("aria-labelledby", label.id);
    });
  }

  new MutationObserver(nameEditors).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", nameEditors);
})();
