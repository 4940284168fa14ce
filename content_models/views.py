"""Admin views for the clinical page types, through Wagtail's per-model page viewsets."""

from django.utils import timezone
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView

SAVING_ACTIONS = {"save", "submit", "publish", "restart_workflow"}


class WithoutAutosave:
    """A create view that saves nothing until the editor asks. Wagtail's autosave creates the
    object as soon as a title is typed: a page or a disclaimer as a draft, whose slug or title
    then refused the next attempt ("already in use"); a clinic, which has no drafts, at once,
    half-typed and choosable. (An idle sign-out does not lose the form: staff-session.js.)"""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None  # no "Saved" marker beside a refusal
        return context


class CreateWithoutAutosave(WithoutAutosave, CreateView):
    """Creating a clinical page; editing an existing one keeps autosave."""


class CreateSnippetWithoutAutosave(WithoutAutosave, SnippetCreateView):
    """Creating a clinic, a disclaimer, a clinician or a route; editing keeps autosave."""


class EditKeepingOthersWork(EditView):
    """Saving a page that someone else saved after it was opened shows the form again, with
    everything typed and a warning; saving again replaces their version. Wagtail refuses such
    a save only for autosave, and otherwise relies on its page's script, which learns of the
    other save up to ten seconds late: a quick Save silently reverted another editor's work."""

    def post(self, request, *args, **kwargs):
        latest = self.latest_revision
        if (
            self.expects_json_response
            or self.action_name not in SAVING_ACTIONS
            or not self.is_out_of_date
            or latest.user_id in (None, request.user.pk)
        ):
            return super().post(request, *args, **kwargs)
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()
        who = latest.user.get_full_name() or latest.user.get_username()
        self.form.add_error(
            None,
            f"{who} saved this page at {timezone.localtime(latest.created_at):%H:%M} after you "
            "opened it, so nothing was saved. Everything you entered is still here: save again "
            "to replace their version with yours, or open the page again to see theirs.",
        )
        return self.form_invalid(self.form)


def clinical_page_viewset(model) -> PageViewSet:
    return PageViewSet(
        name=f"{model._meta.model_name}_pages",
        model=model,
        add_view_class=CreateWithoutAutosave,
        edit_view_class=EditKeepingOthersWork,
    )
