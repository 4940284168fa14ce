/* "More below ↓": a cue just above the pinned footer while the screen's content continues
 * under it (the footer always covers the bottom of the view, so without it nothing says there
 * is more, e.g. the serious risks under the benefits). It goes as soon as the end of the
 * screen is in view, and comes back when there is more again (scrolling up, larger text, a
 * picture loading, another screen).
 *
 * - A touch on it scrolls down by most of the visible area (people who do not think of
 *   swiping); the faded band around it lets touches through to the content.
 * - Hidden from assistive technology (aria-hidden) and out of the tab order: screen readers
 *   and the keyboard reach the whole screen in order anyway, and focus always scrolls clear of
 *   it (kiosk.css reserves its height in scroll-padding-bottom).
 * - Text 24 px (1rem), white on the header's dark blue (12.6:1), at least 44 px high.
 *
 * The root element's data-more-below ("true"/"false") says what the cue shows, for tests. */

import { h } from "./dom.js";

// Less than this below the visible area is not "more": a margin, not content.
const SLACK_PX = 4;

export class MoreBelow {
  constructor({ root, main, footer, header }) {
    this.root = root;
    this.main = main;
    this.footer = footer;
    this.header = header;
    this.frame = 0;
    this.element = h(
      "div",
      { class: "kiosk-more", id: "kiosk-more", "aria-hidden": "true", hidden: true },
      h(
        "span",
        { class: "kiosk-more__cue", onclick: () => this.scrollOn() },
        h("span", { "data-word": "More below" }, "More below"), // translated with the page's words
        h("span", { class: "kiosk-more__arrow" }, "↓"),
      ),
    );
  }

  start() {
    this.footer.before(this.element);
    const later = () => this.schedule();
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    const observer = new ResizeObserver(later);
    observer.observe(this.main);
    observer.observe(this.footer);
    this.update();
  }

  /** At most one measurement per frame, however many scroll events. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** The bottom of what can be seen: the top of the pinned footer, or of the window. */
  visibleBottom() {
    return this.footer.hidden ? window.innerHeight : this.footer.getBoundingClientRect().top;
  }

  update() {
    const screen = this.main.firstElementChild || this.main;
    const more = screen.getBoundingClientRect().bottom > this.visibleBottom() + SLACK_PX;
    this.element.hidden = !more;
    this.root.dataset.moreBelow = String(more);
  }

  scrollOn() {
    const top = this.header ? this.header.getBoundingClientRect().bottom : 0;
    const visible = Math.max(this.visibleBottom() - top, window.innerHeight / 3);
    const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: Math.round(visible * 0.8), behavior: calm ? "auto" : "smooth" });
  }
}
