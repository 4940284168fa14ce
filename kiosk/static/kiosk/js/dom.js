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

/* The app's own words (headings, buttons, cues) are English in every content language for now
 * (there are no translations of them yet). Each is marked as English and isolated as
 * left-to-right text, so that a screen reader reads it as English and its punctuation stays in
 * place inside a right-to-left screen, whose layout is otherwise mirrored around it. */
export const UI_LANGUAGE = "en";

export function ui(text) {
  return h("span", { lang: UI_LANGUAGE, dir: "ltr" }, text);
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
export function formatDate(isoDate, language = UI_LANGUAGE) {
  const stamp = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(stamp)) return isoDate || "";
  const date = new Date(stamp);
  const month = new Intl.DateTimeFormat(language, {
    month: "long",
    timeZone: "UTC",
  }).format(date);
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
