"""The entry point for app servers: production settings unless told otherwise, refused at
start on unsafe configuration (cms.startup)."""

import os

from django.core.asgi import get_asgi_application

from cms.startup import refuse_unsafe_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_asgi_application()
refuse_unsafe_configuration()
