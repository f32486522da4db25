// Search pickers (portfolio/picker.py): a ticked match joins the chosen ones, so that a new
// search does not drop it; Enter in the search field searches instead of submitting the form.
document.addEventListener("change", (event) => {
  const input = event.target;
  const results = input.closest && input.closest("[data-picker-results]");
  if (!results || !input.checked) return;
  const chosen = results.closest("[data-picker]").querySelector("[data-picker-chosen]");
  if (input.type === "radio") {
    chosen.querySelectorAll("input[type=radio][value]:not([value=''])").forEach((radio) => {
      radio.closest(".portal-check").remove();
    });
  }
  chosen.append(input.closest(".portal-check"));
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches && event.target.matches("[data-picker] input[type=search]")) {
    event.preventDefault();
  }
});
