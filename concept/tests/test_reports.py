"""A measure's current status is its newest published report; the history stays."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concept.factories import StatusReportFactory
from concept.models import MeasurePage, MeasureStatus, StatusReport

pytestmark = pytest.mark.django_db


def current(measure):
    measure = MeasurePage.objects.get(pk=measure.pk)
    return measure.status, measure.status_date


def test_publishing_a_report_sets_the_measures_status(concept_tree):
    measure = concept_tree["raumteiler"]
    StatusReportFactory(measure=measure, status=MeasureStatus.IN_PROGRESS, date=datetime.date(2021, 3, 1),
                        published=True)
    assert current(measure) == (MeasureStatus.IN_PROGRESS, datetime.date(2021, 3, 1))


def test_a_draft_report_changes_nothing(concept_tree):
    measure = concept_tree["raumteiler"]
    StatusReportFactory(measure=measure, status=MeasureStatus.DONE)
    assert current(measure) == (MeasureStatus.PLANNED, None)


def test_the_newest_report_by_date_wins_even_if_published_later(concept_tree):
    measure = concept_tree["raumteiler"]
    StatusReportFactory(measure=measure, status=MeasureStatus.DONE, date=datetime.date(2023, 1, 1), published=True)
    StatusReportFactory(measure=measure, status=MeasureStatus.IN_PROGRESS, date=datetime.date(2021, 1, 1),
                        published=True)
    assert current(measure) == (MeasureStatus.DONE, datetime.date(2023, 1, 1))
    assert StatusReport.objects.live().filter(measure=measure).count() == 2


def test_unpublishing_and_deleting_fall_back_to_the_previous_report(concept_tree, django_capture_on_commit_callbacks):
    measure = concept_tree["raumteiler"]
    older = StatusReportFactory(measure=measure, status=MeasureStatus.PLANNED, date=datetime.date(2020, 1, 28),
                                published=True)
    newer = StatusReportFactory(measure=measure, status=MeasureStatus.DONE, date=datetime.date(2023, 1, 1),
                                published=True)
    newer.unpublish()
    assert current(measure) == (MeasureStatus.PLANNED, datetime.date(2020, 1, 28))
    with django_capture_on_commit_callbacks(execute=True):
        older.delete()
    assert current(measure) == (MeasureStatus.PLANNED, None)


def test_publishing_an_old_page_revision_keeps_the_reported_status(concept_tree):
    measure = concept_tree["raumteiler"]
    old_revision = measure.save_revision()
    StatusReportFactory(measure=measure, status=MeasureStatus.ONGOING, date=datetime.date(2022, 5, 5), published=True)
    MeasurePage.objects.get(pk=measure.pk).revisions.get(pk=old_revision.pk).publish()
    assert current(measure) == (MeasureStatus.ONGOING, datetime.date(2022, 5, 5))


def test_status_is_not_in_the_page_editor():
    panel_fields = MeasurePage.get_edit_handler().get_form_options()["fields"]
    assert "status" not in panel_fields
    assert "status_date" not in panel_fields


def test_a_report_needs_a_reason_and_no_future_date(concept_tree):
    report = StatusReport(measure=concept_tree["raumteiler"], status=MeasureStatus.DONE, note="   ",
                          date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert {"note", "date"} <= set(error.value.message_dict)


def test_reporter_name_prefers_the_linked_person(concept_tree, committee_user):
    from committee.factories import PersonFactory

    report = StatusReportFactory(measure=concept_tree["raumteiler"], reported_by=committee_user)
    assert report.reporter_name == "Gerd Gremium"
    PersonFactory(name="Gerda Gremiumsmitglied", user=committee_user)
    report = StatusReport.objects.select_related("reported_by__person").get(pk=report.pk)
    assert report.reporter_name == "Gerda Gremiumsmitglied"
