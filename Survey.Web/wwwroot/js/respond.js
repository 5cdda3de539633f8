// Shows an item only when the item it depends on has the expected answer (the server clears hidden
// answers in any case, so the form also works without this script).
(function () {
  "use strict";
  var dependent = document.querySelectorAll("[data-relevant-item]:not([data-relevant-item=''])");
  if (dependent.length === 0) { return; }
  function update() {
    dependent.forEach(function (block) {
      var source = document.querySelector("input[name='q:" + block.getAttribute("data-relevant-item") + "']:checked");
      var shown = source !== null && source.value === block.getAttribute("data-relevant-value");
      block.hidden = !shown;
      block.querySelectorAll("input").forEach(function (input) { input.disabled = !shown; });
    });
  }
  document.addEventListener("change", update);
  update();
})();
