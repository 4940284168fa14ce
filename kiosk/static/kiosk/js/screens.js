/* The kiosk's screens, each a function of (screen, content, nav) that returns
 * {element, item}: the screen's DOM and the bundle item whose disclaimer and review dates the
 * footer shows (null on the home screen). ``nav.open(screen)`` goes to another screen,
 * ``nav.replace(screen)`` changes this one in place (the steps). A screen whose item is not
 * (or no longer) shown returns null, and the app goes home.
 *
 * Content is in the language of the bundle shown (the page's lang and dir say which); the
 * app's own words are in it too where the clinic's catalogue translates them, each marked with
 * the language it is in (``ui``, keyed by its English text: kiosk/words.py lists them). */

import { formatDate, h, qrCode, richText, ui, uiText, word } from "./dom.js";

export const SCREENS = {
  home,
  treatment,
  benefits,
  steps,
  eligibility,
  contact,
  condition,
};

export function renderScreen(screen, content, nav) {
  const draw = SCREENS[screen.name];
  return draw ? draw(screen, content, nav) : null;
}

function find(content, kind, id) {
  return content[kind].find((item) => item.id === id) || null;
}

function heading(text, level = 1) {
  return h(`h${level}`, { tabindex: level === 1 ? "-1" : null, class: level === 1 ? "kiosk-title" : null }, text);
}

function screenFrame(name, ...children) {
  return h("div", { class: `kiosk-screen kiosk-screen--${name}`, "data-screen": name }, ...children);
}

function kicker(item) {
  return h("p", { class: "kiosk-kicker" }, item.title);
}

function button(label, onClick, { variant = "primary", ...attributes } = {}) {
  return h(
    "button",
    { type: "button", class: `kiosk-button kiosk-button--${variant}`, onclick: onClick, ...attributes },
    typeof label === "string" ? ui(label) : label,
  );
}

function hasBalance(item) {
  return (item.side_effects || []).length > 0 || (item.risks || []).length > 0;
}

// Home ----------------------------------------------------------------------------------------

function home(screen, content, nav) {
  const sections = [];
  if (content.showTreatments && content.treatments.length) {
    sections.push(tileSection("Treatments", "treatments", content.treatments, nav));
  }
  if (content.showConditions && content.conditions.length) {
    sections.push(tileSection("Conditions", "conditions", content.conditions, nav));
  }
  const element = screenFrame(
    "home",
    languageSwitch(nav),
    heading(ui("Information for patients")),
    sections.length
      ? h("p", { class: "kiosk-lead" }, ui("Touch a topic to read about it."))
      : h("p", { class: "kiosk-message" }, ui("There is no information to show at the moment.")),
    sections,
  );
  return { element, item: null };
}

/* The content languages, each named in its own language (with its lang and dir), when there
 * is more than one: touching one shows the home screen from that language's bundle. The
 * chosen one is filled, with a check mark, and aria-current. */
function languageSwitch(nav) {
  const languages = nav.languages || [];
  if (languages.length < 2 || nav.previewing) return null;
  return h(
    "nav",
    { class: "kiosk-languages", "aria-label": uiText("Language"), lang: word("Language").lang },
    h(
      "ul",
      { class: "kiosk-languages__list" },
      languages.map((language) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "kiosk-button kiosk-language",
              lang: language.code,
              dir: language.dir,
              "data-key": `language-${language.code}`,
              "data-language": language.code,
              "aria-current": language.code === nav.language ? "true" : null,
              onclick: () => nav.setLanguage(language.code),
            },
            h("span", { class: "kiosk-language__mark", "aria-hidden": "true" }, "✓"),
            language.name,
          ),
        ),
      ),
    ),
  );
}

function tileSection(title, kind, items, nav) {
  const id = `kiosk-section-${kind}`;
  const screenName = kind === "treatments" ? "treatment" : "condition";
  return h(
    "section",
    { class: "kiosk-section", "aria-labelledby": id },
    h("h2", { id }, ui(title)),
    h(
      "ul",
      { class: "kiosk-tiles" },
      items.map((item) => h("li", {}, tile(item, () => nav.open({ name: screenName, id: item.id }), `${screenName}-${item.id}`))),
    ),
  );
}

function tile(item, onClick, key) {
  const titleId = `kiosk-tile-${key}`;
  const summaryId = `${titleId}-summary`;
  return h(
    "button",
    {
      type: "button",
      class: "kiosk-tile",
      "data-key": key,
      "aria-labelledby": titleId,
      "aria-describedby": item.summary ? summaryId : null,
      onclick: onClick,
    },
    h("span", { class: "kiosk-tile__title", id: titleId }, item.title),
    item.summary ? h("span", { class: "kiosk-tile__summary", id: summaryId }, item.summary) : null,
  );
}

// Treatment -----------------------------------------------------------------------------------

