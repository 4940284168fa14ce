/* Building the screens' DOM from bundle data without ever parsing it into the live page as
 * HTML: text goes in as text, rich text and the QR code's SVG are rebuilt from an allow-list. */

/** h("p", {class: "lead"}, "text", child, [more, children]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

/* The app's own words (headings, buttons, cues): English keys, translated into the language
 * shown by the words the page carries (data-words, from the clinic's catalogue: kiosk/words.py).
 * A word its catalogue leaves out stays English. Each word is marked with the language it is in
 * and isolated with that language's direction, so that a screen reader reads it right and an
 * English word's punctuation stays in place inside a right-to-left screen. */
const SOURCE_LANGUAGE = "en";
let words = {};
let directions = {};
let shownLanguage = SOURCE_LANGUAGE;

/** The words of every language ({code: {English: text}}) and each language's direction. */
export function setWords(byLanguage, languages) {
  words = byLanguage && typeof byLanguage === "object" ? byLanguage : {};
  directions = Object.fromEntries((languages || []).map(({ code, dir }) => [code, dir]));
}

/** The language the app's words are shown in from now on. */
export function setUiLanguage(code) {
  shownLanguage = code;
}

/** A word in the language shown, else English: {text, lang, dir}. */
export function word(key) {
  const translated = (words[shownLanguage] || {})[key];
  if (typeof translated === "string" && translated) {
    return { text: translated, lang: shownLanguage, dir: directions[shownLanguage] || "ltr" };
  }
  return { text: key, lang: SOURCE_LANGUAGE, dir: "ltr" };
}

/** The word's text with its {placeholders} filled: [text, node, text, ...]. */
export function fill(text, values = {}) {
  return text.split(/\{(\w+)\}/).map((part, index) => (index % 2 ? values[part] ?? `{${part}}` : part));
}

/** A word (with its placeholders filled) in a span marked with its language and direction. */
export function ui(key, values = {}) {
  const { text, lang, dir } = word(key);
  return h("span", { lang, dir }, fill(text, values));
}

/** A word as plain text, for attributes (aria-label, the document title). */
export function uiText(key, values = {}) {
  return fill(word(key).text, values).join("");
}

/** Write the page's own words (elements marked data-word) in the language shown. A child that
 * fills a placeholder (data-slot="seconds" for {seconds}) is kept, not redrawn. */
export function translatePage(root = document) {
  for (const element of root.querySelectorAll("[data-word]")) {
    const { text, lang, dir } = word(element.dataset.word);
    const kept = Object.fromEntries(
      [...element.querySelectorAll("[data-slot]")].map((child) => [child.dataset.slot, child]),
    );
    element.replaceChildren(...fill(text, kept));
    element.setAttribute("lang", lang);
    element.setAttribute("dir", dir);
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/* Rich text from the bundle: already sanitised by the API; rebuilt here from an allow-list
 * anyway. Links become plain text: a kiosk has nowhere to go, the QR code takes people on. */
const RICH_TEXT_TAGS = new Set([
  "P", "BR", "STRONG", "B", "EM", "I", "UL", "OL", "LI", "H2", "H3", "H4",
]);

export function richText(html) {
  const source = typeof html === "string" ? html : (html && html.html) || "";
  const parsed = new DOMParser().parseFromString(source, "text/html");
  const fragment = document.createDocumentFragment();
  copyAllowed(parsed.body, fragment);
  return h("div", { class: "kiosk-rich-text" }, fragment);
}

function copyAllowed(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.textContent);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      if (["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT"].includes(node.tagName)) continue;
      // Headings inside a section sit below the screen's own h1/h2: shown as h3.
      const tag = /^H[2-6]$/.test(node.tagName) ? "H3" : node.tagName;
      const target = RICH_TEXT_TAGS.has(tag) ? document.createElement(tag) : to;
      copyAllowed(node, target);
      if (target !== to) to.append(target);
    }
  }
}

/* The QR code: the bundle's SVG, rebuilt with its drawing elements and geometry only, scaled
 * by a viewBox, labelled for assistive technology. */
const SVG_NS = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["svg", "g", "path", "rect"]);
const SVG_ATTRIBUTES = new Set([
  "d", "x", "y", "width", "height", "fill", "stroke", "stroke-width", "transform", "viewBox",
  "shape-rendering", "fill-rule", "clip-rule",
]);

export function qrCode(svgText, label) {
  const parsed = new DOMParser().parseFromString(svgText || "", "text/html");
  const source = parsed.querySelector("svg");
  if (!source) return null;
  const svg = copySvg(source);
  const width = parseFloat(source.getAttribute("width"));
  const height = parseFloat(source.getAttribute("height"));
  if (!svg.hasAttribute("viewBox") && width > 0 && height > 0) {
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  }
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("class", "kiosk-qr__code");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  return svg;
}

function copySvg(node) {
  const copy = document.createElementNS(SVG_NS, node.localName);
  for (const attribute of node.attributes) {
    // The HTML parser lower-cases attribute names; SVG needs viewBox spelt as such.
    const name = attribute.name === "viewbox" ? "viewBox" : attribute.name;
    if (SVG_ATTRIBUTES.has(name)) copy.setAttribute(name, attribute.value);
  }
  for (const child of node.children) {
    if (SVG_TAGS.has(child.localName)) copy.append(copySvg(child));
  }
  return copy;
}

/** "2026-11-28" -> "28 November 2026" (as the web pages write dates), in the app's own
 * language by default (dates sit in its sentences: "Last reviewed …"). */
export function formatDate(isoDate, language = shownLanguage) {
  const stamp = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(stamp)) return isoDate || "";
  const date = new Date(stamp);
  const month = new Intl.DateTimeFormat(language, {
    month: "long",
    timeZone: "UTC",
  }).format(date);
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
