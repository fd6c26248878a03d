/* The editor's script (an ES module, loaded with <script type="module">; no build step).
   Keyboard-first saving, navigation without page loads, suggestions, comments, history,
   joins, conflicts and live checks, in modules by concern:

     review/api.js        requests to the server (CSRF token in X-CSRFToken)
     review/dom.js        the page, the shared editing state, DOM helpers
     review/queue.js      the list of sentences and moving through it
     review/editor.js     the translation box: save, approve, join, conflicts, paragraphs
     review/panels.js     suggestions, machine translation, live checks, comments
     review/shortcuts.js  the keyboard

   This file routes clicks on the panel's buttons (data-act) to them. Panels are
   server-rendered (escaped) HTML fragments; without this script the page still works
   through plain forms. */

import { editor, panel } from "./review/dom.js";
import {
  copyItemSource, copySource, save, saveItem, simpleAction, startEditor, startJoin,
} from "./review/editor.js";
import { deleteComment, machine, startPanels, useSuggestion } from "./review/panels.js";
import { go, loadSegment, startQueue } from "./review/queue.js";
import { startShortcuts } from "./review/shortcuts.js";

const ITEM_ACTIONS = ["save", "review", "approve", "copy"]; // buttons of a paragraph's sentence

function onPanelClick(event) {
  const target = event.target.closest("[data-act], a.seg-link");
  if (!target) return;
  const act = target.dataset.act;
  const item = target.closest(".block-item");
  if (target.matches("a.seg-link")) {
    event.preventDefault();
    loadSegment(target.dataset.key);
    return;
  }
  if (item && ITEM_ACTIONS.includes(act)) {
    event.preventDefault();
    if (act === "copy") copyItemSource(item);
    else saveItem(item, act, false);
    return;
  }
  switch (act) {
    case "save": case "review": case "approve": case "unapprove":
      event.preventDefault();
      save(act, act !== "unapprove");
      break;
    case "copy": copySource(); break;
    case "use": useSuggestion(target.closest(".suggestion")); break;
    case "machine": machine(); break;
    case "join": startJoin(); break;
    case "unjoin": simpleAction("/unjoin", {}, "The sentences are separate again."); break;
    case "revert":
      simpleAction("/revert", { history_id: Number(target.dataset.id), before: target.dataset.before === "1" }, "Reverted.");
      break;
    case "dismiss": case "undismiss":
      simpleAction("/dismiss", { check: target.dataset.check, dismissed: act === "dismiss" }, act === "dismiss" ? "Check dismissed." : "Check restored.");
      break;
    case "delete-comment": deleteComment(target); break;
    case "next": case "prev": case "next-block": case "prev-block":
      event.preventDefault();
      go(act.startsWith("next") ? 1 : -1);
      break;
    default: break;
  }
}

if (editor) {
  startEditor();
  startPanels();
  panel.addEventListener("click", onPanelClick);
  startQueue();
  startShortcuts();
}
