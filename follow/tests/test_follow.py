"""Following a measure: the form, the double opt-in, the messages over real SMTP, exactly once,
the weekly summary, refusals, the staff's counts and the privacy text."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from concept.factories import StatusReportFactory
from concept.models import StatusReport
from follow import sending, subscriptions
from follow.factories import ChangeFactory, FollowerFactory, FollowFactory
from follow.models import Change, Delivery, Follow, Follower, FollowSettings
from moessingen_site import outbox
from moessingen_site.models import SiteSettings
from moessingen_site.outbox import OutboxMessage, send_all_due
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

from .conftest import body_of

pytestmark = pytest.mark.django_db


def follow_data(page, email="ada@example.org", frequency="sofort", **extra):
    return {"seite": page.pk, "email": email, "frequency": frequency, "website": "", **extra}


def links_in(text):
    return re.findall(r"https?://[^/\s]+(/\S+/)", text)


def path_of(text, part):
    return next(link for link in links_in(text) if f"/{part}/" in link)


def publish_report(measure, status="umgesetzt", note="Zwei Wohnungen vermittelt."):
    return StatusReportFactory(measure=measure, status=status, date=timezone.localdate(), note=note, published=True)


def confirmed(tree, email, page="raumteiler", language="de", frequency="sofort"):
    return FollowFactory(
        page=tree[page], follower=FollowerFactory(email=email, language=language, frequency=frequency)
    ).follower


# --- the form -------------------------------------------------------------------------

def test_form_is_on_measure_field_and_progress_pages_which_stay_cached(client, tree):
    # Created on the first request otherwise, which counts as a change (see moessingen_site's test_cache).
    SiteSettings.for_site(Site.objects.get())
    for key in ("raumteiler", "wohnen", "progress"):
        url = tree[key].url
        first = client.get(url)
        html = first.content.decode()
        assert 'class="follow-form"' in html and f'name="seite" value="{tree[key].pk}"' in html, key
        assert "csrfmiddlewaretoken" not in html
        assert client.get(url)["X-Page-Cache"] == "hit", key


def test_form_works_without_a_csrf_cookie(tree):
    response = Client(enforce_csrf_checks=True).post("/benachrichtigen/", follow_data(tree["raumteiler"]))
    assert response.status_code == 302
    assert Follow.objects.get().page_id == tree["raumteiler"].pk


def test_nothing_is_sent_before_confirmation(client, tree, smtp):
    client.post("/benachrichtigen/", follow_data(tree["raumteiler"]))
    send_all_due()
    (confirmation,) = smtp.to("ada@example.org")
    assert "bestätigen" in confirmation["Subject"]
    publish_report(tree["raumteiler"])
    sending.run()
    send_all_due()
    assert len(smtp.to("ada@example.org")) == 1  # still only the confirmation


def test_same_answer_whether_or_not_the_address_follows_already(client, tree):
    confirmed(tree, "ada@example.org")
    known = client.post("/benachrichtigen/", follow_data(tree["raumteiler"]))
    unknown = client.post("/benachrichtigen/", follow_data(tree["raumteiler"], email="bob@example.org"))
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, "/benachrichtigen/gesendet/")
    # Both addresses got a confirmation e-mail; the follower kept its confirmation.
    assert OutboxMessage.objects.filter(to=["ada@example.org"]).count() == 1
    assert OutboxMessage.objects.filter(to=["bob@example.org"]).count() == 1
    assert Follower.objects.get(email="ada@example.org").confirmed_at is not None


@pytest.mark.parametrize(
    "data, status",
    [
        ({"email": "kein-at"}, 400),
        ({"website": "http://spam.example"}, 400),  # the honeypot
        ({"seite": 999999}, 400),
        ({"seite": "abc"}, 400),
        ({"frequency": "stuendlich"}, 400),
    ],
)
def test_bad_input_is_a_form_error(client, tree, data, status):
    response = client.post("/benachrichtigen/", {**follow_data(tree["raumteiler"]), **data})
    assert response.status_code == status
    assert not Follow.objects.exists() and not OutboxMessage.objects.exists()


def test_only_measures_fields_and_the_progress_page_can_be_followed(client, tree, home_page):
    response = client.post("/benachrichtigen/", follow_data(home_page))
    assert response.status_code == 400 and not Follow.objects.exists()


def test_rate_limit_per_address(client, tree, settings):
    settings.FOLLOW_RATE_LIMITS = {"address": (2, 600), "email": (5, 3600)}
    for n in range(2):
        assert client.post("/benachrichtigen/", follow_data(tree["raumteiler"], email=f"x{n}@example.org")).status_code == 302
    assert client.post("/benachrichtigen/", follow_data(tree["raumteiler"], email="y@example.org")).status_code == 429


# --- confirmation and expiry ----------------------------------------------------------

def confirmation_path(client, page, **data):
    client.post("/benachrichtigen/", follow_data(page, **data))
    message = OutboxMessage.objects.filter(subject__contains="bestätigen").latest("pk")
    return path_of(message.body, "bestaetigen")


def test_confirmation_link_confirms_with_a_button(client, tree):
    path = confirmation_path(client, tree["raumteiler"], frequency="woechentlich")
    assert client.get(path).status_code == 200
    assert Follow.objects.get().confirmed_at is None  # opening the link confirms nothing
    response = client.post(path)
    assert response.status_code == 200
    follower = Follower.objects.get()
    assert follower.confirmed_at and follower.frequency == "woechentlich" and Follow.objects.get().confirmed_at


class Later:
    """time.time() for Django's signing, `days` ahead."""

    def __init__(self, days):
        import time

        self.now = time.time() + days * 86400

    def time(self):
        return self.now


