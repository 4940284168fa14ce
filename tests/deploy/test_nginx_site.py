"""deploy/nginx/clinical-cms.conf, the site file docs/deploy.md installs, passes `nginx -t` as
it is: only the host's paths (the checkout under /opt, Let's Encrypt's certificate, the cache and
the served folders) are moved into a temporary folder, with a throwaway self-signed certificate."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.deploy.test_production_smoke import NGINX, PURGE_MODULE

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _self_signed(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]  # noqa: S607
        + ["-subj", "/CN=cms.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_the_nginx_site_file_passes_nginx_t(tmp_path):
    if not (Path(NGINX).exists() and Path(PURGE_MODULE).exists()):
        pytest.fail(
            "No nginx with the cache-purge module. Install them: apt-get install -y nginx-light "
            "libnginx-mod-http-cache-purge (`make test` does so as root)."
        )
    cert, key = _self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "clinical-cms.conf").read_text()
    moved = {
        "/opt/clinical-cms/deploy/nginx/": f"{DEPLOY}/nginx/",
        "/etc/letsencrypt/live/cms.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/cms.example.org/privkey.pem": str(key),
        "/var/cache/nginx/clinical-cms": str(tmp_path / "cache"),
        "/var/www/letsencrypt": str(tmp_path / "letsencrypt"),
        "/srv/clinical-cms": str(tmp_path / "srv"),
    }
    for host_path, here in moved.items():
        assert host_path in site, f"{host_path} is no longer in the site file: update this test"
        site = site.replace(host_path, here)
    (tmp_path / "clinical-cms").write_text(site)
    # What Debian's /etc/nginx/nginx.conf around sites-enabled/ provides, in the temp folder.
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"""
load_module {PURGE_MODULE};
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/client_body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/clinical-cms;
}}
""")

    result = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr
    assert "[emerg]" not in result.stderr
