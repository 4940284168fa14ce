/* Keeping the last good bundle of each content language on the device, so the kiosk shows
 * content after a restart, and in every language, while the API is unreachable: in localStorage
 * for the page (one key per language), and in the service worker's cache (the merged copy,
 * after a delta, under the bundle URL of its language) for the worker's own offline answers. */

import { imageUrls, isBundle } from "./bundle.js";

const PREFIX = "kiosk.bundle.v2:";
// Before languages, the one bundle (the default language's) was kept under this key.
const LEGACY_KEY = "kiosk.bundle.v1";
const BUNDLE_CACHE = "kiosk-bundle";
const IMAGE_CACHE = "kiosk-images";

/** The bundle endpoint of one language: what the app asks, and the worker's cache key. */
export function bundleUrlFor(bundleUrl, language) {
  return `${bundleUrl}?locale=${encodeURIComponent(language)}`;
}

function read(key) {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key));
    if (stored && isBundle(stored.bundle) && stored.bundle.full) return stored;
  } catch (error) {
    // Unreadable or missing: start empty.
  }
  return null;
}

/** {bundle, etag, url} as last stored for ``language``, or null. The default language also
 * takes over a bundle kept before there were languages (it was the default language's). */
export function loadStored(language, { isDefault = false } = {}) {
  const stored = read(PREFIX + language);
  if (stored || !isDefault) return stored;
  const legacy = read(LEGACY_KEY);
  // Its ETag was for another URL: only its content (and version, for ?since=) carries over.
  return legacy ? { bundle: legacy.bundle, etag: null, url: null } : null;
}

/** Store ``language``'s full bundle with the ETag of the answer it came from (and that
 * answer's URL). ``held`` is every bundle the app still holds, in any language: cached
 * pictures that none of them uses are dropped. */
export async function store(language, { bundle, etag, url }, bundleUrl, held = [bundle]) {
  try {
    window.localStorage.setItem(PREFIX + language, JSON.stringify({ bundle, etag, url }));
    window.localStorage.removeItem(LEGACY_KEY);
  } catch (error) {
    // Full (several large bundles): the worker's cache below still keeps this one offline.
    console.warn(`kiosk: could not keep the ${language} bundle in localStorage`, error);
  }
  if (!("caches" in window)) return;
  try {
    const cache = await caches.open(BUNDLE_CACHE);
    await cache.put(
      bundleUrlFor(bundleUrl, language),
      new Response(JSON.stringify(bundle), { headers: { "Content-Type": "application/json" } }),
    );
    await pruneImages([bundle, ...held]);
  } catch (error) {
    console.warn(`kiosk: could not keep the ${language} bundle in the cache`, error);
  }
}

/** Forget the bundles of languages the site no longer has. */
export async function forgetOtherLanguages(languages, bundleUrl) {
  const wanted = new Set(languages);
  try {
    const stale = [];
    for (let index = 0; index < window.localStorage.length; index += 1) {
      const key = window.localStorage.key(index);
      if (key && key.startsWith(PREFIX) && !wanted.has(key.slice(PREFIX.length))) stale.push(key);
    }
    stale.forEach((key) => window.localStorage.removeItem(key));
  } catch (error) {
    // No localStorage: nothing kept there.
  }
  if (!("caches" in window)) return;
  try {
    const cache = await caches.open(BUNDLE_CACHE);
    const path = new URL(bundleUrl, window.location).pathname;
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      const language = url.searchParams.get("locale");
      if (url.pathname === path && (language === null || !wanted.has(language))) {
        await cache.delete(request);
      }
    }
  } catch (error) {
    // The cache is only a second copy.
  }
}

/** Drop cached pictures that none of the bundles uses. */
async function pruneImages(bundles) {
  const wanted = new Set(
    bundles.flatMap((bundle) => imageUrls(bundle)).map((url) => new URL(url, window.location).href),
  );
  const cache = await caches.open(IMAGE_CACHE);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}
