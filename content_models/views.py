"""Admin views for the clinical page types, through Wagtail's per-model page viewsets."""

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet


class CreateWithoutAutosave(CreateView):
    """Creating a clinical page saves nothing until the editor asks: Wagtail's autosave would
    create the page as a draft as soon as a title is typed, so abandoning the form left a stray
    draft whose slug then refused the next attempt ("The slug … is already in use"). Editing an
    existing page keeps autosave."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None  # no "Saved" marker beside a refusal
        return context


def clinical_page_viewset(model) -> PageViewSet:
    return PageViewSet(
        name=f"{model._meta.model_name}_pages",
        model=model,
        add_view_class=CreateWithoutAutosave,
    )