def test_confirmation_link_expires_and_the_request_is_deleted(client, tree, monkeypatch):
    path = confirmation_path(client, tree["raumteiler"])
    monkeypatch.setattr(signing, "time", Later(8))
    assert client.post(path).status_code == 404
    assert Follow.objects.get().confirmed_at is None
    assert subscriptions.delete_expired(timezone.now() + datetime.timedelta(days=6)) == 0
    assert subscriptions.delete_expired(timezone.now() + datetime.timedelta(days=8)) == 2
    assert not Follower.objects.exists() and not Follow.objects.exists()


def test_expiry_keeps_confirmed_follows(tree):
    follower = confirmed(tree, "ada@example.org")
    Follow.objects.create(follower=follower, page=tree["wohnen"])  # a newer request, never confirmed
    assert subscriptions.delete_expired(timezone.now() + datetime.timedelta(days=8)) == 1
    assert list(follower.follows.values_list("page_id", flat=True)) == [tree["raumteiler"].pk]


def test_a_wrong_token_is_a_404(client):
    assert client.post("/benachrichtigen/bestaetigen/falsch/").status_code == 404
    assert client.get("/benachrichtigen/verwalten/falsch/").status_code == 404


# --- messages -------------------------------------------------------------------------

def test_published_report_reaches_followers_over_smtp_in_their_language(client, tree, smtp):
    confirmed(tree, "olena@example.org", language="uk")
    confirmed(tree, "feld@example.org", page="wohnen")
    confirmed(tree, "alles@example.org", page="progress")
    confirmed(tree, "anderes@example.org", page="other")
    publish_report(tree["raumteiler"])
    sending.run()
    send_all_due()
    (message,) = smtp.to("olena@example.org")
    assert message["Content-Language"] == "uk"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.match(r"<https?://[^/]+(/uk/benachrichtigen/abmelden/\S+/)>", str(message["List-Unsubscribe"]).strip()).group(1)
    text = body_of(message)
    assert "Raumteiler" in text and "Zwei Wohnungen vermittelt." in text and "/uk/" in path_of(text, "raumteiler")
    assert timezone.localdate().strftime("%Y") in text
    assert len(smtp.to("feld@example.org")) == len(smtp.to("alles@example.org")) == 1
    assert smtp.to("anderes@example.org") == []
    # The manage page lists what is followed; the one click (RFC 8058) deletes the follower.
    assert "Raumteiler" in client.get(path_of(text, "verwalten")).content.decode()
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Follower.objects.filter(email="olena@example.org").exists()


def test_drafts_and_older_reports_send_nothing(tree):
    confirmed(tree, "ada@example.org")
    StatusReportFactory(measure=tree["raumteiler"], status="umgesetzt")  # a draft
    publish_report(tree["raumteiler"])
    StatusReportFactory(  # dated before the current one: the status stays as it is
        measure=tree["raumteiler"], status="geplant", date=timezone.localdate() - datetime.timedelta(days=30),
        published=True,
    )
    assert Change.objects.count() == 1


def test_rejected_report_in_the_workflow_sends_nothing(tree, django_user_model):
    confirmed(tree, "ada@example.org")
    report = StatusReportFactory(measure=tree["raumteiler"])
    user = django_user_model.objects.create_superuser("chefin", password="x")
    report.save_revision(user=user)
    workflow = report.get_workflow()
    state = workflow.start(report, user)
    state.current_task_state.task.on_action(state.current_task_state, user, "reject")
    report.refresh_from_db()
    assert not report.live and not Change.objects.exists()


