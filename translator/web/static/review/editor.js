/* The translation box: saving (as translated, needing review, approved), conflicts with
   someone else's save, joining two sentences, copying the source, the small actions on one
   sentence (undo a join, revert, dismiss a check), and the same for each sentence of a
   paragraph in paragraph mode. */

import { postJSON } from "./api.js";
import { apiUrl, el, fillBox, panel, paragraphs, segment, setStatus, state, targetAttrs, textarea } from "./dom.js";
import { scheduleCheck } from "./panels.js";
import { go, loadBlock, loadSegment, reloadCurrent, updateRow } from "./queue.js";

const REVIEWING = ["approve", "unapprove"];

/* Save the open sentence (``action``: save, review, approve, unapprove); ``advance``: go on. */
export async function save(action, advance) {
  const seg = segment();
  if (!seg || state.busy) return;
  const area = textarea();
  if (seg.dataset.canEdit !== "1" && !REVIEWING.includes(action)) {
    if (advance) go(1);
    return;
  }
  if (REVIEWING.includes(action) && seg.dataset.canReview !== "1") {
    setStatus("Only reviewers can approve.", "error");
    return;
  }
  state.busy = true;
  setStatus(state.joining ? "Joining…" : "Saving…");
  let result;
  if (state.joining) {
    result = await postJSON(apiUrl(seg, "/join"), {
      version: seg.dataset.version,
      next_key: seg.dataset.joinKey,
      next_version: seg.dataset.joinVersion,
      msgstr: area.value,
    });
  } else {
    const payload = { action: action, version: seg.dataset.version };
    const forms = seg.querySelectorAll("textarea.plural-form");
    if (forms.length && action !== "unapprove") payload.msgstr_plural = Array.from(forms, (form) => form.value);
    else if (area && action !== "unapprove") payload.msgstr = area.value;
    result = await postJSON(apiUrl(seg), payload);
  }
  state.busy = false;
  if (result.status === 200) {
    await saved(seg, result.body.entry, advance);
  } else if (result.status === 409 && result.body.error === "conflict") {
    showConflict(result.body, action, advance);
  } else {
    setStatus(result.body.error || "Could not save (HTTP " + result.status + ").", "error");
  }
}

async function saved(seg, entry, advance) {
  seg.dataset.version = entry.version;
  updateRow(entry);
  state.dirty = false;
  const wasJoining = state.joining;
  state.joining = false;
  if (wasJoining) {
    await reloadCurrent();
    setStatus("Joined with the next sentence.", "ok");
  } else if (advance && seg.dataset.nextKey) {
    state.trail.push(seg.dataset.key);
    await loadSegment(seg.dataset.nextKey);
    setStatus("Saved #" + entry.number + ".", "ok");
  } else {
    await reloadCurrent();
    setStatus(advance ? "Saved. That was the last sentence in this list." : "Saved.", "ok");
  }
}

/* Both versions side by side: take theirs, or save mine over theirs. */
function showConflict(body, action, advance) {
  const slot = document.getElementById("conflict-slot");
  if (!slot) return;
  slot.textContent = "";
  const attrs = targetAttrs();
  const box = el("section", { class: "conflict", role: "alert" });
  box.appendChild(el("h3", {}, "Someone else saved this sentence since you opened it"));
  const grid = el("div", { class: "conflict-grid" });
  const theirs = el("div");
  const who = body.theirs.by ? " — " + body.theirs.by + ", " + body.theirs.at + " UTC" : "";
  theirs.appendChild(el("h4", {}, "Theirs (" + body.theirs.state + ")" + who));
  theirs.appendChild(el("p", Object.assign({ class: "text theirs-text" }, attrs), body.theirs.msgstr || "(empty)"));
  const mine = el("div");
  mine.appendChild(el("h4", {}, "Yours (not saved)"));
  mine.appendChild(el("p", Object.assign({ class: "text mine-text" }, attrs), body.yours.msgstr || "(no change of text)"));
  grid.appendChild(theirs);
  grid.appendChild(mine);
  box.appendChild(grid);
  const buttons = el("div", { class: "actions" });
  const take = el("button", { type: "button", "data-act": "take-theirs" }, "Take theirs");
  const keep = el("button", { type: "button", class: "primary", "data-act": "keep-mine" }, "Keep mine (replace theirs)");
  take.addEventListener("click", () => {
    slot.textContent = "";
    state.dirty = false;
    reloadCurrent();
  });
  keep.addEventListener("click", () => {
    segment().dataset.version = body.theirs.version;
    slot.textContent = "";
    save(action, advance);
  });
  buttons.appendChild(take);
  buttons.appendChild(keep);
  box.appendChild(buttons);
  slot.appendChild(box);
  setStatus("Not saved: conflict.", "error");
}

/* A change with no text of its own (undo a join, revert, dismiss a check), then reload. */
export async function simpleAction(suffix, payload, done) {
  const seg = segment();
  if (!seg) return;
  const result = await postJSON(apiUrl(seg, suffix), Object.assign({ version: seg.dataset.version }, payload));
  if (result.status === 200) {
    updateRow(result.body.entry);
    await reloadCurrent();
    setStatus(done, "ok");
  } else if (result.status === 409 && result.body.error === "conflict") {
    setStatus("Someone else changed this sentence; reloaded.", "error");
    await reloadCurrent();
  } else {
    setStatus(result.body.error || "Failed (HTTP " + result.status + ").", "error");
  }
}

