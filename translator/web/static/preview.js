/* Document preview (an ES module): clicking (or Enter on) a sentence opens it in the editor;
   hovering a sentence highlights it in both the source and the translation. */

const root = document.getElementById("preview");

function open(seg) {
  if (seg.dataset.key) window.location.href = root.dataset.editorUrl + "?seg=" + encodeURIComponent(seg.dataset.key);
}

function highlight(index, on) {
  root.querySelectorAll('.seg[data-index="' + index + '"]').forEach((node) => node.classList.toggle("hover", on));
}

if (root) {
  root.addEventListener("click", (event) => {
    const seg = event.target.closest(".seg");
    if (seg && !event.target.closest("a[href]")) open(seg);
  });
  root.addEventListener("keydown", (event) => {
    const seg = event.target.closest(".seg");
    if (seg && event.key === "Enter") open(seg);
  });
  root.addEventListener("mouseover", (event) => {
    const seg = event.target.closest(".seg");
    if (seg) highlight(seg.dataset.index, true);
  });
  root.addEventListener("mouseout", (event) => {
    const seg = event.target.closest(".seg");
    if (seg) highlight(seg.dataset.index, false);
  });
}
