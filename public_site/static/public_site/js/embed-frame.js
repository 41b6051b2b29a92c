/* Inside a widget's iframe: tells the page that embeds it how tall the list is. */
(function () {
  function report() { parent.postMessage({ vksndEmbedHeight: document.documentElement.scrollHeight }, "*"); }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
})();
