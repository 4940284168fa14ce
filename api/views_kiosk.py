"""``GET /api/v1/kiosk/bundle/``: everything a waiting-room kiosk needs to run offline."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema

from . import kiosk
from .params import Param, openapi_parameters
from .problems import not_found
from .serializers.kiosk import VERSION_PATTERN, KioskBundleSerializer
from .views import ContentAPIView, _problems

SINCE = Param(
    "since",
    "The version of the bundle the kiosk holds (64 lowercase hexadecimal characters): answer "
    "with only what changed and what was removed since then, or with the full bundle when "
    "that version is unknown or older than the maximum offline age.",
    pattern=VERSION_PATTERN,
    max_length=64,
)


class KioskBundleView(ContentAPIView):
    """Every public treatment and condition of this site in the kiosk's shape, with QR codes of
    their canonical URLs, kiosk-sized images, review dates, a content version and an expiry;
    ``?since=<version>`` for a delta. The same content always gives the same body apart from
    ``generated_at`` and the expiry times derived from it."""

    params = (SINCE,)

    @extend_schema(
        operation_id="kiosk_bundle",
        parameters=openapi_parameters(params),
        responses={200: KioskBundleSerializer, **_problems(400, 404, 429)},
        tags=["kiosk"],
    )
    def get(self, request):
        since, now = self.query[SINCE.name], timezone.now()
        bundle = kiosk.build(self.site, self.today)
        if bundle.site is None:
            raise not_found()
        previous = kiosk.previous_digests(bundle, since, now)
        # The same content gives the same body, but for when it was generated: a weak ETag.
        return self.documents(
            kiosk.body(bundle, since, previous, self.today, now),
            bundle.documents,
            bundle.version,
            weak=True,
        )
