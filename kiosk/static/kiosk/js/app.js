/* The kiosk app: which screen is shown, what content it is drawn from, and when new content
 * may replace it.
 *
 * - Content: the last good bundle kept on the device is shown at once; the API is asked for
 *   news every ``poll`` seconds. News waits ("pending") until the next screen is drawn (one
 *   opened, gone back to, or home), so a page never changes under someone's eyes, and nobody
 *   reaches a withdrawn page by going back to it; a failed request changes nothing on screen.
 * - Expiry: an item disappears when its expires_at passes, wherever the app is (safety over
 *   calm): a screen about it goes back home.
 * - State: a stack of screens, the text size and the content language. The idle reset clears
 *   them all (back to the site's default language: the next visitor starts where everyone does).
 * - Languages: the page lists the site's content languages (data-languages, the default
 *   first). The app keeps one bundle per language (each stored, and polled with ?locale=, on
 *   its own), so every language works offline; the home screen shows a switch when there is
 *   more than one. Choosing a language draws the home screen from that language's bundle and
 *   sets <html lang> and dir (the CSS uses logical properties, so the layout mirrors for
 *   right-to-left languages). News for a language nobody is looking at is taken at once.
 * - Cues: "More below ↓" while a screen continues under the pinned footer (more.js); the
 *   "Larger text" toggle shows its state ("✓ Larger text: on", filled) as well as saying it
 *   (aria-pressed); the added words are aria-hidden, so its name stays "Larger text".
 *
 * - Preview (?preview=<token>, or an item the admin's preview embedded): one draft, marked as
 *   such, never stored and never polled for.
 *
 * For tests and monitoring, the root element carries data-language (the language shown),
 * data-bundle-version (shown), data-pending-version (waiting for the home screen), data-polls
 * (rounds of answers received: one answer per language a round), data-last-poll (the kind of
 * the last answer for the language shown: updated, unchanged or unavailable) and
 * data-stored-languages (the languages the device holds a bundle of).
 */

import { visibleContent } from "./bundle.js";
import { fetchUpdate } from "./client.js";
import { h, setUiLanguage, setWords, translatePage, uiText, word } from "./dom.js";
import { IdleTimer } from "./idle.js";
import { MoreBelow } from "./more.js";
import { embeddedPreview, fetchPreview } from "./preview.js";
import { footerFor, renderScreen } from "./screens.js";
import { bundleUrlFor, forgetOtherLanguages, loadStored, store } from "./storage.js";

const HOME = Object.freeze({ name: "home" });
const RETRY_WITHOUT_CONTENT_MS = 15000;
const LONGEST_TIMER_MS = 60 * 60 * 1000;

/** Whether the embedded item is signed content shown as patients saw it (the sign-off
 * history's "as the kiosk showed it", marked "as_seen"), not a draft. */
function embeddedAsSeen() {
  const element = document.getElementById("kiosk-preview-item");
  try {
    return Boolean(element && JSON.parse(element.textContent).as_seen);
  } catch (error) {
    return false;
  }
}

/** The app's own words in each language from the page ({code: {English: text}}); none (all
 * English) if unreadable. */
function readWords(root) {
  try {
    const words = JSON.parse(root.dataset.words || "{}");
    return words && typeof words === "object" ? words : {};
  } catch (error) {
    console.warn("kiosk: unreadable words", error);
    return {};
  }
}

