/* The kiosk bundle (GET /api/v1/kiosk/bundle/): checking its shape, applying a delta, and
 * choosing what this device may show now (not expired, this clinic, these sections). */

const KINDS = ["treatments", "conditions"];

/** True for a bundle the app can show (a full one or a delta): the contract's required parts. */
export function isBundle(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof value.version === "string" &&
    typeof value.full === "boolean" &&
    KINDS.every((kind) => Array.isArray(value[kind]) && value[kind].every(isItem))
  );
}

function isItem(item) {
  return (
    item !== null &&
    typeof item === "object" &&
    Number.isInteger(item.id) &&
    typeof item.title === "string"
  );
}

/** The full bundle that results from applying ``delta`` (a ?since= answer) to ``current``.
 * Returns null when the delta does not start from ``current``'s version. */
export function applyDelta(current, delta) {
  if (delta.full) return delta;
  if (!current || delta.since !== current.version) return null;
  // The times stay those of the last full bundle: items the delta leaves out keep their
  // expiry, and the client fetches a full bundle again before they run out.
  const next = { ...current, version: delta.version, site: delta.site || current.site };
  const removed = delta.removed || {};
  for (const kind of KINDS) {
    const gone = new Set(removed[kind] || []);
    const changed = new Map(delta[kind].map((item) => [item.id, item]));
    const kept = current[kind]
      .filter((item) => !gone.has(item.id) && !changed.has(item.id))
      .concat(delta[kind].filter((item) => !gone.has(item.id)));
    next[kind] = kept;
  }
  return next;
}

/** When an item stops being shown: its own expires_at, else the bundle's. */
export function expiresAt(item, bundle) {
  const stamp = Date.parse(item.expires_at || bundle.expires_at || "");
  return Number.isNaN(stamp) ? -Infinity : stamp;
}

function sameName(a, b) {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** What this device shows at ``now`` (ms since the epoch): items not past their expiry, of
 * the configured clinic, in the configured sections, sorted by title. Links between items
 * point only at items that are shown too. */
export function visibleContent(bundle, config, now) {
  const empty = { treatments: [], conditions: [], site: null, nextExpiry: Infinity };
  if (!bundle) return empty;
  const live = (item) => expiresAt(item, bundle) > now;
  const byTitle = (a, b) => a.title.localeCompare(b.title);

  let treatments = bundle.treatments.filter(live);
  if (config.clinic) {
    treatments = treatments.filter((item) => item.clinic && sameName(item.clinic.name, config.clinic));
  }
  const treatmentIds = new Set(treatments.map((item) => item.id));
  let conditions = bundle.conditions.filter(live);
  if (config.clinic) {
    conditions = conditions.filter((item) =>
      (item.treatments || []).some((link) => treatmentIds.has(link.id)),
    );
  }
  const conditionIds = new Set(conditions.map((item) => item.id));

  const showTreatments = config.sections.includes("treatments");
  const showConditions = config.sections.includes("conditions");
  const shown = [...treatments, ...conditions];
  return {
    site: bundle.site || null,
    showTreatments,
    showConditions,
    treatments: treatments
      .map((item) => ({
        ...item,
        conditions: (item.conditions || []).filter((link) => conditionIds.has(link.id)),
      }))
      .sort(byTitle),
    conditions: conditions
      .map((item) => ({
        ...item,
        treatments: (item.treatments || []).filter((link) => treatmentIds.has(link.id)),
      }))
      .sort(byTitle),
    // The next moment something disappears, so the app can look again then.
    nextExpiry: Math.min(Infinity, ...shown.map((item) => expiresAt(item, bundle))),
  };
}

/** Every image URL the bundle refers to (to prune the image cache). */
export function imageUrls(bundle) {
  if (!bundle) return [];
  return KINDS.flatMap((kind) => bundle[kind])
    .map((item) => item.image && item.image.url)
    .filter(Boolean);
}
