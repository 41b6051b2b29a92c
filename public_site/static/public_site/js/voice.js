/*
 * The comment form's anti-robot stamp. Story pages are cached, so the form in them carries no
 * stamp (one in a cached copy would be as old as the copy). When the reader first touches the
 * form, a fresh signed stamp is fetched from this same site (no cookie, no other origin); if the
 * form is sent before it arrives, sending waits for it. Without JavaScript the site asks the
 * reader to confirm once instead (engagement/forms.py).
 */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-stamp-url]");
  Array.prototype.forEach.call(forms, function (form) {
    var input = form.querySelector("input[name='stamp']");
    if (!input || !window.fetch) return;
    var pending = null;
    function fetchStamp() {
      if (!pending) {
        pending = fetch(form.getAttribute("data-stamp-url"), {
          credentials: "omit",
          cache: "no-store",
          headers: { Accept: "application/json" }
        })
          .then(function (response) {
            if (!response.ok) throw new Error("stamp " + response.status);
            return response.json();
          })
          .then(function (data) { input.value = data.stamp; })
          .catch(function () { pending = null; });
      }
      return pending;
    }
    form.addEventListener("focusin", fetchStamp);
    form.addEventListener("submit", function (event) {
      if (input.value) return;
      event.preventDefault();
      var waiting = fetchStamp() || Promise.resolve();
      waiting.then(function () { form.submit(); });
    });
  });
})();
