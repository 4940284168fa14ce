import pytest

from outbox.models import EventKind, Webhook
from tests.receiver import Receiver


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def webhook(receiver):
    return Webhook.objects.create(
        name="Static site rebuild", url=receiver.url, events=[kind.value for kind in EventKind]
    )
