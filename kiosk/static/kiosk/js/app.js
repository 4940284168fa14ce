/* The kiosk app: which screen is shown, what content it is drawn from, and when new content
 * may replace it.
 *
 * - Content: the last good bundle kept on the device is shown at once; the API is asked for
 *   news every ``poll`` seconds. News waits ("pending") until the home screen is shown, so a
 *   page never changes under someone's eyes; a failed request changes nothing on screen.
 * - Expiry: an item disappears when its expires_at passes, wherever the app is (safety over
 *   calm): a screen about it goes back home.
 * - State: a stack of screens and the text size. The idle reset clears both.
 * - Cues: "More below ↓" while a screen continues under the pinned footer (more.js); the
 *   "Larger text" toggle shows its state ("✓ Larger text: on", filled) as well as saying it
 *   (aria-pressed); the added words are aria-hidden, so its name stays "Larger text".
 *
 * - Preview (?preview=<token>, or an item the admin's preview embedded): one draft, marked as
 *   such, never stored and never polled for.
 *
 * For tests and monitoring, the root element carries data-bundle-version (shown),
 * data-pending-version (waiting for the home screen), data-polls (answers received) and
 * data-last-poll (the last answer's kind: updated, unchanged or unavailable).
 */

import { visibleContent } from "./bundle.js";
import { fetchUpdate } from "./client.js";
import { h } from "./dom.js";
import { IdleTimer } from "./idle.js";
import { MoreBelow } from "./more.js";
import { embeddedPreview, fetchPreview } from "./preview.js";
import { footerFor, renderScreen } from "./screens.js";
import { loadStored, store } from "./storage.js";

const HOME = Object.freeze({ name: "home" });
const RETRY_WITHOUT_CONTENT_MS = 15000;
const LONGEST_TIMER_MS = 60 * 60 * 1000;

/** What a drawing showed: which items (an expiry changes it, the passing of time alone not). */
function signature(content) {
  return [...content.treatments, ...content.conditions].map((item) => item.id).join();
}

