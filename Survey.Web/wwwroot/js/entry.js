// Autosave of the coordinator's form: after a change, the fields of that one indicator are posted and the
// fieldset says "saved", or marks the fields the server refused with their messages (announced through the
// fieldset's live status). Saves of one fieldset run one after the other, each with the version the previous
// one returned, so fast typing never conflicts with itself. The form still saves as a whole without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.entry-form[data-autosave]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave");
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var storageKey = "survey.unsaved." + location.pathname;
  // The server's field names and the suffix of their input ids (see Page.cshtml).
  var suffixes = {
    value: "-value", numerator: "-num", denominator: "-den", not_available_reason: "-reason", source: "-src",
    source_document: "-doc", source_year: "-year", justification: "-just", note: "-note", evidence: "-file", link: "-link"
  };
  var busy = {};

  function text(name, fallback) { return form.getAttribute(name) || fallback; }

  function fieldsOf(fieldset) {
    var data = new URLSearchParams();
    fieldset.querySelectorAll("input, textarea, select").forEach(function (input) {
      var name = input.name.replace(/^items\[\d+\]\./, "");
      if (!name || input.type === "file" || name === "Link") { return; }
      if (input.type === "checkbox") { if (input.checked) { data.append(name, input.value); } }
      else { data.append(name, input.value); }
    });
    return data;
  }

  function readUnsaved() {
    try { return JSON.parse(sessionStorage.getItem(storageKey) || "{}"); } catch (e) { return {}; }
  }

  function remember(fieldset) {
    var unsaved = readUnsaved();
    var values = {};
    fieldset.querySelectorAll("input, textarea").forEach(function (input) {
      if (input.type === "file" || input.type === "hidden") { return; }
      values[input.id || input.name] = input.type === "checkbox" ? input.checked : input.value;
    });
    unsaved[fieldset.getAttribute("data-key")] = values;
    sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
  }

  function forget(fieldset) {
    var unsaved = readUnsaved();
    delete unsaved[fieldset.getAttribute("data-key")];
    sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
  }

  function showErrors(fieldset, errors) {
    var first = null;
    Object.keys(suffixes).forEach(function (field) {
      var input = document.getElementById(fieldset.id + suffixes[field]);
      var message = document.getElementById(fieldset.id + suffixes[field] + "-err");
      var messages = errors && errors[field];
      if (input) {
        input.classList.toggle("is-invalid", !!messages);
        if (messages) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      }
      if (message) { message.textContent = messages ? messages.join(" ") : ""; }
      if (messages && !first) { first = input; }
    });
    fieldset.classList.toggle("border-danger", !!errors);
    return first;
  }

  function setStatus(fieldset, message, failed) {
    var status = fieldset.querySelector("[data-status]");
    status.textContent = message;
    status.classList.toggle("text-danger", !!failed);
    status.classList.toggle("fw-semibold", !!failed);
    status.classList.toggle("text-body-secondary", !failed);
  }

  function save(fieldset) {
    var key = fieldset.getAttribute("data-key");
    remember(fieldset);
    if (busy[key]) { busy[key] = "again"; return; }
    busy[key] = true;
    setStatus(fieldset, text("data-saving", "Menyimpan…"), false);
    fetch(url, {
      method: "POST",
      body: fieldsOf(fieldset),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "RequestVerificationToken": token ? token.value : "" }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401) {
        setStatus(fieldset, text("data-expired", "Sesi berakhir."), true);
        return null;
      }
      return response.json().then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
    }).then(function (result) {
      if (!result) { return; }
      if (result.body.version !== undefined) {
        fieldset.querySelector("[data-field='version']").value = result.body.version;
      }
      var message = result.body.message || "";
      if (result.ok) {
        forget(fieldset);
        showErrors(fieldset, null);
        setStatus(fieldset, message, false);
      } else {
        var errors = result.body.errors || null;
        showErrors(fieldset, errors);
        // The status is the live region: it reads the messages out, the fields show them where they belong.
        var all = errors ? Object.keys(errors).map(function (f) { return errors[f].join(" "); }).join(" ") : "";
        setStatus(fieldset, (message + " " + all).trim(), true);
      }
    }).catch(function () {
      setStatus(fieldset, text("data-offline", "Tidak tersambung."), true);
    }).then(function () {
      var again = busy[key] === "again";
      busy[key] = false;
      if (again) { save(fieldset); }
    });
  }

  // Restore what was typed before a session expired or the connection dropped.
  var unsaved = readUnsaved();
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

  // A whole-form save waits for the autosaves in flight, so that it carries their versions.
  // The post carries every field (and is kept by the server if the session has ended), so the copy in this
  // browser is dropped: it must not overwrite what the server answers.
  form.addEventListener("submit", function (event) {
    if (!Object.keys(busy).some(function (k) { return busy[k]; })) { sessionStorage.removeItem(storageKey); return; }
    event.preventDefault();
    var wait = setInterval(function () {
      if (Object.keys(busy).some(function (k) { return busy[k]; })) { return; }
      clearInterval(wait);
      sessionStorage.removeItem(storageKey);
      form.submit();
    }, 100);
  });
})();
