"""A withdrawal whose purge never reaches nginx (the worker down, the purge given up): nginx's
copy expires, and the refresh's 404 replaces it, so the withdrawn page stops being served
within its max-age and a moment; it is not served "stale while updating" for ever."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.db import connection

from bench.servers import free_port
from content_models.models import TreatmentPage
from tests.deploy.test_production_smoke import NGINX, PURGE_MODULE, Nginx, app_node, wait_until
from tests.factories import TreatmentPageFactory
from tests.production import production_env

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

READER = {"Host": "localhost", "Origin": "https://kiosk.example"}


def test_a_withdrawal_without_its_purge_leaves_nginx_after_the_max_age(
    tmp_path, static_root, treatment_index
):
    if not (Path(NGINX).exists() and Path(PURGE_MODULE).exists()):
        pytest.fail(
            "No nginx with the cache-purge module. Install them: apt-get install -y nginx-light "
            "libnginx-mod-http-cache-purge (`make test` does so as root)."
        )
    page = TreatmentPageFactory(parent=treatment_index, slug="lost-purge")
    paths = ("/api/v1/treatments/lost-purge/", "/treatments/lost-purge/")
    # No worker and no purge address: nothing will ever tell nginx.
    env = production_env(static_root, API_CACHE_MAX_AGE="1", API_CACHE_STALE_WHILE_REVALIDATE="300")
    node = app_node("a", env, tmp_path)
    nginx = None
    try:
        nginx = Nginx(tmp_path, (free_port(), free_port()), [node], static_root)
        for path in paths:
            nginx.get(path, READER)
            assert nginx.get(path, READER)[1]["x-cache-status"] == "HIT", path

        TreatmentPage.objects.get(pk=page.pk).unpublish()
        time.sleep(1.5)  # past the max-age: nginx now refreshes in the background

        for path in paths:
            wait_until(lambda path=path: nginx.get(path, READER)[0] == 404, f"{path} is 404")
            time.sleep(2)  # and stays so: the stale copy does not come back
            assert nginx.get(path, READER)[0] == 404, path
    finally:
        if nginx is not None:
            nginx.stop()
        node.process.stop()
