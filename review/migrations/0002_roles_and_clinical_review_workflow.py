"""Roles and the clinical-review workflow, on every fresh install.

Wagtail's own migrations create the groups "Editors" and "Moderators" and a "Moderators approval"
workflow on the root page. They are reconfigured here rather than duplicated:

- Editors create, edit and submit; they cannot publish.
- Moderators become "Medical reviewers": they approve or reject through the clinical review
  task; they lose the publish permission (nobody publishes clinical content except by sign-off).
- Publishers (new): site structure — move, unpublish, redirects.
- Admins (new): users, groups, settings, clinics and clinicians.
- "Moderators approval" becomes "Clinical review", with one ClinicalReviewTask for the medical
  reviewers, on the whole page tree and on the Disclaimer snippet.
"""

from django.db import migrations

REVIEWERS = "Medical reviewers"
WORKFLOW = "Clinical review"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.split('_')[0]} {model}"},
    )
    return permission


def _page_permissions(apps, group, root, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group=group, page=root).exclude(
        permission__codename__in=codenames
    ).delete()
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=_permission(apps, "wagtailcore", "page", codename),
        )


def _model_permissions(apps, group, specs):
    for app_label, model, actions in specs:
        for action in actions:
            group.permissions.add(_permission(apps, app_label, model, f"{action}_{model}"))


def configure(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")
    ClinicalReviewTask = apps.get_model("review", "ClinicalReviewTask")

    root = Page.objects.filter(depth=1).order_by("path").first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")

    editors, _ = Group.objects.get_or_create(name="Editors")
    reviewers = Group.objects.filter(name="Moderators").first()
    if reviewers is not None:
        reviewers.name = REVIEWERS
        reviewers.save()
    else:
        reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    admins, _ = Group.objects.get_or_create(name="Admins")
    for group in (editors, reviewers, publishers, admins):
        group.permissions.add(access_admin)

    if root is not None:
        _page_permissions(apps, editors, root, ["add_page", "change_page", "lock_page"])
        _page_permissions(apps, reviewers, root, ["change_page"])
        _page_permissions(
            apps, publishers, root, ["change_page", "publish_page", "lock_page", "unlock_page"]
        )
        _page_permissions(apps, admins, root, ["change_page", "lock_page", "unlock_page"])

    _model_permissions(
        apps,
        editors,
        [
            ("content_models", "disclaimer", ["add", "change", "view"]),
            ("content_models", "clinic", ["view"]),
            ("content_models", "routeofadministration", ["view"]),
        ],
    )
    _model_permissions(
        apps,
        reviewers,
        [
            ("content_models", "disclaimer", ["view"]),
            ("content_models", "clinic", ["view"]),
            ("content_models", "routeofadministration", ["view"]),
        ],
    )
    _model_permissions(
        apps, publishers, [("wagtailredirects", "redirect", ["add", "change", "delete", "view"])]
    )
    _model_permissions(
        apps,
        admins,
        [
            ("auth", "user", ["add", "change", "delete", "view"]),
            ("auth", "group", ["add", "change", "delete", "view"]),
            ("wagtailcore", "site", ["add", "change", "view"]),
            ("content_models", "clinic", ["add", "change", "delete", "view"]),
            ("content_models", "clinicianprofile", ["add", "change", "view"]),
            ("content_models", "routeofadministration", ["add", "change", "delete", "view"]),
            ("content_models", "disclaimer", ["view"]),
        ],
    )

    workflow = (
        Workflow.objects.filter(name__in=[WORKFLOW, "Moderators approval"]).order_by("pk").first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    workflow.name = WORKFLOW
    workflow.active = True
    workflow.save()

    task_type, _ = ContentType.objects.get_or_create(
        app_label="review", model="clinicalreviewtask"
    )
    task = ClinicalReviewTask.objects.filter(name="Clinical sign-off").first()
    if task is None:
        task = ClinicalReviewTask.objects.create(
            name="Clinical sign-off", content_type=task_type, active=True
        )
    task.groups.set([reviewers])

    # Stock group-approval tasks would let any superuser approve: retire them.
    stock = WorkflowTask.objects.filter(workflow=workflow).exclude(task_id=task.pk)
    Task.objects.filter(pk__in=stock.values("task_id")).update(active=False)
    stock.delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    disclaimer_type, _ = ContentType.objects.get_or_create(
        app_label="content_models", model="disclaimer"
    )
    WorkflowContentType.objects.update_or_create(
        content_type=disclaimer_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("content_models", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(configure, migrations.RunPython.noop)]
