/* Preview of a draft, never stored, cached or polled for: a draft is not signed and never stays
 * on a device.
 *
 * - /kiosk/?preview=<token>: the editor's "Preview in web app" sends them here with a token, and
 *   the kiosk shows the draft's kiosk item from GET /api/v1/preview/{token}/.
 * - The admin's "Kiosk" preview mode renders this page with the draft's kiosk item embedded
 *   (<script type="application/json" id="kiosk-preview-item">).
 * Either way the item is the API's own kiosk shape: nothing here re-shapes it. */

/** The draft's item as a one-item bundle, and the screen that shows it. */
export function previewOf(item, type) {
  const kind = type === "treatment" ? "treatments" : "conditions";
  const bundle = {
    version: `preview-${item.id}`,
    full: true,
    generated_at: new Date().toISOString(),
    expires_at: item.expires_at,
    site: null,
    treatments: kind === "treatments" ? [item] : [],
    conditions: kind === "conditions" ? [item] : [],
  };
  return { status: "ok", bundle, screen: { name: type, id: item.id } };
}

/** The item embedded in the page by the admin's preview mode, or null. */
export function embeddedPreview() {
  const element = document.getElementById("kiosk-preview-item");
  if (!element) return null;
  const { type, item } = JSON.parse(element.textContent);
  return previewOf(item, type);
}

/** The draft a token grants, from the preview endpoint; or a message. */
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
  if (!response.ok || !body || !["treatment", "condition"].includes(body.type) || !body.kiosk) {
    const detail = body && typeof body.detail === "string" ? body.detail : "";
    return { status: "error", message: detail || "This preview cannot be shown." };
  }
  return previewOf(body.kiosk, body.type);
}