function treatment(screen, content, nav) {
  const item = find(content, "treatments", screen.id);
  if (!item) return null;
  const open = (name) => () => nav.open({ name, id: item.id, kind: "treatments" });
  const menu = [];
  if (hasBalance(item)) menu.push(button("Benefits, side effects and risks", open("benefits")));
  if ((item.steps || []).length) menu.push(button("What happens, step by step", () => nav.open({ name: "steps", id: item.id, index: 0 })));
  if ((item.suitable_for || []).length || (item.not_suitable_for || []).length) {
    menu.push(button("Is this right for me?", open("eligibility")));
  }
  menu.push(button(item.clinic ? "Contact the clinic" : "Read this on your phone", open("contact")));

  const element = screenFrame(
    "treatment",
    heading(item.title),
    item.summary ? h("p", { class: "kiosk-lead" }, item.summary) : null,
    picture(item),
    waysGiven(item.given),
    h(
      "nav",
      { class: "kiosk-menu", "aria-label": uiText("About {title}", { title: item.title }) },
      h("ul", {}, menu.map((entry) => h("li", {}, entry))),
    ),
    links(
      "Used for",
      item.conditions,
      content.showConditions ? (link) => nav.open({ name: "condition", id: link.id }) : null,
      content,
      "conditions",
    ),
  );
  return { element, item };
}

/* How the treatment is given, each way labelled for what it is (a device is not a "route"). */
function waysGiven(given) {
  if (!given || !given.length) return null;
  return h(
    "section",
    { class: "kiosk-section", "aria-labelledby": "kiosk-ways-given" },
    h("h2", { id: "kiosk-ways-given" }, ui("How it is given")),
    h(
      "ul",
      { class: "kiosk-list" },
      given.map((way) =>
        h(
          "li",
          {},
          h("strong", {}, way.name),
          way.kind_label ? ` (${way.kind_label.toLowerCase()})` : null,
          way.description ? h("p", {}, way.description) : null,
        ),
      ),
    ),
  );
}

function picture(item) {
  if (!item.image || !item.image.url) return null;
  const image = h("img", {
    class: "kiosk-picture",
    src: item.image.url,
    alt: item.image.alt || "",
    width: item.image.width,
    height: item.image.height,
  });
  image.addEventListener("error", () => image.remove());
  return image;
}

/* Related items: buttons to their screens when that section is shown, plain text otherwise. */
function links(title, related, onOpen, content, kind) {
  if (!related || !related.length) return null;
  const id = `kiosk-related-${kind}`;
  return h(
    "section",
    { class: "kiosk-section", "aria-labelledby": id },
    h("h2", { id }, ui(title)),
    h(
      "ul",
      { class: onOpen ? "kiosk-tiles" : "kiosk-list" },
      related.map((link) => {
        const full = find(content, kind, link.id) || link;
        const key = `${kind === "treatments" ? "treatment" : "condition"}-${link.id}`;
        if (onOpen) {
          return h("li", {}, tile({ ...full, summary: link.summary || full.summary }, () => onOpen(link), key), linkFacts(link));
        }
        return h(
          "li",
          {},
          h("strong", {}, full.title),
          full.summary ? h("p", {}, full.summary) : null,
          linkFacts(link),
        );
      }),
    ),
  );
}

/* What the link says, beside it: a guideline's stance, the licensing of this use, the note. */
function linkFacts(link) {
  const lines = [];
  if (link.guideline_stance_label) {
    const source = link.guideline ? ` (${link.guideline})` : "";
    lines.push(h("p", { class: "kiosk-link-fact" }, h("strong", {}, ui("Guidance:"), " "), `${link.guideline_stance_label}${source}.`));
  }
  if (link.regulatory_status_label) {
    lines.push(h("p", { class: "kiosk-link-fact" }, h("strong", {}, ui("Licensing:"), " "), `${link.regulatory_status_label}.`));
  }
  if (link.note) lines.push(h("p", { class: "kiosk-link-fact" }, link.note));
  return lines.length ? h("div", { class: "kiosk-link-facts" }, lines) : null;
}

// Benefits with side effects and risks --------------------------------------------------------

