import socket

import pytest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.test import Client
from django.urls import clear_url_caches
from wagtail.models import Page, Site

from tests.factories import (
    ConditionIndexPageFactory,
    HomePageFactory,
    TreatmentIndexPageFactory,
    UserFactory,
)


@receiver(setting_changed)
def renew_url_resolver(setting, **kwargs):
    """Django's URL resolver keeps what it reversed per language, with the language prefix as
    it was when reversed (none for the default language); Django renews it only when
    ``ROOT_URLCONF`` changes. A test that changes the default language would otherwise leave
    later tests that language's URLs without their prefix."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()


@pytest.fixture
def unused_tcp_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once, as a deploy collects them, for production processes."""
    from tests.production import collect_static

    return collect_static(tmp_path_factory.mktemp("static"))


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's "Welcome" page."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture
def treatment_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


@pytest.fixture
def condition_index(home_page):
    return ConditionIndexPageFactory(parent=home_page)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client
