/* The editor page and what its modules share: the #editor element and its data attributes
   (URLs, filter, mode), the panel, the editing state, and small DOM helpers. Text from the
   server is always inserted with textContent. */

export const editor = document.getElementById("editor");
export const ds = editor ? editor.dataset : {};
export const panel = document.getElementById("panel");
export const paragraphs = ds.mode === "paragraphs";

/* What the modules change together: unsaved text, a join in progress, a save on its way. */
export const state = {
  dirty: false,
  joining: false,
  busy: false,
  discardArmed: 0, // when "unsaved changes" was last shown: a second try within 4 s discards
  trail: [], // sentences left by "next", so "previous" goes back to where one came from
};

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function segment() { return document.getElementById("segment"); }
export function textarea() { return document.getElementById("msgstr"); }

/* lang and dir of the translation, for text shown in the target language. */
export function targetAttrs() {
  const area = textarea() || document.querySelector(".bi-text");
  return area ? { lang: area.getAttribute("lang"), dir: area.getAttribute("dir") } : {};
}

export function setStatus(message, kind, scope) {
  const node = scope ? scope.querySelector(".status") : document.getElementById("status");
  if (!node) return;
  node.textContent = message || "";
  node.className = "status" + (kind ? " " + kind : "");
}

export function apiUrl(seg, suffix) { return seg.dataset.saveUrl + (suffix || ""); }

/* Put text into a translation box as if typed (so checks and the dirty mark follow). */
export function fillBox(area, text, bubbles) {
  area.value = text;
  area.dispatchEvent(new Event("input", bubbles ? { bubbles: true } : undefined));
  area.focus();
}
