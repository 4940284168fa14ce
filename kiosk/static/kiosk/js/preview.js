/* Preview of a draft (/kiosk/?preview=<token>): the editor's "Preview in web app" sends them
 * here with a token, and the kiosk shows that one draft from GET /api/v1/preview/{token}/
 * instead of the bundle. Nothing of it is stored, cached or polled for: a draft is not signed
 * and never stays on a device. */

/** The preview as a one-item bundle, and the screen that shows it; or a message. */
export async function fetchPreview(urlTemplate, token) {
  let response;
  try {
    response = await fetch(urlTemplate.replace("__token__", encodeURIComponent(token)), {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "omit",
    });
  } catch (error) {
    return { status: "error", message: "The preview cannot be loaded: the server is unreachable." };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    // Not JSON: the generic message below.
  }
  if (!response.ok || !body || !["treatment", "condition"].includes(body.type)) {
    const detail = body && typeof body.detail === "string" ? body.detail : "";
    return { status: "error", message: detail || "This preview cannot be shown." };
  }
  const item = fromDetail(body);
  const kind = body.type === "treatment" ? "treatments" : "conditions";
  const bundle = {
    version: `preview-${(body.preview && body.preview.revision_id) || ""}`,
    full: true,
    generated_at: new Date().toISOString(),
    expires_at: item.expires_at,
    site: null,
    treatments: kind === "treatments" ? [item] : [],
    conditions: kind === "conditions" ? [item] : [],
  };
  return { status: "ok", bundle, screen: { name: body.type, id: item.id } };
}

const html = (value) => (value && typeof value === "object" ? value.html || "" : value || "");

/** A page's detail (the API's treatment or condition shape) as a kiosk bundle item. */
export function fromDetail(detail) {
  const item = {
    id: detail.id,
    slug: detail.slug,
    title: detail.title,
    url: detail.url,
    qr_svg: "",
    summary: detail.summary || "",
    image: detail.image
      ? { url: detail.image.url, width: detail.image.width, height: detail.image.height, alt: detail.image.alt || "" }
      : null,
    clinic: detail.clinic || null,
    call_to_action: detail.call_to_action || "",
    disclaimer: detail.disclaimer ? { text: html(detail.disclaimer.text) } : null,
    review: detail.review || null,
    expires_at: (detail.preview && detail.preview.expires_at) || null,
  };
  if (detail.type === "treatment") {
    const risks = detail.risks || {};
    const eligibility = detail.eligibility || {};
    Object.assign(item, {
      benefits: (detail.benefits || []).map((b) => ({ headline: b.headline, explanation: html(b.explanation) })),
      side_effects: risks.common || [],
      risks: risks.serious || [],
      steps: (detail.steps || []).map((s) => ({
        title: s.title,
        description: html(s.description),
        typical_duration: s.typical_duration || "",
      })),
      suitable_for: eligibility.suitable_for || [],
      not_suitable_for: eligibility.not_suitable_for || [],
      conditions: (detail.conditions || []).map(({ id, slug, title }) => ({ id, slug, title })),
    });
  } else {
    Object.assign(item, {
      symptoms: detail.symptoms || [],
      treatments: (detail.treatments || []).map(({ id, slug, title, summary }) => ({ id, slug, title, summary })),
    });
  }
  return item;
}
