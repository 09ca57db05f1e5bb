// Service worker of the verifier page: the page and its script come from the cache (refreshed in the
// background), the trust and status lists from the network with the cache as fallback, so that after one
// visit the page verifies without a network.

/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope;

const CACHE = 'nbr-verifier-v2';
// The decoding worker and ZXing's .wasm are part of the shell: scanning must work offline too.
const SHELL = ['./', './app.js', './scan-worker.js', './zxing_reader.wasm', './manifest.webmanifest'];
const TRUST = ['/trust-list', '/status-list'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(SHELL);
      await Promise.all(TRUST.map((p) => cache.add(p).catch(() => undefined)));
      await self.skipWaiting();
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then(async (keys) => {
      await Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)));
      await self.clients.claim();
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (TRUST.includes(url.pathname)) {
    event.respondWith(
      fetch(event.request)
        .then(async (res) => {
          if (res.ok) await (await caches.open(CACHE)).put(event.request, res.clone());
          return res;
        })
        .catch(async () => (await caches.match(event.request)) ?? Response.error()),
    );
    return;
  }
  const scope = new URL(self.registration.scope);
  if (url.pathname.startsWith(scope.pathname)) {
    event.respondWith(
      caches.match(event.request, { ignoreSearch: true }).then((cached) => {
        const network = fetch(event.request)
          .then(async (res) => {
            if (res.ok) await (await caches.open(CACHE)).put(event.request, res.clone());
            return res;
          })
          .catch(() => cached ?? Response.error());
        return cached ?? network;
      }),
    );
  }
});
