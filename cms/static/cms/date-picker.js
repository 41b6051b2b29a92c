/* Wagtail's date picker (jQuery xdsoft datetimepicker) draws its month and time arrows and its
   "today" button as empty buttons, which screen readers announce as "button" only (axe-core:
   button-name). Each gets its Vietnamese name (#date-picker-words, from the catalogue) when the
   picker is drawn, which happens the first time a date field takes the focus.
   A file, not inline: the Content-Security-Policy allows scripts from this site only. */
(() => {
    const words = JSON.parse(document.getElementById("date-picker-words").textContent);
    const named = {
        ".xdsoft_monthpicker .xdsoft_prev": words.previous_month,
        ".xdsoft_monthpicker .xdsoft_next": words.next_month,
        ".xdsoft_monthpicker .xdsoft_today_button": words.today,
        ".xdsoft_timepicker .xdsoft_prev": words.earlier,
        ".xdsoft_timepicker .xdsoft_next": words.later,
    };
    const mend = () => {
        for (const [selector, name] of Object.entries(named)) {
            document.querySelectorAll(`.xdsoft_datetimepicker ${selector}:not([aria-label])`).forEach((button) => {
                button.setAttribute("aria-label", name);
                button.setAttribute("title", name);
            });
        }
    };
    // The pickers are appended to <body>: watching its children is enough, and cheap.
    new MutationObserver(mend).observe(document.body, { childList: true });
    mend();
})();
