/*
 * Wagtail counts a tab's errors once, when the tab's counter connects; a StreamField draws its
 * field-level error ("Add at least one risk…") after that, so the "Benefits and risks" tab showed
 * no error badge. Count again whenever an error appears or goes, by nudging the counter's `min`
 * value (a change Wagtail's w-count controller answers with a recount).
 */
(() => {
  const ERRORS = ".error-message, .help-critical";
  const recount = () => {
    document.querySelectorAll('.w-tabs__errors[data-controller~="w-count"]').forEach((counter) => {
      counter.setAttribute("data-w-count-min-value", "-1");
      counter.setAttribute("data-w-count-min-value", "0");
    });
  };
  const start = () => {
    const form = document.querySelector("form[data-edit-form], form#page-edit-form, main form");
    if (!form) return;
    let queued = false;
    new MutationObserver((mutations) => {
      const touched = mutations.some((mutation) =>
        [...mutation.addedNodes, ...mutation.removedNodes].some(
          (node) => node.nodeType === 1 && (node.matches(ERRORS) || node.querySelector(ERRORS)),
        ),
      );
      if (touched && !queued) {
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          recount();
        });
      }
    }).observe(form, { childList: true, subtree: true });
    recount();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
