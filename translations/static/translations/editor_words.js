/*
 * wagtail-localize's translation editor (a React bundle) writes three phrases in English
 * without gettext: "<source> to <target> translation", "More actions" and nothing else we can
 * reach through its catalogue. This swaps them for the admin's language, from the phrases the
 * server rendered (translations/wagtail_hooks.py), whenever React draws them.
 */
(function () {
  var editor = document.querySelector('.js-translation-editor');
  var words = document.getElementById('translation-editor-words');
  if (!editor || !words) return;
  var phrases = JSON.parse(words.textContent);
  var title = /^(.+) to (.+) translation$/;

  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (text === 'More actions') {
        node.nodeValue = phrases.more_actions;
      } else {
        var match = text.match(title);
        if (match) {
          node.nodeValue = phrases.title.replace('%(source)s', match[1]).replace('%(target)s', match[2]);
        }
      }
    }
  }

  translate(editor);
  new MutationObserver(function () {
    translate(editor);
  }).observe(editor, { childList: true, subtree: true, characterData: true });
})();
