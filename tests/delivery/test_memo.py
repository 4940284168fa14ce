"""Per-content-version memos: reused while the version holds, recomputed once it moves, and
never used for a request that did not come through the delivery middleware."""

from types import SimpleNamespace

from delivery.memo import remember


def test_a_memo_lives_exactly_as_long_as_the_content_version():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    first = SimpleNamespace(content_version="a")
    assert remember(first, "k", compute) == 1
    assert remember(SimpleNamespace(content_version="a"), "k", compute) == 1
    assert remember(SimpleNamespace(content_version="b"), "k", compute) == 2
    assert remember(SimpleNamespace(), "k", compute) == 3
    assert remember(SimpleNamespace(content_version="b"), "k", compute) == 2


def test_the_api_serves_a_new_site_root_after_a_site_change(client, treatment_index, home_page):
    from wagtail.models import Site

    from tests.factories import HomePageFactory, TreatmentIndexPageFactory, TreatmentPageFactory

    TreatmentPageFactory(parent=treatment_index, slug="first-home-therapy")
    assert client.get("/api/v1/treatments/first-home-therapy/").status_code == 200

    other_home = HomePageFactory(parent=home_page.get_parent(), slug="second-home")
    index = TreatmentIndexPageFactory(parent=other_home)
    TreatmentPageFactory(parent=index, slug="second-home-therapy")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()

    assert client.get("/api/v1/treatments/first-home-therapy/").status_code == 404
    assert client.get("/api/v1/treatments/second-home-therapy/").status_code == 200
