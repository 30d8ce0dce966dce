"""Registrations made before registrations belonged to dates keep working: after
``0004_registration_per_date_with_double_opt_in`` each is on its event's date, counts as
confirmed (it was confirmed when it was made) and keeps its place in the waitlist."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration

from .conftest import berlin, fresh_site

BEFORE = [("events", "0003_registration_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.migration
@pytest.mark.django_db(transaction=True)
def test_registrations_from_before_are_on_their_event_s_date_and_confirmed():
    calendar = EventIndexPageFactory(parent=fresh_site())
    # Ends after midnight UTC but starts on the 10th in Berlin: the Berlin date counts.
    event = EventPageFactory(
        parent=calendar, start=berlin(2030, 1, 10, 0, 30), end=berlin(2030, 1, 10, 2), registration_enabled=True,
        capacity=1,
    )
    leaf_nodes = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("events", "Registration")
        for n, status in enumerate(["bestaetigt", "warteliste"]):
            old.objects.create(
                event_id=event.pk, name=f"P{n}", email=f"p{n}@example.org", people=1, status=status,
                consent_at=timezone.now(),
            )
    finally:
        migrate(leaf_nodes)
    first, second = Registration.objects.order_by("pk")
    assert first.occurrence == second.occurrence == datetime.date(2030, 1, 10)
    assert (first.status, second.status) == ("bestaetigt", "warteliste")
    assert first.confirmed_at == first.created_at and second.confirmed_at == second.created_at
    assert first.confirm_before is None
