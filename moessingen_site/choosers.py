"""Snippet choosers that can create, the way the snippet's own editor does.

Wagtail's snippet chooser offers a „create“ tab only when its viewset names
``form_fields``; without them its create URL still answers and crashed on a POST (500).
With ``SnippetChooserWithCreationViewSet`` the tab is there, bad input gets the form
back with its errors, and a created snippet gets its first revision and a log entry
(as if created in the snippet editor). Who may create is the snippet's add permission;
the committee reaches no chooser at all (committee_access.py).
"""

from django.db import transaction
from django.forms import modelform_factory
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log
from wagtail.models import RevisionMixin
from wagtail.snippets.views.chooser import ChooseView, SnippetChooserViewSet, SnippetCreateView


class AdminCreationFormMixin:
    """The creation form as the admin builds its forms (its widgets, e.g. the slug input)."""

    def get_creation_form_class(self):
        if self.creation_form_class is None and self.form_fields is not None:
            return modelform_factory(self.model_class, form=WagtailAdminModelForm, fields=self.form_fields)
        return super().get_creation_form_class()


class CreatingChooseView(AdminCreationFormMixin, ChooseView):
    pass


class RevisionedSnippetCreateView(AdminCreationFormMixin, SnippetCreateView):
    def save_form(self, form):
        user = self.request.user
        with transaction.atomic():
            instance = form.save()
            revision = instance.save_revision(user=user) if isinstance(instance, RevisionMixin) else None
            log(instance=instance, action="wagtail.create", user=user, revision=revision, content_changed=True)
        return instance


class SnippetChooserWithCreationViewSet(SnippetChooserViewSet):
    """Set ``form_fields`` in a subclass: the fields of the chooser's creation form."""

    choose_view_class = CreatingChooseView
    create_view_class = RevisionedSnippetCreateView