def test_each_follower_gets_each_change_exactly_once_after_a_crash(tree, smtp, monkeypatch):
    followers = [confirmed(tree, f"leser{n}@example.org") for n in range(7)]
    publish_report(tree["raumteiler"])
    real_enqueue = outbox.enqueue
    calls = []

    def crashing_enqueue(message, **kwargs):
        calls.append(1)
        if len(calls) == 5:  # killed in the middle of the second batch
            raise KeyboardInterrupt
        return real_enqueue(message, **kwargs)

    monkeypatch.setattr(outbox, "enqueue", crashing_enqueue)
    with pytest.raises(KeyboardInterrupt):
        sending.run(batch_size=3)
    assert Delivery.objects.count() == OutboxMessage.objects.count() == 3  # the first batch only
    monkeypatch.setattr(outbox, "enqueue", real_enqueue)
    sending.run(batch_size=3)
    sending.run(batch_size=3)  # and once more: nothing new
    send_all_due()
    assert sorted(len(smtp.to(f.email)) for f in followers) == [1] * 7


def test_following_a_measure_and_its_field_gives_one_message(tree):
    follower = confirmed(tree, "ada@example.org")
    FollowFactory(follower=follower, page=tree["wohnen"])
    publish_report(tree["raumteiler"])
    sending.run()
    assert OutboxMessage.objects.filter(to=["ada@example.org"]).count() == 1


def test_weekly_summary_collects_a_weeks_changes_in_one_message(tree, smtp):
    follower = confirmed(tree, "woche@example.org", page="progress", frequency="woechentlich")
    follower.follows.update(confirmed_at=timezone.now() - datetime.timedelta(days=30))
    monday = sending.week_start(timezone.now())
    for measure, days in (("raumteiler", 3), ("other", 2)):
        report = publish_report(tree[measure], note=f"Meldung {measure}")
        Change.objects.filter(report=report).update(published_at=monday - datetime.timedelta(days=days))
    sending.run()
    sending.run()
    send_all_due()
    (message,) = smtp.to("woche@example.org")
    text = body_of(message)
    assert "Meldung raumteiler" in text and "Meldung other" in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_weekly_summary_without_changes_or_for_this_weeks_changes(tree):
    confirmed(tree, "woche@example.org", page="progress", frequency="woechentlich")
    sending.run()
    publish_report(tree["raumteiler"])  # this week: waits for next week's summary
    sending.run()
    assert not OutboxMessage.objects.exists()
    assert Change.objects.get().summarised_at is None


def test_repeated_refusals_pause_the_address_without_stopping_the_batch(tree, smtp):
    good = confirmed(tree, "gut@example.org")
    bad = confirmed(tree, "weg@example.org")
    smtp.refuse.add("weg@example.org")
    for _n in range(sending.REFUSALS_BEFORE_PAUSE):
        report = publish_report(tree["raumteiler"], note=f"Meldung {_n}")
        StatusReport.objects.filter(pk=report.pk).update(date=timezone.localdate())
        sending.run()
        send_all_due()
        sending.review_refusals(timezone.now())
    bad.refresh_from_db()
    assert bad.paused_at is not None
    assert len(smtp.to("gut@example.org")) == sending.REFUSALS_BEFORE_PAUSE
    assert good.__class__.objects.get(pk=good.pk).paused_at is None
    publish_report(tree["raumteiler"], note="danach")
    sending.run()
    assert not Delivery.objects.filter(follower=bad, change__report__note="danach").exists()


def test_staff_can_pause_sending(tree):
    confirmed(tree, "ada@example.org")
    settings_row = FollowSettings.load()
    settings_row.sending_paused = True
    settings_row.save()
    publish_report(tree["raumteiler"])
    sending.run()
    assert not OutboxMessage.objects.exists()
    settings_row.sending_paused = False
    settings_row.save()
    sending.run()
    assert OutboxMessage.objects.count() == 1


def test_unsubscribing_drops_the_mail_not_sent_yet(client, tree):
    follower = confirmed(tree, "ada@example.org")
    confirmed(tree, "bob@example.org")
    publish_report(tree["raumteiler"])
    sending.run()
    assert OutboxMessage.objects.count() == 2
    client.post(f"/benachrichtigen/abmelden/{subscriptions.follower_token(follower)}/")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [["bob@example.org"]]
    assert not Follower.objects.filter(email="ada@example.org").exists()


def test_manage_page_changes_frequency_and_unfollows(client, tree):
    follower = confirmed(tree, "ada@example.org")
    FollowFactory(follower=follower, page=tree["wohnen"])
    path = f"/benachrichtigen/verwalten/{subscriptions.follower_token(follower)}/"
    assert client.post(path, {"frequency": "woechentlich", "unfollow": [str(tree["wohnen"].pk)]}).status_code == 200
    follower.refresh_from_db()
    assert follower.frequency == "woechentlich"
    assert list(follower.follows.values_list("page_id", flat=True)) == [tree["raumteiler"].pk]
    client.post(path, {"unfollow": [str(tree["raumteiler"].pk)]})
    assert not Follower.objects.exists()


