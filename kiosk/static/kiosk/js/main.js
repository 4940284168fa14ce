/* Starts the kiosk: reads this device's configuration from the URL, starts the app and
 * registers the service worker that keeps it working offline (a secure context is needed:
 * HTTPS, or localhost in development). */

import { KioskApp } from "./app.js";
import { readConfig } from "./config.js";

const root = document.getElementById("kiosk");
const { config, problems } = readConfig(window.location.search);
for (const problem of problems) console.warn(`kiosk configuration: ${problem}`);

const app = new KioskApp(root, config);
app.start();

if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker
    .register(root.dataset.serviceWorkerUrl, { scope: root.dataset.scope })
    .catch((error) => console.warn("kiosk: no offline support", error));
}
