// The console's only script (CSP: script-src 'self'): a chosen corpus file is read into the
// text area of the upload form, so the upload is an ordinary form post that the server validates.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input || input.type !== "file" || !input.dataset.into) return;
  var area = document.getElementById(input.dataset.into);
  var name = document.getElementById(input.dataset.name || "");
  var file = input.files && input.files[0];
  if (!area || !file) return;
  var reader = new FileReader();
  reader.onload = function () {
    area.value = String(reader.result);
    if (name && !name.value) name.value = file.name;
  };
  reader.readAsText(file, "utf-8");
});
