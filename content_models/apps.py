from django.apps import AppConfig


class ContentModelsConfig(AppConfig):
    name = "content_models"
    verbose_name = "Clinical content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import models
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
            pre_delete,
        )
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import AdminDateTimeInput
        from wagtail.models import Page

        from signing import models as signed

        from .deletion import keep_disclaimers_patients_saw
        from .forms import StorableDateTimeField
        from .models import (
            ConditionCode,
            ConditionSynonym,
            Disclaimer,
            TreatmentCondition,
            TreatmentPage,
        )

        # Every admin form's dates and times (a page's go-live and expiry among them), with
        # Wagtail's own widget.
        register_form_field_override(
            models.DateTimeField,
            override={"form_class": StorableDateTimeField, "widget": AdminDateTimeInput},
        )
        pre_delete.connect(
            keep_disclaimers_patients_saw,
            sender=Disclaimer,
            dispatch_uid="content_models.keep_disclaimers_patients_saw",
        )

        post_save.connect(
            signed.refresh_after_base_page_save, sender=Page, dispatch_uid="digest.base_page"
        )
        for child, parent_field in (
            (TreatmentCondition, "treatment"),
            (ConditionSynonym, "page"),
            (ConditionCode, "page"),
        ):
            child.parent_field_name = parent_field
            for signal in (post_save, post_delete):
                signal.connect(
                    signed.refresh_after_child_change,
                    sender=child,
                    dispatch_uid=f"digest.{child.__name__}.{signal is post_save}",
                )
        from .db_triggers import install_triggers

        post_migrate.connect(
            lambda sender, using="default", **kwargs: install_triggers(using),
            sender=self,
            weak=False,
            dispatch_uid="digest.triggers",
        )
        m2m_changed.connect(
            signed.refresh_after_m2m_change,
            sender=TreatmentPage.routes.through,
            dispatch_uid="digest.routes",
        )
