/* Keeping the last good bundle on the device, so the kiosk shows content after a restart while
 * the API is unreachable: in localStorage for the page, and in the service worker's cache (the
 * merged copy, after a delta) for the worker's own offline answers. */

import { imageUrls, isBundle } from "./bundle.js";

const KEY = "kiosk.bundle.v1";
const BUNDLE_CACHE = "kiosk-bundle";
const IMAGE_CACHE = "kiosk-images";

/** {bundle, etag, url} as last stored, or null. */
export function loadStored() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY));
    if (stored && isBundle(stored.bundle) && stored.bundle.full) return stored;
  } catch (error) {
    // Unreadable or missing: start empty.
  }
  return null;
}

/** Store a full bundle with the ETag of the answer it came from (and that answer's URL). */
export async function store(bundle, etag, url, bundleUrl) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ bundle, etag, url }));
  } catch (error) {
    console.warn("kiosk: could not keep the bundle in localStorage", error);
  }
  if (!("caches" in window)) return;
  try {
    const cache = await caches.open(BUNDLE_CACHE);
    await cache.put(
      bundleUrl,
      new Response(JSON.stringify(bundle), { headers: { "Content-Type": "application/json" } }),
    );
    await pruneImages(bundle);
  } catch (error) {
    console.warn("kiosk: could not keep the bundle in the cache", error);
  }
}

/** Drop cached pictures that the bundle no longer uses. */
async function pruneImages(bundle) {
  const wanted = new Set(imageUrls(bundle).map((url) => new URL(url, window.location).href));
  const cache = await caches.open(IMAGE_CACHE);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}
