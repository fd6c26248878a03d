/* The mass-action page: a "select all" box, the count of selected sentences, and the
   selection buttons enabled only when something is selected. Without this script the page
   works as plain forms. */

const form = document.getElementById("mass-form");
const all = document.getElementById("select-all");
const count = document.getElementById("selected-count");
const boxes = form ? Array.from(form.querySelectorAll("input.mass-select:not([disabled])")) : [];
const needSelection = ["mass-approve", "mass-send-back"].map((id) => document.getElementById(id)).filter(Boolean);

function refresh() {
  const chosen = boxes.filter((box) => box.checked).length;
  if (count) count.textContent = chosen + " of " + boxes.length + " selected";
  if (all) {
    all.checked = chosen > 0 && chosen === boxes.length;
    all.indeterminate = chosen > 0 && chosen < boxes.length;
  }
  for (const button of needSelection) button.disabled = chosen === 0;
}

if (form) {
  if (all) {
    all.disabled = boxes.length === 0;
    all.addEventListener("change", () => {
      for (const box of boxes) box.checked = all.checked;
      refresh();
    });
  }
  form.addEventListener("change", (event) => {
    if (event.target.matches("input.mass-select")) refresh();
  });
  refresh();
}
