/* Asking the API for news: a conditional GET (If-None-Match) for a delta since the version
 * shown (?since=), falling back to the full bundle when the delta does not fit. Failures are
 * answers too ("unavailable"): the app then simply keeps what it has. Each content language
 * is a bundle of its own (its URL carries ?locale=), with its own versions and deltas. */

import { applyDelta, isBundle } from "./bundle.js";

/**
 * @param {string} bundleUrl the endpoint of one language, e.g. /api/v1/kiosk/bundle/?locale=fr
 * @param {{bundle, etag, url}|null} stored what the device has
 * @param {number} now ms since the epoch
 * @returns {Promise<{status: "unchanged"} | {status: "updated", bundle, etag, url, fromCache}
 *   | {status: "unavailable", reason: string}>}
 */
export async function fetchUpdate(bundleUrl, stored, now = Date.now()) {
  const current = stored && stored.bundle;
  if (!current || ageing(current, now)) return get(bundleUrl, null, null);
  const joiner = bundleUrl.includes("?") ? "&" : "?";
  const url = `${bundleUrl}${joiner}since=${encodeURIComponent(current.version)}`;
  const answer = await get(url, stored.url === url ? stored.etag : null, current);
  if (answer.status === "mismatch") return get(bundleUrl, null, null);
  return answer;
}

/* Past half its offline life, a bundle is fetched afresh (no If-None-Match, no delta), so
 * that its expiry is the server's latest word. */
function ageing(bundle, now) {
  const generated = Date.parse(bundle.generated_at);
  const expires = Date.parse(bundle.expires_at);
  if (Number.isNaN(generated) || Number.isNaN(expires)) return false;
  return now > generated + (expires - generated) / 2;
}

async function get(url, etag, current) {
  const headers = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  let response;
  try {
    // The app does its own revalidation; the HTTP cache must not answer for the server.
    response = await fetch(url, { headers, cache: "no-store", credentials: "omit" });
  } catch (error) {
    return { status: "unavailable", reason: "network" };
  }
  const fromCache = response.headers.get("X-Kiosk-Offline") === "1";
  if (fromCache && current) return { status: "unavailable", reason: "offline" };
  if (response.status === 304) return { status: "unchanged" };
  if (response.status === 400 && current) return { status: "mismatch" };
  if (response.status !== 200) return { status: "unavailable", reason: `HTTP ${response.status}` };

  let body;
  try {
    body = await response.json();
  } catch (error) {
    return { status: "unavailable", reason: "not JSON" };
  }
  if (!isBundle(body)) return { status: "unavailable", reason: "not a kiosk bundle" };
  const bundle = applyDelta(current, body);
  if (!bundle) return { status: "mismatch" };
  return {
    status: "updated",
    bundle,
    etag: fromCache ? null : response.headers.get("ETag"),
    url,
    fromCache,
  };
}
