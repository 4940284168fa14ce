{% autoescape off %}/* The kiosk's service worker (served from /kiosk/sw.js, scope /kiosk/).
 *
 * - The app shell (the page, its scripts and styles) is cached on install and served from the
 *   cache; a new deploy changes VERSION, so a new worker installs a fresh copy.
 * - The bundle goes to the network first. The last good full bundle of each content language
 *   is kept, under the bundle URL with that ?locale= and nothing else (the page also stores its
 *   merged copy there after applying a delta); when the API is unreachable or answers with a
 *   server error, that language's copy is served, marked with an X-Kiosk-Offline header so the
 *   page knows it is not news.
 * - Images are cached as they are seen, so pictures stay while offline.
 */
const VERSION = {{ version }};
const SHELL_URLS = {{ shell_urls }};
const BUNDLE_URL = {{ bundle_url }};
const SCOPE = {{ scope }};
const SHELL_CACHE = `kiosk-shell-${VERSION}`;
const BUNDLE_CACHE = "kiosk-bundle";
const IMAGE_CACHE = "kiosk-images";
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL_URLS.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("kiosk-shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname === new URL(BUNDLE_URL, self.location).pathname) {
    event.respondWith(bundle(request, url));
  } else if (request.mode === "navigate" && url.pathname === SCOPE) {
    event.respondWith(page(request));
  } else if (SHELL_URLS.includes(url.href) || (url.origin === self.location.origin && SHELL_URLS.includes(url.pathname))) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (request.destination === "image") {
    event.respondWith(cacheFirst(request, IMAGE_CACHE));
  }
});

/* Where a language's bundle is kept: the page stores its merged copies under the same URL. */
function keptUrl(url) {
  const locale = url.searchParams.get("locale");
  return locale === null ? BUNDLE_URL : `${BUNDLE_URL}?locale=${encodeURIComponent(locale)}`;
}

async function bundle(request, url) {
  const key = keptUrl(url);
  try {
    const response = await fetch(request);
    if (response.status >= 500) return (await lastGoodBundle(key)) || response;
    if (response.status === 200 && !url.searchParams.has("since")) {
      await keepIfFull(response.clone(), key);
    }
    return response;
  } catch (error) {
    const kept = await lastGoodBundle(key);
    if (kept) return kept;
    throw error;
  }
}

async function keepIfFull(response, key) {
  try {
    const body = await response.json();
    if (body && body.full === true && typeof body.version === "string") {
      const cache = await caches.open(BUNDLE_CACHE);
      await cache.put(
        key,
        new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } }),
      );
    }
  } catch (error) {
    // Not JSON: nothing to keep.
  }
}

async function lastGoodBundle(key) {
  const cache = await caches.open(BUNDLE_CACHE);
  const kept = await cache.match(key);
  if (!kept) return null;
  const headers = new Headers(kept.headers);
  headers.set("X-Kiosk-Offline", "1");
  return new Response(await kept.text(), { status: 200, headers });
}

async function page(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    if (response.ok) {
      await cache.put(SCOPE, response.clone());
      return response;
    }
  } catch (error) {
    // Offline or too slow: the cached page below.
  }
  return (await cache.match(SCOPE)) || fetch(request);
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok || response.type === "opaque") await cache.put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
{% endautoescape %}
