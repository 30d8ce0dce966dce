"""Small pieces of the admin's listings, in German like everything an editor reads."""

from django.db import models
from django.utils.translation import gettext
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as „ja“ / „nein“ (a plain field name in ``list_display`` shows
    Python's „True“ / „False“). Sortable by the field."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


def yes_no(value):
    """For a viewset's ``custom_field_preprocess``: a yes/no field in an export as „ja“ / „nein“."""
    if value is None:
        return ""
    return gettext("ja") if value else gettext("nein")


class YesNoDisplay(BaseFieldDisplay):
    """A yes/no field in the inspect views, as „ja“ / „nein“."""

    def render_html(self, parent_context=None):
        return yes_no(self.value)


# Imported by moessingen_site/wagtail_hooks.py, so registered before any admin view runs.
register_display_class(models.BooleanField, display_class=YesNoDisplay)
