/* Widgets of the VKSND exemplar site for units' websites: each <div data-vksnd-embed="don-vi/MÃ"> (or
   "phong-trao/ID", optional data-lang="en") becomes an accessible iframe that sizes itself to its content. */
(function () {
  "use strict";
  var origin = "{{ origin|escapejs }}";
  var frames = [];
  document.querySelectorAll("[data-vksnd-embed]").forEach(function (holder) {
    var target = holder.getAttribute("data-vksnd-embed").replace(/[^A-Za-z0-9\/_-]/g, "");
    var prefix = holder.getAttribute("data-lang") === "en" ? "/en" : "";
    var frame = document.createElement("iframe");
    frame.src = origin + prefix + "/nhung/" + target + "/";
    frame.title = holder.getAttribute("data-title") || "Gương điển hình tiên tiến";
    frame.loading = "lazy";
    frame.style.border = "0";
    frame.style.width = "100%";
    frame.style.height = "22rem";
    holder.appendChild(frame);
    frames.push(frame);
  });
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || event.data.vksndEmbedHeight === undefined) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(event.data.vksndEmbedHeight) + "px";
    });
  });
})();
