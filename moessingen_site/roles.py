"""The two editorial roles of the site, as groups with their permissions.

Used by a data migration so that every installation has the same roles; run again
after new models appear (a later migration calls `sync_roles`) to grant them too.
"""

REDAKTION = "Redaktion"
BEGLEITGREMIUM = "Begleitgremium"

# (app_label, model) pairs whose add/change/delete the staff may use.
REDAKTION_MODELS = [
    ("committee", "person"),
    ("concept", "statusreport"),
    # Staff can switch the approval of status reports off (or change it) in the workflow settings.
    ("wagtailcore", "workflow"),
    ("wagtailcore", "task"),
    ("moessingen_site", "sitesettings"),
    ("wagtailredirects", "redirect"),
]
# The committee may create status reports (and edit its own drafts, see
# concept.permissions) — nothing else besides admin access.
BEGLEITGREMIUM_PERMISSIONS = [("concept", "add_statusreport")]
# Wagtail creates these for snippets with drafts/locking only after migrations; the
# roles need them already.
SNIPPET_EXTRA_PERMISSIONS = {("concept", "statusreport"): ["publish", "lock", "unlock"]}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def is_committee_only(user):
    """A committee member with no other role: the admin shows it only its own task.

    Staff who also sit on the committee, and superusers, keep their wider access.
    """
    if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    names = {group.name for group in user.groups.all()}
    return BEGLEITGREMIUM in names and REDAKTION not in names


def ensure_permissions(apps):
    """Permissions are normally created after migrations; roles need them now."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for (app_label, model), actions in SNIPPET_EXTRA_PERMISSIONS.items():
        try:
            apps.get_model(app_label, model)
        except LookupError:
            continue  # an early migration: the model does not exist yet
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )


def sync_roles(apps, schema_editor=None):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    redaktion, _ = Group.objects.get_or_create(name=REDAKTION)
    gremium, _ = Group.objects.get_or_create(name=BEGLEITGREMIUM)
    redaktion.permissions.add(access_admin)
    gremium.permissions.add(access_admin)

    for app_label, model in REDAKTION_MODELS:
        redaktion.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    for app_label, codename in BEGLEITGREMIUM_PERMISSIONS:
        gremium.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=redaktion, page=root_page, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=redaktion, collection=root_collection, permission=permission
                )
