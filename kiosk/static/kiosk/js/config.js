/* Per-device configuration, read from the kiosk's URL, e.g.
 *   /kiosk/?clinic=Example%20Clinic&sections=treatments&idle=90&warn=30&poll=300&text=large
 * and ?preview=<token>, which the editor's "Preview in web app" adds to show one draft.
 * A value that is missing or out of range falls back to its default (and is reported on the
 * console), so a typo never leaves a waiting room without the kiosk. See README.md.
 */

export const SECTIONS = ["treatments", "conditions"];

/* [default, minimum, maximum], in seconds. The warning gives at least 20 seconds to carry on
 * (WCAG 2.2.1); polling can be as quick as 2 seconds for demonstrations and tests. */
const SECONDS = {
  idle: [120, 10, 3600],
  warn: [30, 20, 300],
  poll: [300, 2, 86400],
};

export const DEFAULTS = Object.freeze({
  clinic: "",
  sections: SECTIONS,
  idle: SECONDS.idle[0],
  warn: SECONDS.warn[0],
  poll: SECONDS.poll[0],
  largeText: false,
  preview: "",
});

const TOKEN = /^[A-Za-z0-9_\-:.]{1,512}$/;

/** Read the configuration from a query string. Returns {config, problems}. */
export function readConfig(search) {
  const params = new URLSearchParams(search);
  const problems = [];
  const config = { ...DEFAULTS };

  for (const [name, [fallback, min, max]] of Object.entries(SECONDS)) {
    if (!params.has(name)) continue;
    const value = Number(params.get(name));
    if (Number.isInteger(value) && value >= min && value <= max) {
      config[name] = value;
    } else {
      problems.push(`${name}: expected whole seconds from ${min} to ${max}; using ${fallback}`);
    }
  }

  if (params.has("clinic")) config.clinic = params.get("clinic").trim();

  if (params.has("sections")) {
    const asked = params
      .get("sections")
      .split(",")
      .map((section) => section.trim().toLowerCase())
      .filter(Boolean);
    const known = SECTIONS.filter((section) => asked.includes(section));
    const unknown = asked.filter((section) => !SECTIONS.includes(section));
    if (unknown.length) problems.push(`sections: unknown ${unknown.join(", ")}`);
    if (known.length) config.sections = known;
    else problems.push(`sections: none of ${SECTIONS.join(", ")}; showing all`);
  }

  if (params.has("text")) {
    const text = params.get("text");
    if (text === "large" || text === "normal") config.largeText = text === "large";
    else problems.push("text: expected large or normal");
  }

  if (params.has("preview")) {
    const token = params.get("preview");
    if (TOKEN.test(token)) config.preview = token;
    else problems.push("preview: not a preview token");
  }

  const known = new Set([...Object.keys(SECONDS), "clinic", "sections", "text", "preview"]);
  for (const name of params.keys()) {
    if (!known.has(name)) problems.push(`${name}: unknown parameter, ignored`);
  }
  return { config, problems };
}
