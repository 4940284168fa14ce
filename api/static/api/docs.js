// Starts Swagger UI on the API docs page (api/views.py, DocsView): a static file, so that the
// page needs no inline script under its Content-Security-Policy. The schema's URL and Swagger
// UI's settings (SPECTACULAR_SETTINGS) come from the page's data attributes.
"use strict";

(() => {
  const root = document.getElementById("swagger-ui");
  const settings = JSON.parse(root.dataset.settings || "{}");
  SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    ...settings,
  });
})();