function benefits(screen, content, nav) {
  const item = find(content, "treatments", screen.id);
  if (!item) return null;
  if (!hasBalance(item)) {
    // Never benefits alone: without side effects or risks to show beside them, none at all.
    const element = screenFrame(
      "benefits",
      kicker(item),
      heading(ui("Benefits, side effects and risks")),
      h("p", { class: "kiosk-message" }, ui("Please ask the clinic about the benefits, side effects and risks.")),
    );
    return { element, item };
  }
  const element = screenFrame(
    "benefits",
    kicker(item),
    heading(ui("Benefits, side effects and risks")),
    h("p", { class: "kiosk-lead" }, ui("Think about the possible benefits together with the side effects and risks.")),
    h(
      "div",
      { class: "kiosk-balance" },
      (item.benefits || []).length
        ? h(
            "section",
            { class: "kiosk-balance__column kiosk-balance__column--benefits", "aria-labelledby": "kiosk-benefits" },
            h("h2", { id: "kiosk-benefits" }, ui("Possible benefits")),
            h(
              "ul",
              { class: "kiosk-list" },
              item.benefits.map((benefit) => h("li", {}, h("strong", {}, benefit.headline), richText(benefit.explanation))),
            ),
          )
        : null,
      h(
        "section",
        { class: "kiosk-balance__column kiosk-balance__column--risks", "aria-labelledby": "kiosk-risks" },
        h("h2", { id: "kiosk-risks" }, ui("Side effects and risks")),
        namedList("Common side effects", item.side_effects),
        namedList("Serious risks", item.risks),
      ),
    ),
  );
  return { element, item };
}

function namedList(title, entries) {
  if (!entries || !entries.length) return null;
  return [
    h("h3", {}, ui(title)),
    h(
      "ul",
      { class: "kiosk-list" },
      entries.map((entry) =>
        h(
          "li",
          {},
          h("strong", {}, entry.name),
          entry.frequency_text ? h("p", { class: "kiosk-frequency" }, entry.frequency_text) : null,
          (entry.frequency_source || []).map((source) =>
            h("p", { class: "kiosk-frequency-source" }, ui("Source:"), ` ${source.title}${source.year ? `, ${source.year}` : ""}`),
          ),
          entry.description ? h("p", {}, entry.description) : null,
        ),
      ),
    ),
  ];
}

// Steps, one at a time ------------------------------------------------------------------------

function steps(screen, content, nav) {
  const item = find(content, "treatments", screen.id);
  if (!item || !(item.steps || []).length) return null;
  const count = item.steps.length;
  const index = Math.min(Math.max(screen.index || 0, 0), count - 1);
  const step = item.steps[index];
  const go = (to) => () => nav.replace({ ...screen, index: to }, { focus: "#kiosk-step-title" });
  const element = screenFrame(
    "steps",
    kicker(item),
    heading(ui("What happens, step by step")),
    h(
      "section",
      { class: "kiosk-step", "aria-labelledby": "kiosk-step-title" },
      h("p", { class: "kiosk-step__count", id: "kiosk-step-count" }, ui("Step {number} of {count}", { number: index + 1, count })),
      h("h2", { id: "kiosk-step-title", tabindex: "-1", "aria-describedby": "kiosk-step-count" }, step.title),
      richText(step.description),
      step.timing_text ? h("p", { class: "kiosk-step__duration" }, step.timing_text) : null,
    ),
    h(
      "div",
      { class: "kiosk-step-nav" },
      index > 0 ? button("Previous step", go(index - 1), { variant: "secondary", "data-action": "previous-step" }) : null,
      index < count - 1
        ? button("Next step", go(index + 1), { "data-action": "next-step" })
        : button("Done", () => nav.back(), { "data-action": "done" }),
    ),
  );
  return { element, item };
}

// Is this right for me? -----------------------------------------------------------------------

function eligibility(screen, content, nav) {
  const item = find(content, "treatments", screen.id);
  if (!item) return null;
  const criteria = (title, entries, id) =>
    entries && entries.length
      ? h(
          "section",
          { class: "kiosk-section", "aria-labelledby": id },
          h("h2", { id }, ui(title)),
          h(
            "ul",
            { class: "kiosk-list" },
            entries.map((entry) =>
              h("li", {}, h("strong", {}, entry.criterion), entry.detail ? h("p", {}, entry.detail) : null),
            ),
          ),
        )
      : null;
  const element = screenFrame(
    "eligibility",
    kicker(item),
    heading(ui("Is this right for me?")),
    h("p", { class: "kiosk-lead" }, ui("Talk to a clinician about whether it is right for you.")),
    criteria("It may suit", item.suitable_for, "kiosk-suitable"),
    criteria("It may not suit", item.not_suitable_for, "kiosk-not-suitable"),
    button(item.clinic ? "Contact the clinic" : "Read this on your phone", () =>
      nav.open({ name: "contact", id: item.id, kind: "treatments" }),
    ),
  );
  return { element, item };
}

// Call to action and QR code ------------------------------------------------------------------

