/* Applies the visitor's text size and contrast before the page paints (stored in this browser only). */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  try {
    var size = parseInt(localStorage.getItem("vksnd-text-size") || "0", 10);
    if (size > 0) root.classList.add("text-" + Math.min(size, 4));
    if (localStorage.getItem("vksnd-contrast") === "high") root.classList.add("high-contrast");
  } catch (error) { /* storage unavailable: defaults */ }
})();