/** The site's content languages from the page: [{code, name, dir}], the default first. */
function readLanguages(root) {
  let languages = [];
  try {
    languages = JSON.parse(root.dataset.languages || "[]");
  } catch (error) {
    console.warn("kiosk: unreadable list of languages", error);
  }
  const seen = new Set();
  languages = (Array.isArray(languages) ? languages : []).filter(
    (language) =>
      language &&
      typeof language.code === "string" &&
      language.code &&
      !seen.has(language.code) &&
      seen.add(language.code),
  );
  if (!languages.length) {
    const code = document.documentElement.lang || "en";
    languages = [{ code, name: code, dir: document.documentElement.dir === "rtl" ? "rtl" : "ltr" }];
  }
  return languages.map(({ code, name, dir }) => ({
    code,
    name: typeof name === "string" && name ? name : code,
    dir: dir === "rtl" ? "rtl" : "ltr",
  }));
}

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
    this.languages = readLanguages(root);
    setWords(readWords(root), this.languages);
    this.defaultLanguage = this.languages[0].code;
    this.language = this.defaultLanguage;
    // Per language: shown, {bundle, etag, url} the screens are drawn from in that language;
    // pending, a newer bundle waiting for the home screen (the language shown only).
    this.states = new Map(this.languages.map(({ code }) => [code, { shown: null, pending: null }]));
    this.previewing = false;
    this.polling = false;
    this.pollAgain = false;
    this.polls = 0;
    this.pollTimer = null;
    this.expiryTimer = null;
    this.drawnFrom = null;
  }

  /* The state of the language shown: the screens draw from its bundle. */
  get state() {
    return this.states.get(this.language);
  }

  get shown() {
    return this.state.shown;
  }

  set shown(value) {
    this.state.shown = value;
  }

  get pending() {
    return this.state.pending;
  }

  set pending(value) {
    this.state.pending = value;
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
    this.languages.forEach(({ code }) => {
      this.states.get(code).shown = loadStored(code, { isDefault: code === this.defaultLanguage });
    });
    forgetOtherLanguages(
      this.languages.map(({ code }) => code),
      this.bundleUrl,
    );
    this.showLanguage(this.defaultLanguage);
    this.markStored();
    this.render({ focus: false });
    this.poll();
  }

  async startPreview(embedded) {
    this.previewing = true;
    this.root.dataset.preview = "true";
    // A translation's draft: the app's words in its language (the page's, as the server set it).
    this.showWords(document.documentElement.lang);
    // The sign-off history embeds signed content "as patients saw it": no draft banner there.
    this.asSeen = Boolean(embedded) && embeddedAsSeen();
    this.$("kiosk-preview-banner").hidden = this.asSeen;
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
    this.applyPending();
    this.render();
  }

  replace(screen, options = {}) {
    this.stack[this.stack.length - 1] = screen;
    this.render(options);
  }

  back() {
    if (this.stack.length > 1) this.stack.pop();
    this.applyPending();
    this.render();
  }

  goHome() {
    this.stack = [HOME];
    this.applyPending();
    this.render();
  }

  /** The idle reset: the start screen, default text size and language, no trace of the last
   * visitor. */
  reset() {
    this.stack = [HOME];
    this.setLargeText(this.config.largeText);
    if (!this.previewing) this.showLanguage(this.defaultLanguage);
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
      this.language === this.defaultLanguage &&
      window.scrollY === 0
    );
  }

  // Languages ---------------------------------------------------------------------------------

  /** The language switch's choice: the home screen, drawn from that language's bundle. */
  setLanguage(code) {
    if (!this.states.has(code) || this.previewing) return;
    const changed = code !== this.language;
    this.showLanguage(code);
    this.stack = [HOME];
    this.applyPending();
    this.render({ focus: false, keepFocusKey: `language-${code}` });
    // Nothing kept for it yet (never online since it was added): ask now, not at the next poll.
    if (changed && !this.shown) this.poll();
  }

  /** Make ``code`` the language shown: the page's lang and dir follow. */
  showLanguage(code) {
    const previous = this.state;
    if (previous && previous.pending && code !== this.language) {
      // Nobody is reading the language left behind: its news need not wait.
      previous.shown = previous.pending;
      previous.pending = null;
    }
    delete this.root.dataset.pendingVersion;
    this.language = code;
    const language = this.languages.find((candidate) => candidate.code === code);
    document.documentElement.lang = code;
    document.documentElement.dir = language.dir;
    this.root.dataset.language = code;
    this.showWords(code);
  }

  /** The app's own words (the frame's and, at the next drawing, the screens') in ``code``. */
  showWords(code) {
    setUiLanguage(code);
    translatePage();
    this.drawTextSizeToggle();
  }

  markStored() {
    this.root.dataset.storedLanguages = this.languages
      .filter(({ code }) => this.states.get(code).shown)
      .map(({ code }) => code)
      .join(" ");
  }

  /* The toggle's visible state: a check mark before and ": on" after its name, shown by the
   * CSS when aria-pressed is "true". Direct children, so that its name is "Larger text". */
  drawTextSizeToggle() {
    const toggle = this.$("kiosk-text-size");
    const name = word("Larger text");
    const state = word("on");
    toggle.classList.add("kiosk-toggle");
    toggle.setAttribute("lang", name.lang);
    toggle.setAttribute("dir", name.dir);
    toggle.replaceChildren(
      h("span", { class: "kiosk-toggle__mark", "aria-hidden": "true" }, "✓"),
      name.text,
      h("span", { class: "kiosk-toggle__state", "aria-hidden": "true", lang: state.lang, dir: state.dir }, `: ${state.text}`),
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
      const siteName = this.$("kiosk-site-name");
      // The site's name is content, not the app's word "Patient information" it stood in for.
      delete siteName.dataset.word;
      siteName.removeAttribute("lang");
      siteName.removeAttribute("dir");
      siteName.textContent = content.site.name;
      document.title = uiText("{site}: patient information", { site: content.site.name });
    }
    if (item) {
      const { disclaimer, review } = footerFor(item, { asSeen: Boolean(this.asSeen) });
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

  /** One round: news for every language, the one shown first (one round at a time). */
  async poll() {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    clearTimeout(this.pollTimer);
    const others = this.languages.map(({ code }) => code).filter((code) => code !== this.language);
    const shownFirst = [this.language, ...others];
    const answers = new Map();
    try {
      for (const code of shownFirst) answers.set(code, await this.pollLanguage(code));
    } finally {
      this.polling = false;
    }
    this.polls += 1;
    this.root.dataset.polls = String(this.polls);
    const answer = answers.get(this.language) || answers.get(shownFirst[0]);
    this.root.dataset.lastPoll = answer.status;
    this.markStored();
    if (this.pollAgain) {
      this.pollAgain = false;
      this.poll();
      return;
    }
    const hasContent = [...this.states.values()].every((state) => state.shown);
    const wait = hasContent ? this.config.poll * 1000 : Math.min(this.config.poll * 1000, RETRY_WITHOUT_CONTENT_MS);
    this.pollTimer = setTimeout(() => this.poll(), wait);
  }

  async pollLanguage(code) {
    const state = this.states.get(code);
    let answer;
    try {
      const url = bundleUrlFor(this.bundleUrl, code);
      answer = await fetchUpdate(url, state.pending || state.shown, Date.now());
    } catch (error) {
      answer = { status: "unavailable", reason: String(error) };
    }
    if (answer.status === "updated") await this.receive(answer, code);
    if (answer.status === "unavailable") {
      console.info(`kiosk: keeping the content kept in ${code} (${answer.reason})`);
    }
    return answer;
  }

  /** Every bundle held, in any language (their pictures stay cached). */
  heldBundles() {
    return [...this.states.values()].flatMap((state) =>
      [state.shown, state.pending].filter(Boolean).map((held) => held.bundle),
    );
  }

  async receive({ bundle, etag, url, fromCache }, code = this.language) {
    const next = { bundle, etag, url };
    if (code !== this.language) {
      // A language nobody is looking at: kept, and shown when chosen.
      const state = this.states.get(code);
      if (fromCache) {
        if (!state.shown) state.shown = { bundle, etag: null, url: null };
        return;
      }
      state.shown = next;
      state.pending = null;
      await store(code, next, this.bundleUrl, this.heldBundles());
      return;
    }
    if (fromCache) {
      // The worker's kept copy, only asked for because this page had nothing: show it, but
      // do not take it for the server's word.
      if (!this.shown) {
        this.shown = { bundle, etag: null, url: null };
        this.render({ focus: false });
      }
      return;
    }
    await store(code, next, this.bundleUrl, this.heldBundles());
    if (code !== this.language) {
      // The language was switched while its answer was on the way: as for any language not shown.
      this.states.get(code).shown = next;
      return;
    }
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
