"""Snippets: shared data chosen from pages (clinics, disclaimers, clinicians, ways of giving a
treatment)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content_models.blocks import CLINICAL_RICH_TEXT_FEATURES
from content_models.forms import ClinicianProfileForm
from signing.history import signed_version_at
from signing.models import SignedContentMixin


class RouteOfAdministration(models.Model):
    """How a treatment is given: a medicine's route, a device, a procedure or a therapy.

    A controlled vocabulary that admins extend as data, not code. Each entry says what kind of
    thing it is, so a page never calls a device a "route of administration". (The model keeps
    its first name, and the API its ``route`` filter, so stored choices and links stay valid.)
    """

    class Kind(models.TextChoices):
        MEDICINE = "medicine", pgettext_lazy("clinical content", "How a medicine is given")
        DEVICE = "device", pgettext_lazy("clinical content", "Device")
        PROCEDURE = "procedure", pgettext_lazy("clinical content", "Procedure")
        THERAPY = "therapy", pgettext_lazy("clinical content", "Therapy")

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.MEDICINE,
        help_text='What it is: "Intravenous infusion" is how a medicine is given; '
        '"Non-invasive device" a device; "Injection into a joint" a procedure; '
        '"Talking therapy" a therapy.',
    )
    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "way of giving a treatment"
        verbose_name_plural = "ways of giving treatments"

    def __str__(self) -> str:
        return self.name


def validate_language_constraints(obj: models.Model) -> None:
    """Check the model's constraints that include ``locale`` as form errors: Django skips a
    constraint whose fields a form leaves out, and ``locale`` is never on the form (the
    database would refuse the row with an error page instead)."""
    if obj.locale_id is None:
        obj.locale = Locale.get_default()
    for constraint in obj._meta.constraints:
        if "locale" in getattr(constraint, "fields", ()):
            constraint.validate(type(obj), obj)


class Clinic(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    """Where patients can book: operational contact data, audited (revisions) but not
    clinically reviewed. Translatable: a clinic's name, address and hours may read differently
    in another language; its phone, email and booking address are the same in all."""

    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    opening_hours = models.TextField(blank=True, help_text="One line per day or range of days.")
    booking_url = models.URLField(blank=True, verbose_name="booking URL")
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="clinic")

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("booking_url"),
            ],
            heading="Contact",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("booking_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"],
                name="one_clinic_name_a_language",
                violation_error_message="Another clinic in this language has this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        validate_language_constraints(self)

    @property
    def revisions(self):
        return self._revisions


class Disclaimer(
    TranslatableMixin,
    SignedContentMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """Patient-facing medical text shown beside content; it goes through clinical review, and
    so does each translation of it (``review.translations``)."""

    title = models.CharField(max_length=200, help_text="For editors; not shown.")
    text = RichTextField(features=CLINICAL_RICH_TEXT_FEATURES)
    is_default = models.BooleanField(
        default=False,
        verbose_name="default",
        help_text="Shown on treatments that choose no disclaimer (one disclaimer at most): keep "
        "its wording true of any treatment.",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="disclaimer")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="disclaimer",
        for_concrete_model=False,
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("is_default")]
    search_fields = [index.SearchField("title"), index.SearchField("text")]
    translatable_fields = [TranslatableField("title"), TranslatableField("text")]

    # Documents of treatments that show the default depend on this key (not on one disclaimer).
    DEFAULT_KEY = "content_models.disclaimer:default"

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "locale"],
                name="one_disclaimer_title_a_language",
                violation_error_message="Another disclaimer in this language has this title.",
            ),
            models.UniqueConstraint(
                fields=["locale"],
                condition=models.Q(is_default=True),
                name="one_default_disclaimer_a_language",
                violation_error_message="Another disclaimer is already the default.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # A translation copies the flag; only the default language's disclaimer is the default.
        if self.is_default and self.locale_id and self.locale_id != Locale.get_default().pk:
            self.is_default = False
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        validate_language_constraints(self)

    @classmethod
    def default(cls, at: datetime.datetime | None = None) -> "Disclaimer | None":
        """The live default disclaimer, in the default language (a draft made default is not
        shown until published). Other languages show its translation: being the default is
        decided once, in the default language. ``at`` asks which one was the default then: the
        one whose signed revision live at that moment said so."""
        in_default_language = cls.objects.filter(locale=Locale.get_default())
        if at is None:
            return in_default_language.filter(is_default=True, live=True).first()
        for disclaimer in in_default_language.order_by("pk"):
            then = signed_version_at(disclaimer, at)
            if then is not None and then.is_default:
                return disclaimer
        return None

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "content_models/disclaimer_preview.html"


class ClinicianProfile(models.Model):
    """A clinician who can sign off content; the sign-off keeps a snapshot of these details."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clinician_profile",
    )
    name = models.CharField(max_length=200)
    credentials = models.CharField(
        max_length=200, help_text='Qualifications as shown to patients, for example "MB ChB, FRCA".'
    )
    registration = models.CharField(
        max_length=100,
        verbose_name="professional registration",
        help_text="Regulator and registration number.",
    )
    active = models.BooleanField(
        default=True, help_text="Only active clinicians may sign off content."
    )
    registration_expires = models.DateField(
        null=True,
        blank=True,
        help_text="When the registration lapses unless renewed; nobody signs off after it.",
    )
    languages = models.JSONField(
        default=list,
        blank=True,
        help_text="The content languages this clinician reviews in (language codes); content "
        "in another language, a translation included, needs another reviewer. None ticked "
        "means the default language only.",
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("registration"),
        FieldPanel("registration_expires"),
        FieldPanel("languages"),
        FieldPanel("active"),
    ]
    base_form_class = ClinicianProfileForm

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}"

    def reviews_in(self, language_code: str) -> bool:
        return language_code in (self.languages or [settings.LANGUAGE_CODE])
