"""The benchmark's settings: production's, plus what only the benchmark mounts (Wagtail's own
API v2 as the peer, and a constant-bytes view as the stack's ceiling; see ``bench.urls``).

Needs the production environment (``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``);
``bench.run`` sets it.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]
ROOT_URLCONF = "bench.urls"