export function copySource() {
  const seg = segment();
  const area = textarea();
  if (!seg || !area || area.readOnly) return;
  fillBox(area, seg.dataset.source + (state.joining ? " " + nextSource() : ""));
}

function nextSource() {
  const label = document.querySelector(".ctx-next .src");
  return label ? label.textContent : "";
}

export function startJoin() {
  const seg = segment();
  const area = textarea();
  if (!seg || !area || area.readOnly) return;
  if (seg.dataset.joinProblem) {
    setStatus(seg.dataset.joinProblem, "error");
    return;
  }
  if (seg.dataset.joined === "next") {
    setStatus("Already joined with the next sentence.", "error");
    return;
  }
  state.joining = true;
  document.getElementById("join-label").hidden = false;
  const after = document.querySelector(".ctx-next");
  if (after) after.classList.add("joining");
  const extra = seg.dataset.joinText;
  if (extra) area.value = (area.value.trim() + " " + extra).trim();
  state.dirty = true;
  area.focus();
  setStatus("Translate both sentences in this box, then save with Ctrl+Enter (Esc cancels).");
}

export function cancelJoin() {
  if (!state.joining) return;
  state.joining = false;
  document.getElementById("join-label").hidden = true;
  setStatus("Join cancelled.");
}

// -- paragraph mode ----------------------------------------------------------------------------

/* Save one sentence of the open paragraph; ``advance``: on to the next editable one. */
export async function saveItem(item, action, advance) {
  const area = item.querySelector(".bi-text");
  if (item.dataset.canEdit !== "1" && !REVIEWING.includes(action)) {
    if (advance) focusNextItem(item);
    return;
  }
  const payload = { action: action, version: item.dataset.version };
  if (area && action !== "unapprove") payload.msgstr = area.value;
  setStatus("Saving…", "", item);
  const result = await postJSON(item.dataset.saveUrl, payload);
  if (result.status === 200) {
    itemSaved(item, result.body.entry);
    if (advance) focusNextItem(item);
  } else if (result.status === 409 && result.body.error === "conflict") {
    setStatus("Conflict: " + (result.body.theirs.by || "someone") + " saved “" + result.body.theirs.msgstr + "”. Reload the paragraph to see it.", "error", item);
  } else {
    setStatus(result.body.error || "Could not save (HTTP " + result.status + ").", "error", item);
  }
}

function itemSaved(item, entry) {
  item.dataset.version = entry.version;
  item.className = item.className.replace(/\bstate-\S+/g, "").trim() + " state-" + entry.state;
  const badge = item.querySelector(".state-badge");
  if (badge) {
    badge.textContent = entry.state_label;
    badge.className = "state-badge state-" + entry.state;
  }
  const origin = item.querySelector(".prov");
  if (origin) {
    origin.textContent = entry.provenance.label;
    origin.title = entry.provenance.detail;
    origin.className = "prov prov-" + entry.provenance.kind;
  }
  item.classList.remove("dirty");
  state.dirty = document.querySelectorAll(".block-item.dirty").length > 0;
  const issues = entry.issues;
  setStatus(issues.length ? "Saved; " + issues.map((i) => i.message).join("; ") : "Saved.", issues.length ? "error" : "ok", item);
}

function focusNextItem(item) {
  let next = item.nextElementSibling;
  while (next && !next.querySelector(".bi-text:not([readonly])")) next = next.nextElementSibling;
  if (next) {
    next.querySelector(".bi-text").focus();
    return;
  }
  const block = document.getElementById("block");
  state.dirty = document.querySelectorAll(".block-item.dirty").length > 0;
  if (block && block.dataset.nextBlock) loadBlock(block.dataset.nextBlock);
}

/* The paragraph sentence that has the focus (null outside paragraph mode). */
export function currentItem() {
  const active = document.activeElement;
  return active ? active.closest(".block-item") : null;
}

export function copyItemSource(item) {
  fillBox(item.querySelector(".bi-text"), item.dataset.source, true);
}

/* Typing marks the text unsaved; the plain form saves through the API; leaving warns. */
export function startEditor() {
  panel.addEventListener("input", (event) => {
    if (event.target.id === "msgstr") {
      state.dirty = true;
      scheduleCheck();
    } else if (event.target.classList.contains("plural-form")) {
      state.dirty = true;
    } else if (event.target.classList.contains("bi-text")) {
      state.dirty = true;
      event.target.closest(".block-item").classList.add("dirty");
    }
  });

  panel.addEventListener("submit", (event) => {
    if (event.target.id === "translate-form") {
      event.preventDefault();
      const action = event.submitter && event.submitter.value ? event.submitter.value : "save";
      save(action, action !== "unapprove");
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (state.dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  const first = textarea();
  if (first && !first.readOnly) {
    first.focus();
    first.setSelectionRange(first.value.length, first.value.length);
  } else if (paragraphs) {
    const area = panel.querySelector(".bi-text:not([readonly])");
    if (area) area.focus();
  }
}
