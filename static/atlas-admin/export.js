// Binds the "Select all" toggle that django-import-export wires with an inline onchange.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      onSelectToggleChange(event);
    });
  });
});
