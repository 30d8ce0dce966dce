"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The whole demo site, as `load_demo_content` builds it from the seeds."""
    call_command("load_demo_content", verbosity=0)
    from moessingen_site.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def home_page(db):
    """An empty site: just the home page, as the default site's root."""
    from moessingen_site.factories import HomePageFactory, make_site

    home = HomePageFactory()
    make_site(home)
    return home
