"""Production's static files: hashed names everywhere, including inside JavaScript modules, so
a browser never runs an old kiosk module with a new one after a deploy."""

import re

from django.core.management import call_command

PRODUCTION_STATIC = "cms.static_storage.StaticFilesStorage"


def test_collected_kiosk_modules_import_each_other_by_hashed_name(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC}}

    call_command("collectstatic", "--noinput", verbosity=0)

    [main] = [p for p in (tmp_path / "kiosk" / "js").glob("main.*.js") if p.suffix == ".js"]
    imports = re.findall(r'from "\./([^"]+)"', main.read_text(encoding="utf-8"))
    assert imports
    for name in imports:
        assert re.fullmatch(r"[a-z]+\.[0-9a-f]{12}\.js", name), name
        assert (tmp_path / "kiosk" / "js" / name).exists()
