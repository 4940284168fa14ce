from django.apps import AppConfig
from django.db.models.signals import pre_save


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Clinical review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Revision

        from signing.signoffs import register_signoff_model

        from . import guards, tree_position
        from .models import ClinicalSignoff

        register_signoff_model(ClinicalSignoff)

        pre_save.connect(guards.refuse_unsigned_live_write, dispatch_uid="review.live_write")
        tree_position.connect()
        pre_save.connect(
            guards.refuse_unsigned_schedule, sender=Revision, dispatch_uid="review.schedule"
        )
