/* The queue: the list of sentences (or paragraphs) beside the panel, and moving through it
   without page loads: open a sentence or paragraph, next and previous, back and forward in
   the browser's history, and the rows redrawn after a save. */

import { getPage } from "./api.js";
import { ds, panel, paragraphs, segment, setStatus, state, textarea, el } from "./dom.js";

const SHORT = 160; // characters of a translation a row shows

/* The list's filter, search and mode as URL parameters, plus ``extra``. */
function query(extra) {
  const params = new URLSearchParams();
  if (ds.filter && ds.filter !== "all") params.set("filter", ds.filter);
  if (ds.q) params.set("q", ds.q);
  if (ds.scope && ds.scope !== "both") params.set("scope", ds.scope);
  if (paragraphs) params.set("mode", "paragraphs");
  Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
  return params.toString();
}

function rowOf(key) {
  return document.querySelector('.seglist .row[data-key="' + CSS.escape(key) + '"]');
}

function markCurrent(key) {
  document.querySelectorAll(".seglist .row.current").forEach((row) => {
    row.classList.remove("current");
    row.removeAttribute("aria-current");
  });
  const row = rowOf(key);
  if (row) {
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
    row.scrollIntoView({ block: "nearest" });
  }
  return row;
}

/* Redraw one row from the entry a save answered with (state, text, failing checks). */
export function updateRow(entry) {
  const row = rowOf(entry.key);
  if (!row) return;
  const kind = entry.joined === "previous" ? "joined" : entry.state;
  row.className = row.className.replace(/\bstate-\S+/g, "").trim() + " state-" + kind;
  const target = row.querySelector(".tgt");
  if (target && entry.joined !== "previous") {
    target.textContent = entry.msgstr.length > SHORT ? entry.msgstr.slice(0, SHORT - 3) + "..." : entry.msgstr;
  }
  const dot = row.querySelector(".state-dot");
  if (dot) dot.title = entry.state_label;
  let marks = row.querySelector(".mark-issues");
  if (entry.issues.length) {
    if (!marks) {
      marks = el("span", { class: "mark-issues" });
      row.querySelector(".marks").appendChild(marks);
    }
    marks.textContent = "⚠ " + entry.issues.length;
    marks.title = entry.issues.length + " failing check(s)";
  } else if (marks) {
    marks.remove();
  }
}

/* Open sentence ``key`` in the panel (a page load when it is not in this page of the list). */
export async function loadSegment(key, options) {
  const opts = Object.assign({ push: true, focus: true }, options || {});
  if (!rowOf(key) && opts.push) {
    window.location.href = ds.editorUrl + "?" + query({ seg: key });
    return;
  }
  const url = ds.panelUrl.replace("KEY", encodeURIComponent(key)) + "?" + query();
  let response;
  try {
    response = await getPage(url);
  } catch (error) {
    setStatus("The server cannot be reached.", "error");
    return;
  }
  if (!response.ok) {
    window.location.href = ds.editorUrl + "?" + query({ seg: key });
    return;
  }
  panel.innerHTML = await response.text();
  state.dirty = false;
  state.joining = false;
  markCurrent(key);
  if (opts.push) history.pushState({ key: key }, "", ds.editorUrl + "?" + query({ seg: key }));
  const area = textarea();
  if (opts.focus && area) {
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }
  panel.scrollTop = 0;
}

/* Open paragraph ``block`` in the panel (paragraph mode). */
export async function loadBlock(block, options) {
  const opts = Object.assign({ push: true, focusFirst: true }, options || {});
  const onPage = document.querySelector('.seglist .block-row[data-block="' + block + '"]');
  if (!onPage && opts.push) {
    window.location.href = ds.editorUrl + "?" + query({ block: block });
    return;
  }
  const url = ds.blockUrl.replace(/\/0$/, "/" + block) + "?" + query();
  const response = await getPage(url);
  if (!response.ok) {
    window.location.href = ds.editorUrl + "?" + query({ block: block });
    return;
  }
  panel.innerHTML = await response.text();
  state.dirty = false;
  document.querySelectorAll(".seglist .block-row.current").forEach((row) => row.classList.remove("current"));
  if (onPage) { onPage.classList.add("current"); onPage.scrollIntoView({ block: "nearest" }); }
  if (opts.push) history.pushState({ block: block }, "", ds.editorUrl + "?" + query({ block: block }));
  if (opts.focusFirst) {
    const first = panel.querySelector(".bi-text:not([readonly])");
    if (first) first.focus();
  }
  panel.scrollTop = 0;
}

/* Load the open sentence or paragraph again (after a change, or to see someone else's). */
export function reloadCurrent() {
  const seg = segment();
  if (seg) return loadSegment(seg.dataset.key, { push: false });
  const block = document.getElementById("block");
  if (block) return loadBlock(block.dataset.block, { push: false, focusFirst: false });
  return null;
}

/* False (with a warning) when unsaved text would be lost; a second try within 4 s goes on. */
function mayLeave(how) {
  if (state.dirty && Date.now() - state.discardArmed > 4000) {
    state.discardArmed = Date.now();
    setStatus("Unsaved changes: save with Ctrl+Enter, or " + how + " again to discard them.", "error");
    return false;
  }
  return true;
}

/* The next (1) or previous (-1) sentence or paragraph of the list. */
export function go(direction) {
  if (!mayLeave("press")) return;
  const seg = segment();
  if (seg) {
    let key = direction > 0 ? seg.dataset.nextKey : seg.dataset.prevKey;
    if (direction < 0 && state.trail.length) key = state.trail.pop();
    else if (direction > 0 && key) state.trail.push(seg.dataset.key);
    if (key) loadSegment(key);
    else setStatus(direction > 0 ? "This is the last sentence in this list." : "This is the first sentence in this list.");
    return;
  }
  const block = document.getElementById("block");
  if (block) {
    const target = direction > 0 ? block.dataset.nextBlock : block.dataset.prevBlock;
    if (target) loadBlock(target);
  }
}

/* Clicks on the list's rows, the browser's back and forward, and the first scroll. */
export function startQueue() {
  document.querySelector(".seglist").addEventListener("click", (event) => {
    const row = event.target.closest("a.row");
    if (!row || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (!mayLeave("click")) return;
    if (row.dataset.key) loadSegment(row.dataset.key);
    else if (row.dataset.block) loadBlock(row.dataset.block);
  });

  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("seg")) loadSegment(params.get("seg"), { push: false });
    else if (params.get("block")) loadBlock(params.get("block"), { push: false });
  });

  const current = document.querySelector(".seglist .row.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}
