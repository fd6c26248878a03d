/* The keyboard: Ctrl+Enter saves and goes on (Alt+Enter: needs review, Ctrl+Shift+Enter:
   approve), Alt+Down/Up move, Alt+1..9 take a suggestion, Alt+C copies the source, Alt+M asks
   the engine, Alt+J joins, Ctrl+K searches, Esc cancels a join. The list is in _keys.html. */

import { panel, paragraphs } from "./dom.js";
import { cancelJoin, copySource, currentItem, save, saveItem, startJoin } from "./editor.js";
import { machine, useSuggestion } from "./panels.js";
import { go } from "./queue.js";

function onKey(event) {
  const ctrl = event.ctrlKey || event.metaKey;
  if (event.key === "Enter" && (ctrl || event.altKey)) {
    event.preventDefault();
    const action = ctrl && event.shiftKey ? "approve" : event.altKey ? "review" : "save";
    const item = currentItem();
    if (paragraphs && item) saveItem(item, action, true);
    else if (!paragraphs) save(action, true);
    return;
  }
  if (event.altKey && !ctrl && (event.key === "ArrowDown" || event.key === "PageDown")) {
    event.preventDefault();
    go(1);
    return;
  }
  if (event.altKey && !ctrl && (event.key === "ArrowUp" || event.key === "PageUp")) {
    event.preventDefault();
    go(-1);
    return;
  }
  if (event.altKey && !ctrl && !event.shiftKey && onAltKey(event)) return;
  if (ctrl && !event.shiftKey && event.key.toLowerCase() === "k") {
    event.preventDefault();
    document.getElementById("q").focus();
    return;
  }
  if (event.key === "Escape") cancelJoin();
}

/* Alt+digit, Alt+C, Alt+M, Alt+J; false for any other Alt key. */
function onAltKey(event) {
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit) {
    const scope = currentItem() || panel;
    const options = scope.querySelectorAll(".suggestion");
    const chosen = options[Number(digit[1]) - 1];
    if (chosen) { event.preventDefault(); useSuggestion(chosen); }
    return true;
  }
  if (event.code === "KeyC") {
    event.preventDefault();
    const item = currentItem();
    if (item) item.querySelector('[data-act="copy"]').click();
    else copySource();
    return true;
  }
  if (event.code === "KeyM") { event.preventDefault(); machine(); return true; }
  if (event.code === "KeyJ") { event.preventDefault(); startJoin(); return true; }
  return false;
}

/* The keys, the "Keys" help toggle, and Enter in the jump-to-number field. */
export function startShortcuts() {
  document.addEventListener("keydown", onKey);

  const keysButton = document.getElementById("keys-button");
  keysButton.addEventListener("click", () => {
    const help = document.getElementById("keys-help");
    help.hidden = !help.hidden;
    keysButton.setAttribute("aria-expanded", String(!help.hidden));
  });

  const jump = document.getElementById("jump");
  jump.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); jump.form.submit(); }
  });
}
