"""Admin registration: the clinical page types' viewsets, and the snippets (clinics,
disclaimers, clinicians and the ways treatments are given) in the admin menu; what they protect
from deletion (a disclaimer patients saw, a clinician's account)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_models.models import (
    Clinic,
    ClinicianProfile,
    ConditionPage,
    Disclaimer,
    RouteOfAdministration,
    TreatmentPage,
)

from .deletion import refusal
from .views import CreateSnippetWithoutAutosave, clinical_page_viewset


@hooks.register("insert_editor_js")
def tab_error_count_js():
    return format_html('<script src="{}"></script>', static("content_models/js/tab-error-count.js"))


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("content_models/css/editor.css"))


@hooks.register("register_admin_viewset")
def register_clinical_page_viewsets():
    return [clinical_page_viewset(model) for model in (TreatmentPage, ConditionPage)]


@hooks.register("before_delete_snippet")
def refuse_deleting_a_disclaimer_patients_saw(request, instances):
    """A disclaimer that has been published is part of the record of what patients saw (the
    page history shows it for each date), and treatments protect the one they choose (deleting
    it would change their signed content). Wagtail's delete view says the second from its
    reference index; this also answers while that index has not caught up, instead of the
    database's error. Unpublishing stops a disclaimer being shown; a draft never published
    and chosen by no page's revision can be deleted (``content_models.deletion`` refuses the
    rest whatever deletes them)."""
    if request.method != "POST":
        return None
    disclaimers = [obj for obj in instances if isinstance(obj, Disclaimer)]
    chosen = [obj for obj in disclaimers if obj.treatments.exists()]
    refused = [reason for obj in disclaimers if obj not in chosen and (reason := refusal(obj))]
    if not chosen and not refused:
        return None
    if chosen:
        messages.error(
            request,
            f"{_names(chosen)} cannot be deleted: treatments show it. Choose another disclaimer "
            "on those treatments (and have them signed off) first.",
        )
    for reason in refused:
        messages.error(request, reason)
    return redirect(request.get_full_path())


def _names(disclaimers) -> str:
    return ", ".join(f"“{obj}”" for obj in disclaimers)


class ClinicalSnippetViewSet(SnippetViewSet):
    add_view_class = CreateSnippetWithoutAutosave


class ClinicViewSet(ClinicalSnippetViewSet):
    model = Clinic
    icon = "home"
    list_display = ["name", "phone", "email"]
    search_fields = ["name"]


class DisclaimerViewSet(ClinicalSnippetViewSet):
    model = Disclaimer
    icon = "warning"
    list_display = ["title"]


class ClinicianProfileViewSet(ClinicalSnippetViewSet):
    model = ClinicianProfile
    icon = "user"
    list_display = ["name", "credentials", "registration", "active"]
    list_filter = ["active"]


class RouteOfAdministrationViewSet(ClinicalSnippetViewSet):
    model = RouteOfAdministration
    icon = "tag"
    menu_label = "How treatments are given"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]


class ClinicalDataGroup(SnippetViewSetGroup):
    menu_label = "Clinical data"
    menu_icon = "folder-open-inverse"
    items = (
        ClinicViewSet,
        DisclaimerViewSet,
        ClinicianProfileViewSet,
        RouteOfAdministrationViewSet,
    )


register_snippet(ClinicalDataGroup)


@hooks.register("before_delete_user")
def keep_clinicians_users(request, user):
    """A clinician's account is deactivated, never deleted: their profile names them in the
    sign-offs they made, so it protects the account (the database would refuse the delete)."""
    if _refused_clinicians(request, [user]):
        return redirect("wagtailusers_users:edit", user.pk)
    return None


@hooks.register("before_bulk_action")
def keep_clinicians_users_in_bulk(request, action_type, objects, action_class_instance):
    """The same for a bulk delete of users (Wagtail runs no ``before_delete_user`` there)."""
    from django.contrib.auth import get_user_model

    users = action_type == "delete" and objects and isinstance(objects[0], get_user_model())
    if users and _refused_clinicians(request, objects):
        return redirect("wagtailusers_users:index")
    return None


def _refused_clinicians(request, users) -> bool:
    """Whether any of ``users`` has a clinician profile; if so, says so to the admin."""
    profiles = ClinicianProfile.objects.filter(user__in=users).select_related("user")
    names = [profile.user.get_username() for profile in profiles]
    if names:
        messages.error(
            request,
            f"{', '.join(names)} {'has' if len(names) == 1 else 'have'} a clinician profile, "
            "which their sign-offs name: untick “Active” to stop them signing in, rather than "
            "deleting the account.",
        )
    return bool(names)
