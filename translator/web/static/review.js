/* The editor: keyboard-first saving, navigation without page loads, suggestions, comments,
   history, joins, conflicts and live checks. Every request carries the CSRF token in
   X-CSRFToken; text from the server is inserted with textContent, panels are server-rendered
   (escaped) HTML fragments. Without this script the page still works through plain forms. */
(function () {
  "use strict";

  const editor = document.getElementById("editor");
  if (!editor) return;
  const ds = editor.dataset;
  const panel = document.getElementById("panel");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const paragraphs = ds.mode === "paragraphs";
  let dirty = false;
  let joining = false;
  let discardArmed = 0;
  let checkTimer = null;
  let busy = false;
  const trail = []; // sentences left by "next", so "previous" goes back to where one came from

  // -- helpers ------------------------------------------------------------------------------

  function query(extra) {
    const params = new URLSearchParams();
    if (ds.filter && ds.filter !== "all") params.set("filter", ds.filter);
    if (ds.q) params.set("q", ds.q);
    if (ds.scope && ds.scope !== "both") params.set("scope", ds.scope);
    if (paragraphs) params.set("mode", "paragraphs");
    Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
    return params.toString();
  }

  async function postJSON(url, data) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(data || {}),
      });
    } catch (error) {
      return { status: 0, body: { error: "The server cannot be reached. Your text is still here; try again." } };
    }
    let body = {};
    try { body = await response.json(); } catch (error) { body = {}; }
    if (response.status === 401) body.error = "Your session ended. Log in again in another tab, then save.";
    return { status: response.status, body: body };
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function segment() { return document.getElementById("segment"); }
  function textarea() { return document.getElementById("msgstr"); }
  function targetAttrs() {
    const area = textarea() || document.querySelector(".bi-text");
    return area ? { lang: area.getAttribute("lang"), dir: area.getAttribute("dir") } : {};
  }

  function setStatus(message, kind, scope) {
    const node = scope ? scope.querySelector(".status") : document.getElementById("status");
    if (!node) return;
    node.textContent = message || "";
    node.className = "status" + (kind ? " " + kind : "");
  }

  function apiUrl(seg, suffix) { return seg.dataset.saveUrl + (suffix || ""); }

  // -- list ---------------------------------------------------------------------------------

  function markCurrent(key) {
    document.querySelectorAll(".seglist .row.current").forEach((row) => {
      row.classList.remove("current");
      row.removeAttribute("aria-current");
    });
    const row = document.querySelector('.seglist .row[data-key="' + CSS.escape(key) + '"]');
    if (row) {
      row.classList.add("current");
      row.setAttribute("aria-current", "true");
      row.scrollIntoView({ block: "nearest" });
    }
    return row;
  }

  function updateRow(entry) {
    const row = document.querySelector('.seglist .row[data-key="' + CSS.escape(entry.key) + '"]');
    if (!row) return;
    const state = entry.joined === "previous" ? "joined" : entry.state;
    row.className = row.className.replace(/\bstate-\S+/g, "").trim() + " state-" + state;
    const target = row.querySelector(".tgt");
    if (target && entry.joined !== "previous") {
      target.textContent = entry.msgstr.length > 160 ? entry.msgstr.slice(0, 157) + "..." : entry.msgstr;
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

  // -- loading panels -----------------------------------------------------------------------

  async function loadSegment(key, options) {
    const opts = Object.assign({ push: true, focus: true }, options || {});
    const onPage = document.querySelector('.seglist .row[data-key="' + CSS.escape(key) + '"]');
    if (!onPage && opts.push) {
      window.location.href = ds.editorUrl + "?" + query({ seg: key });
      return;
    }
    const url = ds.panelUrl.replace("KEY", encodeURIComponent(key)) + "?" + query();
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    } catch (error) {
      setStatus("The server cannot be reached.", "error");
      return;
    }
    if (!response.ok) {
      window.location.href = ds.editorUrl + "?" + query({ seg: key });
      return;
    }
    panel.innerHTML = await response.text();
    dirty = false;
    joining = false;
    markCurrent(key);
    if (opts.push) history.pushState({ key: key }, "", ds.editorUrl + "?" + query({ seg: key }));
    const area = textarea();
    if (opts.focus && area) {
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    }
    panel.scrollTop = 0;
  }

  async function loadBlock(block, options) {
    const opts = Object.assign({ push: true, focusFirst: true }, options || {});
    const onPage = document.querySelector('.seglist .block-row[data-block="' + block + '"]');
    if (!onPage && opts.push) {
      window.location.href = ds.editorUrl + "?" + query({ block: block });
      return;
    }
    const url = ds.blockUrl.replace(/\/0$/, "/" + block) + "?" + query();
    const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (!response.ok) {
      window.location.href = ds.editorUrl + "?" + query({ block: block });
      return;
    }
    panel.innerHTML = await response.text();
    dirty = false;
    document.querySelectorAll(".seglist .block-row.current").forEach((row) => row.classList.remove("current"));
    if (onPage) { onPage.classList.add("current"); onPage.scrollIntoView({ block: "nearest" }); }
    if (opts.push) history.pushState({ block: block }, "", ds.editorUrl + "?" + query({ block: block }));
    if (opts.focusFirst) {
      const first = panel.querySelector(".bi-text:not([readonly])");
      if (first) first.focus();
    }
    panel.scrollTop = 0;
  }

  function reloadCurrent() {
    const seg = segment();
    if (seg) return loadSegment(seg.dataset.key, { push: false });
    const block = document.getElementById("block");
    if (block) return loadBlock(block.dataset.block, { push: false, focusFirst: false });
    return null;
  }

  function go(direction) {
    if (dirty && Date.now() - discardArmed > 4000) {
      discardArmed = Date.now();
      setStatus("Unsaved changes: save with Ctrl+Enter, or press again to discard them.", "error");
      return;
    }
    const seg = segment();
    if (seg) {
      let key = direction > 0 ? seg.dataset.nextKey : seg.dataset.prevKey;
      if (direction < 0 && trail.length) key = trail.pop();
      else if (direction > 0 && key) trail.push(seg.dataset.key);
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

  // -- saving -------------------------------------------------------------------------------

  async function save(action, advance) {
    const seg = segment();
    if (!seg || busy) return;
    const area = textarea();
    if (seg.dataset.canEdit !== "1" && !(action === "approve" || action === "unapprove")) {
      if (advance) go(1);
      return;
    }
    if ((action === "approve" || action === "unapprove") && seg.dataset.canReview !== "1") {
      setStatus("Only reviewers can approve.", "error");
      return;
    }
    busy = true;
    setStatus(joining ? "Joining…" : "Saving…");
    let result;
    if (joining) {
      result = await postJSON(apiUrl(seg, "/join"), {
        version: seg.dataset.version,
        next_key: seg.dataset.joinKey,
        next_version: seg.dataset.joinVersion,
        msgstr: area.value,
      });
    } else {
      const payload = { action: action, version: seg.dataset.version };
      if (area && action !== "unapprove") payload.msgstr = area.value;
      result = await postJSON(apiUrl(seg), payload);
    }
    busy = false;
    if (result.status === 200) {
      const entry = result.body.entry;
      seg.dataset.version = entry.version;
      updateRow(entry);
      dirty = false;
      const wasJoining = joining;
      joining = false;
      if (wasJoining) {
        await reloadCurrent();
        setStatus("Joined with the next sentence.", "ok");
      } else if (advance && seg.dataset.nextKey) {
        trail.push(seg.dataset.key);
        await loadSegment(seg.dataset.nextKey);
        setStatus("Saved #" + entry.number + ".", "ok");
      } else {
        await reloadCurrent();
        setStatus(advance ? "Saved. That was the last sentence in this list." : "Saved.", "ok");
      }
    } else if (result.status === 409 && result.body.error === "conflict") {
      showConflict(result.body, action, advance);
    } else {
      setStatus(result.body.error || "Could not save (HTTP " + result.status + ").", "error");
    }
  }

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
      dirty = false;
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

  async function simpleAction(suffix, payload, done) {
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

  function copySource() {
    const seg = segment();
    const area = textarea();
    if (!seg || !area || area.readOnly) return;
    area.value = seg.dataset.source + (joining ? " " + nextSource() : "");
    area.dispatchEvent(new Event("input"));
    area.focus();
  }

  function nextSource() {
    const label = document.querySelector(".ctx-next .src");
    return label ? label.textContent : "";
  }

  function startJoin() {
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
    joining = true;
    document.getElementById("join-label").hidden = false;
    const after = document.querySelector(".ctx-next");
    if (after) after.classList.add("joining");
    const extra = seg.dataset.joinText;
    if (extra) area.value = (area.value.trim() + " " + extra).trim();
    dirty = true;
    area.focus();
    setStatus("Translate both sentences in this box, then save with Ctrl+Enter (Esc cancels).");
  }

  function cancelJoin() {
    if (!joining) return;
    joining = false;
    document.getElementById("join-label").hidden = true;
    setStatus("Join cancelled.");
  }

  // -- suggestions, checks, comments --------------------------------------------------------

  function useSuggestion(node) {
    const text = node.dataset.text;
    const item = node.closest(".block-item");
    const area = item ? item.querySelector(".bi-text") : textarea();
    if (!area || area.readOnly) return;
    area.value = text;
    area.dispatchEvent(new Event("input"));
    area.focus();
  }

  async function machine() {
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

  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 600);
  }

  async function runCheck() {
    const seg = segment();
    const area = textarea();
    if (!seg || !area || joining) return;
    const url = ds.checkUrl + "?" + new URLSearchParams({ key: seg.dataset.key, text: area.value });
    let body;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
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

  async function deleteComment(button) {
    const url = ds.commentDeleteUrl.replace(/\/0\/delete$/, "/" + button.dataset.id + "/delete");
    const result = await postJSON(url, {});
    if (result.status === 200) button.closest("li").remove();
    else setStatus(result.body.error || "Could not delete.", "error");
  }

  // -- paragraph mode -----------------------------------------------------------------------

  async function saveItem(item, action, advance) {
    const area = item.querySelector(".bi-text");
    const reviewing = action === "approve" || action === "unapprove";
    if (item.dataset.canEdit !== "1" && !reviewing) {
      if (advance) focusNextItem(item);
      return;
    }
    const payload = { action: action, version: item.dataset.version };
    if (area && action !== "unapprove") payload.msgstr = area.value;
    setStatus("Saving…", "", item);
    const result = await postJSON(item.dataset.saveUrl, payload);
    if (result.status === 200) {
      const entry = result.body.entry;
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
      dirty = document.querySelectorAll(".block-item.dirty").length > 0;
      setStatus(entry.issues.length ? "Saved; " + entry.issues.map((i) => i.message).join("; ") : "Saved.", entry.issues.length ? "error" : "ok", item);
      if (advance) focusNextItem(item);
    } else if (result.status === 409 && result.body.error === "conflict") {
      setStatus("Conflict: " + (result.body.theirs.by || "someone") + " saved “" + result.body.theirs.msgstr + "”. Reload the paragraph to see it.", "error", item);
    } else {
      setStatus(result.body.error || "Could not save (HTTP " + result.status + ").", "error", item);
    }
  }

  function focusNextItem(item) {
    let next = item.nextElementSibling;
    while (next && !next.querySelector(".bi-text:not([readonly])")) next = next.nextElementSibling;
    if (next) {
      next.querySelector(".bi-text").focus();
      return;
    }
    const block = document.getElementById("block");
    dirty = document.querySelectorAll(".block-item.dirty").length > 0;
    if (block && block.dataset.nextBlock) loadBlock(block.dataset.nextBlock);
  }

  function currentItem() {
    const active = document.activeElement;
    return active ? active.closest(".block-item") : null;
  }

  // -- events -------------------------------------------------------------------------------

  panel.addEventListener("input", (event) => {
    if (event.target.id === "msgstr") {
      dirty = true;
      scheduleCheck();
    } else if (event.target.classList.contains("bi-text")) {
      dirty = true;
      event.target.closest(".block-item").classList.add("dirty");
    }
  });

  panel.addEventListener("click", (event) => {
    const target = event.target.closest("[data-act], a.seg-link");
    if (!target) return;
    const act = target.dataset.act;
    const item = target.closest(".block-item");
    if (target.matches("a.seg-link")) {
      event.preventDefault();
      loadSegment(target.dataset.key);
      return;
    }
    if (item && ["save", "review", "approve", "copy"].includes(act)) {
      event.preventDefault();
      if (act === "copy") {
        const area = item.querySelector(".bi-text");
        area.value = item.dataset.source;
        area.dispatchEvent(new Event("input", { bubbles: true }));
        area.focus();
      } else {
        saveItem(item, act, false);
      }
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
  });

  panel.addEventListener("submit", (event) => {
    if (event.target.id === "comment-form") {
      event.preventDefault();
      addComment(event.target);
    } else if (event.target.id === "translate-form") {
      event.preventDefault();
      const action = event.submitter && event.submitter.value ? event.submitter.value : "save";
      save(action, action !== "unapprove");
    }
  });

  document.querySelector(".seglist").addEventListener("click", (event) => {
    const row = event.target.closest("a.row");
    if (!row || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (dirty && Date.now() - discardArmed > 4000) {
      event.preventDefault();
      discardArmed = Date.now();
      setStatus("Unsaved changes: save with Ctrl+Enter, or click again to discard them.", "error");
      return;
    }
    event.preventDefault();
    if (row.dataset.key) loadSegment(row.dataset.key);
    else if (row.dataset.block) loadBlock(row.dataset.block);
  });

  document.addEventListener("keydown", (event) => {
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
    if (event.altKey && !ctrl && !event.shiftKey) {
      const digit = /^Digit([1-9])$/.exec(event.code);
      if (digit) {
        const scope = currentItem() || panel;
        const options = scope.querySelectorAll(".suggestion");
        const chosen = options[Number(digit[1]) - 1];
        if (chosen) { event.preventDefault(); useSuggestion(chosen); }
        return;
      }
      if (event.code === "KeyC") {
        event.preventDefault();
        const item = currentItem();
        if (item) item.querySelector('[data-act="copy"]').click();
        else copySource();
        return;
      }
      if (event.code === "KeyM") { event.preventDefault(); machine(); return; }
      if (event.code === "KeyJ") { event.preventDefault(); startJoin(); return; }
    }
    if (ctrl && !event.shiftKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      document.getElementById("q").focus();
      return;
    }
    if (event.key === "Escape") cancelJoin();
  });

  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("seg")) loadSegment(params.get("seg"), { push: false });
    else if (params.get("block")) loadBlock(params.get("block"), { push: false });
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

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

  const first = textarea();
  if (first && !first.readOnly) {
    first.focus();
    first.setSelectionRange(first.value.length, first.value.length);
  } else if (paragraphs) {
    const area = panel.querySelector(".bi-text:not([readonly])");
    if (area) area.focus();
  }
  const current = document.querySelector(".seglist .row.current");
  if (current) current.scrollIntoView({ block: "nearest" });
})();
