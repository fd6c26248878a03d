/* The panel beside the translation box: suggestions (memory, and machine translation on
   demand), the checks of the text being typed, and the comment thread. */

import { getJSON, postJSON } from "./api.js";
import { apiUrl, ds, el, fillBox, panel, segment, setStatus, state, targetAttrs, textarea } from "./dom.js";

const CHECK_DELAY_MS = 600; // after the last key, before the typed text is checked

let checkTimer = null;

/* Put a suggestion's text into its box (the sentence's, or the paragraph sentence's). */
export function useSuggestion(node) {
  const item = node.closest(".block-item");
  const area = item ? item.querySelector(".bi-text") : textarea();
  if (!area || area.readOnly) return;
  fillBox(area, node.dataset.text);
}

/* Ask the configured engine for the open sentence; its answers go on top of the list. */
export async function machine() {
  const seg = segment();
  const button = document.getElementById("mt-button");
  if (!seg || !button || button.disabled) return;
  button.disabled = true;
  setStatus("Asking the engine…");
  const result = await postJSON(apiUrl(seg, "/machine"), {});
  button.disabled = false;
  const list = document.getElementById("suggestions");
  if (result.status !== 200) {
    setStatus(result.body.error || "Machine translation failed.", "error");
    return;
  }
  if (result.body.error) setStatus(result.body.error, "error");
  else setStatus("");
  const attrs = targetAttrs();
  result.body.suggestions.forEach((s) => {
    const item = el("li", { class: "suggestion machine", "data-text": s.text });
    item.appendChild(el("span", { class: "score", title: "machine translation" }, "MT"));
    item.appendChild(el("span", Object.assign({ class: "s-text" }, attrs), s.text));
    item.appendChild(el("span", { class: "s-meta" }, s.origin.replace(/^mt:/, "Machine · ")));
    if (s.problem) item.appendChild(el("span", { class: "problem" }, s.problem));
    const use = el("button", { type: "button", class: "use", "data-act": "use" }, "Use");
    item.appendChild(use);
    list.prepend(item);
  });
  const none = document.getElementById("no-memory");
  if (none && result.body.suggestions.length) none.hidden = true;
}

export function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
}

/* Check the text as typed (not saved) and show what fails above the dismissed checks. */
async function runCheck() {
  const seg = segment();
  const area = textarea();
  if (!seg || !area || state.joining) return;
  const url = ds.checkUrl + "?" + new URLSearchParams({ key: seg.dataset.key, text: area.value });
  let body;
  try {
    const response = await getJSON(url);
    if (!response.ok) return;
    body = await response.json();
  } catch (error) {
    return;
  }
  const box = document.getElementById("issues");
  if (!box) return;
  box.querySelectorAll(".issue:not(.dismissed)").forEach((node) => node.remove());
  const first = box.firstChild;
  body.issues.forEach((issue) => {
    const p = el("p", { class: "issue sev-" + issue.severity, title: issue.description || "" });
    p.appendChild(el("span", { class: "sev" }, issue.severity));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(el("strong", {}, issue.name));
    p.appendChild(document.createTextNode(" — " + issue.message));
    box.insertBefore(p, first);
  });
}

async function addComment(form) {
  const seg = segment();
  const input = form.querySelector("textarea");
  const body = input.value.trim();
  if (!body || !seg) return;
  const result = await postJSON(form.dataset.url, { body: body });
  if (result.status !== 201) {
    setStatus(result.body.error || "The comment was not saved.", "error");
    return;
  }
  const c = result.body.comment;
  const item = el("li", { "data-id": c.id });
  const meta = el("span", { class: "c-meta" });
  meta.appendChild(el("strong", {}, c.username));
  meta.appendChild(document.createTextNode(" · " + c.at + " UTC"));
  item.appendChild(meta);
  item.appendChild(el("p", { class: "c-body" }, c.body));
  item.appendChild(el("button", { type: "button", class: "linklike small", "data-act": "delete-comment", "data-id": c.id }, "Delete"));
  document.getElementById("comments").appendChild(item);
  input.value = "";
  const count = document.querySelector("#comments-h .count");
  if (count) count.textContent = document.querySelectorAll("#comments li").length;
}

export async function deleteComment(button) {
  const url = ds.commentDeleteUrl.replace(/\/0\/delete$/, "/" + button.dataset.id + "/delete");
  const result = await postJSON(url, {});
  if (result.status === 200) button.closest("li").remove();
  else setStatus(result.body.error || "Could not delete.", "error");
}

/* The comment form posts through the API and adds the comment without a page load. */
export function startPanels() {
  panel.addEventListener("submit", (event) => {
    if (event.target.id === "comment-form") {
      event.preventDefault();
      addComment(event.target);
    }
  });
}
