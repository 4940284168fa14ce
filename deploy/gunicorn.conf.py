"""gunicorn for one app node (deploy/systemd/clinical-cms-web@.service runs one per port).

Settings come from the environment (/etc/clinical-cms/env): GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT. The WSGI entry point defaults to production settings and refuses unsafe
configuration at start (cms/startup.py)."""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Only nginx on this host talks to gunicorn; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The app's own log lines are JSON on stderr (LOG_FORMAT); gunicorn's access log stays off,
# nginx keeps one.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Restart workers now and then, so that a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
