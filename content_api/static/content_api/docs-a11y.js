/* Swagger UI draws controls that assistive technologies cannot use (axe-core): the "Try it out"
   fields of a parameter have no name (select-name), icon buttons (copy, close) have none either
   (button-name), the dialog's "Authorize" button is named "Apply credentials"
   (label-content-name-mismatch), and an example or a curl command that scrolls cannot take the
   keyboard's focus (scrollable-region-focusable). They are mended as Swagger UI draws them.
   A file, not inline: the Content-Security-Policy allows scripts from this site only. */
(() => {
    const mend = () => {
        document.querySelectorAll("tr[data-param-name] :is(select, input, textarea)").forEach((control) => {
            if (!control.hasAttribute("aria-label") && !control.labels?.length) {
                control.setAttribute("aria-label", control.closest("tr[data-param-name]").dataset.paramName);
            }
        });
        document.querySelectorAll("pre.microlight:not([tabindex])").forEach((example) => {
            example.setAttribute("tabindex", "0");
        });
        document.querySelectorAll(".copy-to-clipboard button:not([aria-label])").forEach((button) => {
            button.setAttribute("aria-label", "Copy to clipboard");
        });
        document.querySelectorAll("button.close-modal:not([aria-label])").forEach((button) => {
            button.setAttribute("aria-label", "Close");
        });
        document.querySelectorAll("button[aria-label]").forEach((button) => {
            const text = button.textContent.trim();
            if (text && !button.getAttribute("aria-label").includes(text)) button.removeAttribute("aria-label");
        });
    };
    new MutationObserver(mend).observe(document.getElementById("swagger-ui"), {
        childList: true,
        subtree: true,
    });
})();