# --- staff ----------------------------------------------------------------------------

@pytest.fixture
def users(django_user_model):
    def make(name, group):
        user = django_user_model.objects.create_user(name, password="pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return {"redaktion": make("red", REDAKTION), "gremium": make("grem", BEGLEITGREMIUM)}


def test_staff_see_counts_not_addresses_the_committee_nothing(client, tree, users):
    confirmed(tree, "ada@example.org")
    confirmed(tree, "bob@example.org", frequency="woechentlich")
    client.force_login(users["gremium"])
    denied = client.get("/admin/benachrichtigungen/")  # Wagtail answers PermissionDenied with its home
    assert denied.status_code == 302 and denied["Location"] == "/admin/"
    client.force_login(users["redaktion"])
    html = client.get("/admin/benachrichtigungen/").content.decode()
    assert "Raumteiler" in html and "ada@example.org" not in html and "bob@example.org" not in html


@pytest.mark.parametrize("size", [2, 20])
def test_staff_counts_cost_the_same_queries_at_any_size(client, tree, users, size, django_assert_max_num_queries):
    for n in range(size):
        confirmed(tree, f"n{n}@example.org", page=["raumteiler", "wohnen", "other"][n % 3])
    client.force_login(users["redaktion"])
    with django_assert_max_num_queries(20):
        assert client.get("/admin/benachrichtigungen/").status_code == 200


def test_privacy_page_explains_following(client, demo_site):
    html = client.get("/datenschutz/").content.decode()
    assert "Benachrichtigungen zu Maßnahmen" in html and "keine Zählpixel" in html
    call_command("load_demo_content", verbosity=0)
    assert client.get("/datenschutz/").content.decode().count("Benachrichtigungen zu Maßnahmen") == 1


def test_the_schedulers_tick_writes_and_sends_the_notifications(tree, smtp):
    from moessingen_site import jobs

    confirmed(tree, "ada@example.org")
    publish_report(tree["raumteiler"])
    assert "follow_notifications" in jobs.tick()
    (message,) = smtp.to("ada@example.org")  # the outbox, later in the same tick, sent it
    assert "Raumteiler" in message["Subject"]


# --- manage and unsubscribe links: salted, expiring --------------------------------------


def test_links_carry_no_plain_hash_of_the_address(tree):
    import hashlib

    follower = confirmed(tree, "ada@example.org")
    token = subscriptions.follower_token(follower)
    payload = signing.loads(token, salt=subscriptions.FOLLOWER_SALT)
    # The payload is readable by anyone holding the link: an unsalted hash could be looked up.
    assert hashlib.sha256(b"ada@example.org").hexdigest()[:16] not in str(payload)
    assert subscriptions.follower_for_token(token) == follower


@pytest.mark.parametrize("kind", ["verwalten", "abmelden"])
def test_an_old_link_gets_a_page_to_ask_for_a_new_one(client, tree, monkeypatch, kind):
    follower = confirmed(tree, "ada@example.org")
    token = subscriptions.follower_token(follower)
    monkeypatch.setattr(signing, "time", Later(181))
    response = client.get(f"/benachrichtigen/{kind}/{token}/")
    assert response.status_code == 410
    assert "Dieser Link ist abgelaufen" in response.content.decode()
    assert 'action="/benachrichtigen/neuer-link/"' in response.content.decode()
    if kind == "abmelden":  # nor does a one-click POST with the old link delete anything
        client.post(f"/benachrichtigen/{kind}/{token}/")
        assert Follower.objects.filter(pk=follower.pk).exists()


def test_a_new_link_goes_only_to_a_follower_and_the_answer_is_the_same(client, tree):
    confirmed(tree, "ada@example.org")
    known = client.post("/benachrichtigen/neuer-link/", {"email": "Ada@example.org"})
    unknown = client.post("/benachrichtigen/neuer-link/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    (message,) = OutboxMessage.objects.all()
    assert message.to == ["ada@example.org"]
    manage = path_of(message.body, "verwalten")
    assert client.get(manage).status_code == 200


def test_the_email_limit_tells_no_stranger_whether_an_address_follows(client, tree, settings):
    settings.FOLLOW_RATE_LIMITS = {"address": (100, 600), "email": (2, 3600)}
    client.post("/benachrichtigen/", follow_data(tree["raumteiler"], email="owner@example.org"))
    stranger = [
        client.post("/benachrichtigen/", follow_data(tree["raumteiler"], email=spelling))
        for spelling in ["owner+x@example.org", '"owner"@example.org']
    ]
    assert [response.status_code for response in stranger] == [302, 302]
    # The second is over the limit (same mailbox): answered alike, no further mail.
    assert OutboxMessage.objects.count() == 2
