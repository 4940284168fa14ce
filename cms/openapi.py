"""drf-spectacular hooks: the published schema describes our content API only, not Wagtail's
own admin API (which also runs on DRF)."""


def only_content_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