export class KioskApp {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.bundleUrl = root.dataset.bundleUrl;
    this.$ = (id) => document.getElementById(id);
    this.main = this.$("kiosk-main");
    this.footer = this.$("kiosk-footer");
    this.stack = [HOME];
    this.largeText = config.largeText;
    this.shown = null; // {bundle, etag, url}: what the screens are drawn from
    this.pending = null; // a newer bundle, waiting for the home screen
    this.polls = 0;
    this.pollTimer = null;
    this.expiryTimer = null;
    this.drawnFrom = null;
  }

  start() {
    this.$("kiosk-back").addEventListener("click", () => this.back());
    this.$("kiosk-home").addEventListener("click", () => this.goHome());
    this.drawTextSizeToggle();
    this.$("kiosk-text-size").addEventListener("click", () => this.setLargeText(!this.largeText));
    this.moreBelow = new MoreBelow({
      root: this.root,
      main: this.main,
      footer: this.footer,
      header: document.querySelector(".kiosk-header"),
    });
    this.moreBelow.start();
    this.idle = new IdleTimer({
      idleSeconds: this.config.idle,
      warnSeconds: this.config.warn,
      dialog: this.$("kiosk-idle-dialog"),
      seconds: this.$("kiosk-idle-seconds"),
      carryOn: this.$("kiosk-idle-continue"),
      isPristine: () => this.isPristine(),
      onTimeout: () => this.reset(),
    });
    this.idle.start();
    new ResizeObserver(() => this.reserveSpaceForBars()).observe(this.footer);
    window.addEventListener("online", () => this.poll());

    this.setLargeText(this.largeText);
    const embedded = embeddedPreview();
    if (embedded || this.config.preview) {
      this.startPreview(embedded);
      return;
    }
    this.shown = loadStored();
    this.render({ focus: false });
    this.poll();
  }

  async startPreview(embedded) {
    this.root.dataset.preview = "true";
    this.$("kiosk-preview-banner").hidden = false;
    const answer = embedded || (await fetchPreview(this.root.dataset.previewUrl, this.config.preview));
    if (answer.status !== "ok") {
      const message = document.createElement("p");
      message.className = "kiosk-message";
      message.textContent = answer.message;
      this.main.querySelector(".kiosk-message").replaceWith(message);
      this.root.dataset.lastPoll = "unavailable";
      return;
    }
    this.shown = { bundle: answer.bundle, etag: null, url: null };
    this.stack = [HOME, answer.screen];
    this.render({ focus: false });
    this.root.dataset.lastPoll = "preview";
  }

  // Navigation --------------------------------------------------------------------------------

  get screen() {
    return this.stack[this.stack.length - 1];
  }

  open(screen) {
    this.stack.push(screen);
    this.render();
  }

  replace(screen, options = {}) {
    this.stack[this.stack.length - 1] = screen;
    this.render(options);
  }

  back() {
    if (this.stack.length > 1) this.stack.pop();
    this.render();
  }

  goHome() {
    this.stack = [HOME];
    this.applyPending();
    this.render();
  }

  /** The idle reset: the start screen, default text size, no trace of the last visitor. */
  reset() {
    this.stack = [HOME];
    this.setLargeText(this.config.largeText);
    this.applyPending();
    this.render({ focus: false });
    window.scrollTo(0, 0);
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
  }

  isPristine() {
    return (
      this.stack.length === 1 &&
      this.largeText === this.config.largeText &&
      window.scrollY === 0
    );
  }

  /* The toggle's visible state: a check mark before and ": on" after its name, shown by the
   * CSS when aria-pressed is "true". Direct children, so that its name is "Larger text". */
  drawTextSizeToggle() {
    const toggle = this.$("kiosk-text-size");
    const name = toggle.textContent.trim() || "Larger text";
    toggle.classList.add("kiosk-toggle");
    toggle.replaceChildren(
      h("span", { class: "kiosk-toggle__mark", "aria-hidden": "true" }, "✓"),
      name,
      h("span", { class: "kiosk-toggle__state", "aria-hidden": "true" }, ": on"),
    );
  }

  setLargeText(on) {
    this.largeText = on;
    document.documentElement.classList.toggle("kiosk-large-text", on);
    this.$("kiosk-text-size").setAttribute("aria-pressed", String(on));
  }

  // Drawing -----------------------------------------------------------------------------------

  content() {
    return visibleContent(this.shown && this.shown.bundle, this.config, Date.now());
  }

  render({ focus = true, keepFocusKey = null } = {}) {
    const content = this.content();
    let drawn = renderScreen(this.screen, content, this);
    if (!drawn) {
      // The item is gone (expired or withdrawn): back to the start.
      this.stack = [HOME];
      drawn = renderScreen(HOME, content, this);
    }
    this.main.replaceChildren(drawn.element);
    this.drawFrame(content, drawn.item);
    this.root.dataset.screen = this.screen.name;
    this.drawnFrom = signature(content);
    this.scheduleExpiryCheck(content.nextExpiry);
    if (keepFocusKey) {
      const again = this.main.querySelector(`[data-key="${keepFocusKey}"]`);
      if (again) again.focus();
    } else if (focus) {
      window.scrollTo(0, 0);
      const target = (typeof focus === "string" && this.main.querySelector(focus)) || this.main.querySelector("h1");
      if (target) target.focus();
    }
    if (this.moreBelow) this.moreBelow.update();
  }

  drawFrame(content, item) {
    const onHome = this.stack.length === 1;
    this.$("kiosk-back").hidden = onHome;
    this.$("kiosk-home").hidden = onHome;
    if (content.site && content.site.name) {
      this.$("kiosk-site-name").textContent = content.site.name;
      document.title = `${content.site.name}: patient information`;
    }
    if (item) {
      const { disclaimer, review } = footerFor(item);
      this.$("kiosk-disclaimer").replaceChildren(disclaimer);
      this.$("kiosk-review").replaceChildren(...review);
      this.footer.hidden = false;
    } else {
      this.footer.hidden = true;
    }
    this.root.dataset.bundleVersion = (this.shown && this.shown.bundle.version) || "";
    this.reserveSpaceForBars();
  }

  /* The header and footer stay on screen: keep focused elements clear of them (WCAG 2.4.11). */
  reserveSpaceForBars() {
    const header = document.querySelector(".kiosk-header");
    const style = document.documentElement.style;
    style.setProperty("--kiosk-header-height", `${header ? header.offsetHeight : 0}px`);
    style.setProperty("--kiosk-footer-height", `${this.footer.hidden ? 0 : this.footer.offsetHeight}px`);
  }

  scheduleExpiryCheck(nextExpiry) {
    clearTimeout(this.expiryTimer);
    if (!Number.isFinite(nextExpiry)) return;
    const wait = Math.min(Math.max(nextExpiry - Date.now(), 0) + 50, LONGEST_TIMER_MS);
    this.expiryTimer = setTimeout(() => this.expiryTick(), wait);
  }

  /* Redraw only when something shown has expired, so that nobody's page moves for nothing. */
  expiryTick() {
    const now = this.content();
    if (signature(now) !== this.drawnFrom) {
      this.render({ focus: false, keepFocusKey: this.focusedKey() });
    } else {
      this.scheduleExpiryCheck(now.nextExpiry);
    }
  }

  focusedKey() {
    const active = document.activeElement;
    return (active && active.dataset && active.dataset.key) || null;
  }

  // Content updates ---------------------------------------------------------------------------

  async poll() {
    clearTimeout(this.pollTimer);
    const basis = this.pending || this.shown;
    let answer;
    try {
      answer = await fetchUpdate(this.bundleUrl, basis, Date.now());
    } catch (error) {
      answer = { status: "unavailable", reason: String(error) };
    }
    if (answer.status === "updated") await this.receive(answer);
    if (answer.status === "unavailable") console.info(`kiosk: keeping the content shown (${answer.reason})`);
    this.polls += 1;
    this.root.dataset.polls = String(this.polls);
    this.root.dataset.lastPoll = answer.status;
    const hasContent = Boolean(this.shown);
    const wait = hasContent ? this.config.poll * 1000 : Math.min(this.config.poll * 1000, RETRY_WITHOUT_CONTENT_MS);
    this.pollTimer = setTimeout(() => this.poll(), wait);
  }

  async receive({ bundle, etag, url, fromCache }) {
    const next = { bundle, etag, url };
    if (fromCache) {
      // The worker's kept copy, only asked for because this page had nothing: show it, but
      // do not take it for the server's word.
      if (!this.shown) {
        this.shown = { bundle, etag: null, url: null };
        this.render({ focus: false });
      }
      return;
    }
    await store(bundle, etag, url, this.bundleUrl);
    const sameContent = this.shown && this.shown.bundle.version === bundle.version;
    if (!this.shown || sameContent) {
      // First content, or the same content with fresher expiry dates: nothing moves.
      this.shown = next;
      this.pending = null;
      this.render({ focus: false, keepFocusKey: this.focusedKey() });
      return;
    }
    this.pending = next;
    this.root.dataset.pendingVersion = bundle.version;
    if (this.stack.length === 1 && !this.$("kiosk-idle-dialog").open) {
      this.applyPending();
      this.render({ focus: false, keepFocusKey: this.focusedKey() });
    }
  }

  applyPending() {
    if (!this.pending) return;
    this.shown = this.pending;
    this.pending = null;
    delete this.root.dataset.pendingVersion;
  }
}
