"""Static files storage for production: WhiteNoise's compressed, hashed files, with JavaScript
module imports rewritten to the hashed names too, so a browser never mixes an old module with
a new one after a deploy (the kiosk app is plain ES modules)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
