/* Text size and contrast controls: a small progressive enhancement (the site works without it). */
(function () {
  "use strict";
  var root = document.documentElement;
  var tools = document.querySelector(".display-tools");
  if (!tools) return;
  tools.hidden = false;
  function store(name, value) { try { localStorage.setItem(name, value); } catch (error) { /* ignore */ } }
  function size() { var found = root.className.match(/text-(\d)/); return found ? parseInt(found[1], 10) : 0; }
  function setSize(value) {
    value = Math.max(0, Math.min(4, value));
    root.className = root.className.replace(/\btext-\d\b/g, "").trim();
    if (value) root.classList.add("text-" + value);
    store("vksnd-text-size", String(value));
  }
  var contrast = tools.querySelector("[data-contrast]");
  contrast.setAttribute("aria-pressed", root.classList.contains("high-contrast") ? "true" : "false");
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-text-size")) setSize(size() + (button.getAttribute("data-text-size") === "up" ? 1 : -1));
    if (button === contrast) {
      var on = root.classList.toggle("high-contrast");
      contrast.setAttribute("aria-pressed", on ? "true" : "false");
      store("vksnd-contrast", on ? "high" : "normal");
    }
  });
})();
