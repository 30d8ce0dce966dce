"""The committee page says how to reach the committee (issue 14): through the office that
runs it, with the address, e-mail and phone the staff keep in the site settings."""

import pytest
from django.test import Client

from committee.factories import CommitteePageFactory, MembershipFactory
from moessingen_site.site_settings import SiteSettings


def section(html, element_id):
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_the_committee_page_names_a_way_to_reach_the_committee(home_page):
    committee = CommitteePageFactory(parent=home_page, slug="begleitgremium")
    MembershipFactory(page=committee)
    client = Client()
    html = client.get(committee.url).content.decode()
    contact = section(html, "kontakt")
    assert "Stadt Mössingen, Stabsstelle Integration" in contact
    assert 'href="mailto:integration@moessingen.de"' in contact  # the seeds' address, the settings' default
    assert 'href="#kontakt"' in html  # in the page's table of contents

    settings = SiteSettings.objects.get()
    settings.phone, settings.address = "07473 370-0", "Beispielstraße 1\n72116 Mössingen"
    settings.save()
    contact = section(client.get(committee.url).content.decode(), "kontakt")
    assert 'href="tel:07473370-0"' in contact and "Beispielstraße 1<br>72116 Mössingen" in contact
