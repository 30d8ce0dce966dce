"""One limit for every login door (moessingen_site.security): the admin login, the login of
restricted pages, page passwords and password reset, counted in the shared "ratelimit"
cache, safe when that cache fails, lifted by staff."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

from moessingen_site.ratelimit import normalized_email
from moessingen_site.roles import REDAKTION

PASSWORD = "richtig-und-lang-2026"
OFFICE = "203.0.113.7"

axes_on = override_settings(AXES_ENABLED=True)
address_limit_8 = override_settings(MOESSINGEN_LOGIN_ADDRESS_LIMIT=(8, 3600))
broken_ratelimit_cache = override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "moessingen_site.tests.broken_cache.BrokenCache"},
    }
)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="redakteurin", password=PASSWORD, email="redaktion@example.org")
    user.groups.add(Group.objects.get(name=REDAKTION))
    return user


def admin_login(client, username, password, address=OFFICE):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def front_login(client, username, password, address=OFFICE, prefix=""):
    return client.post(f"{prefix}/_util/login/", {"username": username, "password": password, "next": "/"}, REMOTE_ADDR=address)


@pytest.fixture
def protected(home_page):
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="sesam-2026"
    )
    return restriction


def page_password(client, restriction, password, address=OFFICE, prefix=""):
    url = f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/"
    return client.post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=address)


def reset(client, email, address=OFFICE):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


# --- the front-end login is no side door -----------------------------------------------


@pytest.mark.django_db
@axes_on
@address_limit_8
def test_the_front_end_login_meets_the_address_limit_of_the_admin_login(client, editor):
    for n in range(8):
        assert admin_login(client, f"niemand-{n}", "falsch").status_code == 200
    response = front_login(client, "redakteurin", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # From elsewhere the account still logs in.
    assert front_login(client, "redakteurin", PASSWORD, address="198.51.100.10").status_code == 302


@pytest.mark.django_db
@axes_on
@address_limit_8
def test_failures_at_the_front_end_login_lock_the_admin_login_too(client, editor):
    for n in range(8):
        assert front_login(client, f"niemand-{n}", "falsch").status_code == 200
    assert admin_login(client, "redakteurin", PASSWORD).status_code == 429
    assert front_login(client, "redakteurin", PASSWORD).status_code == 429


@pytest.mark.django_db
@axes_on
def test_the_front_end_login_locks_one_account_at_one_address(client, editor):
    for attempt in range(5):
        front_login(client, "redakteurin", f"falsch-{attempt}")
    assert front_login(client, "redakteurin", PASSWORD).status_code == 429


# --- page passwords ----------------------------------------------------------------------


@pytest.mark.django_db
@axes_on
@override_settings(MOESSINGEN_PAGE_PASSWORD_LIMITS=((4, 3600), (100, 3600)))
def test_page_passwords_are_limited_per_page_and_address(client, protected):
    for attempt in range(4):
        assert page_password(client, protected, f"falsch-{attempt}").status_code == 200
    response = page_password(client, protected, "sesam-2026")
    assert response.status_code == 429
    assert "falsches Passwort" in response.content.decode()
    # Another address still gets in.
    assert page_password(client, protected, "sesam-2026", address="198.51.100.10").status_code == 302


@pytest.mark.django_db
@axes_on
@override_settings(MOESSINGEN_PAGE_PASSWORD_LIMITS=((100, 3600), (6, 3600)))
def test_page_passwords_guessed_from_many_addresses_meet_the_page_limit(client, protected):
    for n in range(6):
        assert page_password(client, protected, "falsch", address=f"198.51.100.{n + 1}").status_code == 200
    assert page_password(client, protected, "sesam-2026", address="192.0.2.99").status_code == 429


@pytest.mark.django_db
@axes_on
@override_settings(MOESSINGEN_PAGE_PASSWORD_LIMITS=((2, 3600), (100, 3600)))
def test_the_refusal_is_in_the_visitors_language(client, protected):
    for attempt in range(2):
        page_password(client, protected, "falsch", prefix="/en")
    response = page_password(client, protected, "falsch", prefix="/en")
    assert response.status_code == 429
    assert "wrong password" in response.content.decode()


@pytest.mark.django_db
@axes_on
@address_limit_8
def test_wrong_page_passwords_count_toward_the_address_limit(client, protected, editor):
    for n in range(8):
        page_password(client, protected, f"falsch-{n}")
    assert admin_login(client, "redakteurin", PASSWORD).status_code == 429


# --- password reset ----------------------------------------------------------------------


@pytest.mark.django_db
@axes_on
def test_password_reset_mails_one_account_at_most_three_times_an_hour(client, editor):
    variants = ["redaktion@example.org", "Redaktion+a@Example.org", '"redaktion"@example.org', "redaktion+b@example.org"]
    answers = [reset(client, email, address=f"198.51.100.{n + 1}") for n, email in enumerate(variants)]
    # The fourth (a spelling of the same mailbox, from another address) gets the same answer, no mail.
    assert [answer.status_code for answer in answers] == [302] * 4
    assert len({answer["Location"] for answer in answers}) == 1
    assert len(mail.outbox) <= 3
    assert len(mail.outbox) >= 1


@pytest.mark.django_db
@axes_on
@override_settings(MOESSINGEN_PASSWORD_RESET_LIMITS=((3, 3600), (3, 3600)))
def test_password_reset_requests_are_limited_per_address(client, editor):
    for n in range(3):
        assert reset(client, f"person-{n}@example.org").status_code == 302
    response = reset(client, "redaktion@example.org")
    assert response.status_code == 429
    assert not mail.outbox


def test_addresses_are_counted_in_one_spelling():
    assert normalized_email(" Name+Tag@Example.ORG ") == "name@example.org"
    assert normalized_email('"name"@example.org') == "name@example.org"
    assert normalized_email('"Name+x"@example.org') == "name@example.org"
    assert normalized_email("kein-at") == "kein-at"


# --- the cache fails: the doors still answer --------------------------------------------


@pytest.mark.django_db
@axes_on
@broken_ratelimit_cache
def test_a_failing_cache_costs_the_limit_never_the_login(client, editor, protected):
    assert admin_login(client, "niemand", "falsch").status_code == 200
    assert front_login(client, "niemand", "falsch").status_code == 200
    assert page_password(client, protected, "falsch").status_code == 200
    assert page_password(client, protected, "sesam-2026").status_code == 302
    assert reset(client, "redaktion@example.org").status_code == 302
    assert admin_login(client, "redakteurin", PASSWORD).status_code == 302


# --- staff lift an address's lock --------------------------------------------------------


def lock_the_office(client):
    for n in range(8):
        admin_login(client, f"niemand-{n}", "falsch")
    assert admin_login(client, "redakteurin", PASSWORD).status_code == 429


@pytest.mark.django_db
@axes_on
@address_limit_8
@pytest.mark.parametrize("command", [("login_unlock", OFFICE), ("axes_reset_ip", OFFICE), ("axes_reset",)])
def test_staff_lift_the_address_lock(client, editor, command):
    lock_the_office(client)
    call_command(*command)
    assert admin_login(client, "redakteurin", PASSWORD).status_code == 302


@pytest.mark.django_db
@axes_on
@address_limit_8
def test_lifting_one_address_leaves_the_others_locked(client, editor):
    lock_the_office(client)
    for n in range(8):
        admin_login(client, f"niemand-{n}", "falsch", address="192.0.2.50")
    call_command("login_unlock", OFFICE)
    assert admin_login(client, "redakteurin", PASSWORD, address="192.0.2.50").status_code == 429
