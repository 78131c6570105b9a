// Progressive enhancement for the catalogue listings (the forms work without it): leave
// empty fields out of the submitted URL so shared links stay short and clean.
document.querySelectorAll("form[data-listing-form]").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("input[name], select[name]").forEach((field) => {
      if (field.type !== "checkbox" && field.value === "") field.disabled = true;
    });
    // Re-enable after navigation starts so the back button shows the filled form.
    window.setTimeout(() => {
      form.querySelectorAll("[disabled]").forEach((field) => (field.disabled = false));
    }, 0);
  });
});
