// Autosave of the coordinator's form: after a change, the fields of that one indicator are posted and the
// fieldset says "saved" (or shows the message). The form still saves as a whole without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.entry-form[data-autosave]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave");
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var storageKey = "survey.unsaved." + location.pathname;

  function fieldsOf(fieldset) {
    var data = new URLSearchParams();
    fieldset.querySelectorAll("input, textarea, select").forEach(function (input) {
      var name = input.name.replace(/^items\[\d+\]\./, "");
      if (input.type === "file" || name === "Link") { return; }
      if (input.type === "checkbox") { if (input.checked) { data.append(name, input.value); } }
      else { data.append(name, input.value); }
    });
    return data;
  }

  function remember(fieldset) {
    var unsaved = JSON.parse(sessionStorage.getItem(storageKey) || "{}");
    var values = {};
    fieldset.querySelectorAll("input, textarea").forEach(function (input) {
      if (input.type === "file") { return; }
      values[input.id || input.name] = input.type === "checkbox" ? input.checked : input.value;
    });
    unsaved[fieldset.getAttribute("data-key")] = values;
    sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
  }

  function forget(fieldset) {
    var unsaved = JSON.parse(sessionStorage.getItem(storageKey) || "{}");
    delete unsaved[fieldset.getAttribute("data-key")];
    sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
  }

  function save(fieldset) {
    var status = fieldset.querySelector("[data-status]");
    status.textContent = form.getAttribute("data-saving") || "Menyimpan…";
    remember(fieldset);
    fetch(url, {
      method: "POST",
      body: fieldsOf(fieldset),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "RequestVerificationToken": token ? token.value : "" }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401) {
        status.textContent = form.getAttribute("data-expired") || "Sesi berakhir. Isian Anda disimpan di peramban ini; masuk lagi lalu buka halaman ini.";
        return null;
      }
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result) { return; }
      if (result.body.version !== undefined) {
        fieldset.querySelector("[data-field='version']").value = result.body.version;
      }
      if (result.ok) { forget(fieldset); fieldset.classList.remove("border-danger"); }
      status.textContent = result.body.message || (result.body.errors ? Object.values(result.body.errors).join(" ") : "");
    }).catch(function () {
      status.textContent = form.getAttribute("data-offline") || "Tidak tersambung; isian tetap di halaman ini. Coba simpan lagi.";
    });
  }

  // Restore what was typed before a session expired or the connection dropped.
  var unsaved = JSON.parse(sessionStorage.getItem(storageKey) || "{}");
  Object.keys(unsaved).forEach(function (key) {
    var fieldset = form.querySelector("fieldset[data-key='" + key + "']");
    if (!fieldset) { return; }
    Object.keys(unsaved[key]).forEach(function (id) {
      var input = document.getElementById(id);
      if (!input) { return; }
      if (input.type === "checkbox") { input.checked = unsaved[key][id]; } else if (input.type !== "hidden") { input.value = unsaved[key][id]; }
    });
    save(fieldset);
  });

  form.addEventListener("change", function (event) {
    if (event.target.type === "file" || /\.Link$/.test(event.target.name)) { return; }
    var fieldset = event.target.closest("fieldset[data-key]");
    if (fieldset) { save(fieldset); }
  });
})();
