import factory
from factory.django import DjangoModelFactory

from content_models import models

from .users import UserFactory


class RouteOfAdministrationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Route {n}")
    slug = factory.Sequence(lambda n: f"route-{n}")

    class Meta:
        model = models.RouteOfAdministration
        django_get_or_create = ("slug",)


class ClinicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Clinic {n}")
    phone = "Placeholder"
    email = "clinic@example.com"
    booking_url = "https://example.com/book"

    class Meta:
        model = models.Clinic


class DisclaimerFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Disclaimer {n}")
    text = "<p>General information, not medical advice.</p>"

    class Meta:
        model = models.Disclaimer

    @classmethod
    def _create(cls, model_class, *args, live=True, **kwargs):
        from .signing import sign_and_publish

        instance = super()._create(model_class, *args, live=False, **kwargs)
        return sign_and_publish(instance) if live else instance


class ClinicianProfileFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Test Clinician {n}")
    credentials = "Test credentials"
    registration = factory.Sequence(lambda n: f"TEST-{n}")

    class Meta:
        model = models.ClinicianProfile
