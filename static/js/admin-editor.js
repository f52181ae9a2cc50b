// The admin's rich-text editor (django-prose-editor) writes in a contenteditable <div> that
// its field's <label for="..."> cannot reach (the label points at the hidden <textarea>):
// name the writing area after that label, say it is a multi-line text box, and let a click on
// the label put the caret in it, as it would for a plain text area.
(() => {
  "use strict";
  const EDITABLE = '.prose-editor .ProseMirror[contenteditable="true"]';

  const label = (editable) => {
    const textarea = editable.closest(".prose-editor")?.querySelector("textarea[id]");
    return textarea && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  };

  const name = (editable) => {
    const own = label(editable);
    if (!own || editable.hasAttribute("aria-labelledby")) return;
    own.id ||= `${own.htmlFor}-label`;
    editable.setAttribute("aria-labelledby", own.id);
    editable.setAttribute("role", "textbox");
    editable.setAttribute("aria-multiline", "true");
    own.addEventListener("click", () => editable.focus());
  };

  const scan = (root) => {
    if (root.matches?.(EDITABLE)) name(root);
    root.querySelectorAll?.(EDITABLE).forEach(name);
  };

  // The editors are made by module scripts, after this one may have run.
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(scan);
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(document);
})();