function contact(screen, content) {
  const item = find(content, screen.kind || "treatments", screen.id);
  if (!item) return null;
  const clinic = item.clinic;
  const details = clinic
    ? [
        ["Phone", clinic.phone],
        ["Email", clinic.email],
        ["Address", clinic.address],
        ["Opening hours", clinic.opening_hours],
        ["Book online", clinic.booking_url],
      ].filter(([, value]) => value)
    : [];
  const code = qrCode(item.qr_svg, uiText("QR code: {url}", { url: item.url }));
  const element = screenFrame(
    "contact",
    kicker(item),
    heading(ui(clinic ? "Contact the clinic" : "Read this on your phone")),
    h(
      "div",
      { class: "kiosk-contact" },
      h(
        "div",
        { class: "kiosk-contact__text" },
        item.call_to_action ? h("p", { class: "kiosk-lead" }, item.call_to_action) : null,
        clinic
          ? h(
              "section",
              { class: "kiosk-section", "aria-labelledby": "kiosk-clinic" },
              h("h2", { id: "kiosk-clinic" }, clinic.name),
              h("dl", { class: "kiosk-details" }, details.map(([term, value]) => [h("dt", {}, ui(term)), h("dd", {}, value)])),
            )
          : null,
      ),
      code
        ? h(
            "figure",
            { class: "kiosk-qr", "data-url": item.url },
            code,
            h(
              "figcaption",
              {},
              ui("Scan this code with your phone's camera to read this page on your phone:"),
              h("span", { class: "kiosk-qr__url" }, item.url),
            ),
          )
        : null,
    ),
  );
  return { element, item };
}

// Condition -----------------------------------------------------------------------------------

function condition(screen, content, nav) {
  const item = find(content, "conditions", screen.id);
  if (!item) return null;
  const symptoms = item.symptoms || [];
  const element = screenFrame(
    "condition",
    heading(item.title),
    item.summary ? h("p", { class: "kiosk-lead" }, item.summary) : null,
    picture(item),
    symptoms.length
      ? h(
          "section",
          { class: "kiosk-section", "aria-labelledby": "kiosk-symptoms" },
          h("h2", { id: "kiosk-symptoms" }, ui("Symptoms")),
          h(
            "ul",
            { class: "kiosk-list" },
            symptoms.map((symptom) =>
              h("li", {}, h("strong", {}, symptom.name), symptom.description ? h("p", {}, symptom.description) : null),
            ),
          ),
        )
      : null,
    links(
      "Treatments",
      item.treatments,
      content.showTreatments ? (link) => nav.open({ name: "treatment", id: link.id }) : null,
      content,
      "treatments",
    ),
    h(
      "nav",
      { class: "kiosk-menu", "aria-label": uiText("About {title}", { title: item.title }) },
      h(
        "ul",
        {},
        h(
          "li",
          {},
          button(item.clinic ? "Contact the clinic" : "Read this on your phone", () =>
            nav.open({ name: "contact", id: item.id, kind: "conditions" }),
          ),
        ),
      ),
    ),
  );
  return { element, item };
}

// Footer --------------------------------------------------------------------------------------

const FALLBACK_DISCLAIMER = "This is general information, not medical advice.";

/** The review status the bundle gave, or "overdue" once the review date has passed on this
 * device's calendar: a kiosk offline for days keeps the bundle it had, whose statuses were
 * today's when it was fetched. */
function reviewStatusToday(review, now = new Date()) {
  const pad = (number) => String(number).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  if (review.next_review_due && review.next_review_due < today) return "overdue";
  return review.status;
}

/** The footer's disclaimer (rich text) and review line for an item; ``asSeen`` (the sign-off
 * history's "as the kiosk showed it") keeps the status of the day shown, not today's. */
export function footerFor(item, { asSeen = false } = {}) {
  const disclaimer = item.disclaimer && item.disclaimer.text
    ? richText(item.disclaimer.text)
    : h("p", {}, ui(FALLBACK_DISCLAIMER));
  // Until its translation is signed, a translation shows the default language's disclaimer.
  if (item.disclaimer && item.disclaimer.locale && item.disclaimer.locale !== document.documentElement.lang) {
    disclaimer.setAttribute("lang", item.disclaimer.locale);
  }
  const review = item.review || {};
  const parts = [];
  const dated = (key, isoDate) => {
    // The date in the language of the sentence it sits in.
    const shown = formatDate(isoDate, word(key).lang);
    return ui(key, { date: h("time", { datetime: isoDate }, shown) });
  };
  if (review.last_reviewed) parts.push(dated("Last reviewed {date}", review.last_reviewed));
  if (review.next_review_due) {
    if (parts.length) parts.push(" · ");
    parts.push(dated("Next review due {date}", review.next_review_due));
  }
  if (!parts.length) parts.push(ui("Not signed off: a draft, not shown to patients"));
  const status = asSeen ? review.status : reviewStatusToday(review);
  if (status === "due_soon") parts.push(" · ", ui("Review due soon"));
  if (status === "overdue") parts.push(" · ", ui("Review overdue"));
  if (review.translation_status === "out_of_date") {
    parts.push(" · ", ui("The original version of this page was updated more recently than this translation"));
  }
  return { disclaimer, review: parts };
}
