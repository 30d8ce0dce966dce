"""Admin login: lockout after repeated failures (django-axes) and the second factor
(wagtail-2fa on django-otp), both through the Wagtail login form as a person uses it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.test.client import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from moessingen_site.management.commands.load_demo_content import DEMO_USERS
from moessingen_site.roles import REDAKTION
from moessingen_site.security import client_ip

LOGIN = "/admin/login/"
PASSWORD = "richtig-und-lang-2026"

axes_on = override_settings(AXES_ENABLED=True)
two_factor_on = override_settings(WAGTAIL_2FA_REQUIRED=True, MOESSINGEN_2FA_REQUIRED=True)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="redakteurin", password=PASSWORD, email="redaktion@example.org")
    user.groups.add(Group.objects.get(name=REDAKTION))
    return user


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


@pytest.mark.django_db
@axes_on
def test_account_is_locked_after_five_failures_from_one_address(client, editor):
    for attempt in range(4):
        response = log_in(client, "redakteurin", f"falsch-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with an error
    response = log_in(client, "redakteurin", "falsch-5")
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    # Even the right password is refused now from that address.
    response = log_in(client, "redakteurin", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@axes_on
def test_an_attacker_elsewhere_cannot_lock_a_user_out(client, editor):
    for attempt in range(10):
        log_in(client, "redakteurin", f"falsch-{attempt}", REMOTE_ADDR="203.0.113.66")
    assert log_in(client, "redakteurin", PASSWORD, REMOTE_ADDR="198.51.100.10").status_code == 302


@pytest.mark.django_db
@axes_on
def test_made_up_usernames_from_one_address_do_not_lock_out_staff_there(client, editor):
    # The town hall shares one address: five typos (or a prober) must not lock out everybody.
    for n in range(5):
        assert log_in(client, f"niemand-{n}", "falsch").status_code == 200, n
    assert log_in(client, "redakteurin", PASSWORD).status_code == 302


@pytest.mark.django_db
@axes_on
@override_settings(MOESSINGEN_LOGIN_ADDRESS_LIMIT=(8, 3600))
def test_password_spraying_from_one_address_meets_the_address_limit(client, editor):
    for n in range(8):
        assert log_in(client, f"niemand-{n}", "falsch").status_code == 200, n
    response = log_in(client, "redakteurin", PASSWORD)
    assert response.status_code == 429
    assert "Von Ihrem Netzwerk aus" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Other addresses are not affected.
    assert log_in(client, "redakteurin", PASSWORD, REMOTE_ADDR="198.51.100.10").status_code == 302


@pytest.mark.django_db
@axes_on
def test_a_successful_login_resets_the_count(client, editor):
    for attempt in range(4):
        log_in(client, "redakteurin", f"falsch-{attempt}")
    assert log_in(client, "redakteurin", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        assert log_in(client, "redakteurin", f"falsch-{attempt}").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_ip_behind_one_proxy_is_read_from_the_right():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_without_proxy_ignores_forwarded_header():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


@pytest.mark.django_db
@axes_on
def test_demo_users_log_in_with_the_documented_passwords(client, demo_site):
    for username, password, _group, _superuser in DEMO_USERS:
        response = log_in(client, username, password)
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.logout()


@pytest.mark.django_db
@two_factor_on
def test_staff_without_a_device_must_set_one_up(client, editor):
    assert log_in(client, "redakteurin", PASSWORD).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/devices/new")
    # The password alone does not open the device set-up: a link goes to the mailbox.
    setup = client.get(response["Location"])
    assert setup.status_code == 403
    assert "otp_token" not in setup.content.decode()
    assert "E-Mail mit einem Link" in setup.content.decode()


@pytest.mark.django_db
@two_factor_on
def test_staff_with_a_device_enter_the_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)
    log_in(client, "redakteurin", PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/auth")
    assert client.post("/admin/2fa/auth", {"otp_token": "000000"}).status_code == 200  # wrong code: form again
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above throttles; a person would wait
    device.throttling_failure_timestamp = None
    device.save()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post("/admin/2fa/auth", {"otp_token": code, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_without_the_setting_a_password_is_enough(client, editor):
    log_in(client, "redakteurin", PASSWORD)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@two_factor_on
def test_visitors_are_not_affected_but_half_logged_in_staff_are(client, home_page, editor):
    assert client.get("/").status_code == 200
    log_in(client, "redakteurin", PASSWORD)
    # Until the second factor, not even public pages: pages restricted to a group would
    # otherwise open with the password alone.
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/devices/new")


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
@two_factor_on
def test_the_code_of_any_of_several_devices_is_accepted(client, editor):
    TOTPDevice.objects.create(user=editor, name="Altes Telefon", confirmed=True)
    new_phone = TOTPDevice.objects.create(user=editor, name="Neues Telefon", confirmed=True)
    log_in(client, "redakteurin", PASSWORD)
    response = client.post("/admin/2fa/auth", {"otp_token": current_code(new_phone), "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@two_factor_on
def test_a_code_is_not_accepted_twice(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)
    log_in(client, "redakteurin", PASSWORD)
    code = current_code(device)
    assert client.post("/admin/2fa/auth", {"otp_token": code}).status_code == 302
    client.logout()
    log_in(client, "redakteurin", PASSWORD)
    assert client.post("/admin/2fa/auth", {"otp_token": code}).status_code == 200  # replay refused


def link_from(message):
    return next(word for word in message.body.split() if "/admin/2fa/devices/new" in word)


def path_of(link):
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.mark.django_db
@two_factor_on
def test_a_password_alone_cannot_enrol_a_second_factor(client, editor):
    log_in(client, "redakteurin", PASSWORD)
    from django.urls import reverse

    urls = [reverse("wagtail_2fa_device_list", kwargs={"user_id": editor.pk}), reverse("wagtail_2fa_device_qrcode")]
    for url in ["/admin/2fa/devices/new", *urls]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert response["Content-Type"].startswith("text/html"), url  # not the QR code with the secret
        assert "otp_token" not in response.content.decode(), url
    # Nor by posting a code for a device made up on the way.
    device = TOTPDevice.objects.create(user=editor, name="Fremdes Telefon", confirmed=False)
    client.post("/admin/2fa/devices/new", {"name": "x", "otp_token": current_code(device), "password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302
    # One e-mail to the account's address, not one per page.
    assert [message.to for message in mail.outbox] == [["redaktion@example.org"]]


@pytest.mark.django_db
@two_factor_on
def test_the_link_from_the_mailbox_opens_the_set_up_once(client, editor, django_user_model):
    log_in(client, "redakteurin", PASSWORD)
    client.get("/admin/2fa/devices/new")
    link = link_from(mail.outbox[0])
    # Someone else's session cannot use the link.
    other = django_user_model.objects.create_user(username="andere", password=PASSWORD)
    other.groups.add(Group.objects.get(name=REDAKTION))
    from django.test import Client

    stranger = Client()
    log_in(stranger, "andere", PASSWORD)
    assert stranger.get(path_of(link)).status_code == 400

    response = client.get(path_of(link))
    assert response.status_code == 302 and response["Location"] == "/admin/2fa/devices/new"
    setup = client.get("/admin/2fa/devices/new")
    assert setup.status_code == 200 and "otp_token" in setup.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(
        "/admin/2fa/devices/new", {"name": "Telefon", "otp_token": current_code(device), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    # Spent: after the device is confirmed the link opens nothing.
    client.logout()
    log_in(client, "redakteurin", PASSWORD)
    assert client.get(path_of(link)).status_code == 302  # to the code form, as for any account with a device
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@two_factor_on
def test_staff_can_issue_the_link_by_hand(client, editor, capsys):
    editor.email = ""
    editor.save()
    log_in(client, "redakteurin", PASSWORD)
    response = client.get("/admin/2fa/devices/new")
    assert response.status_code == 403 and "keinen Link per E-Mail" in response.content.decode()
    assert not mail.outbox
    call_command("second_factor_link", "redakteurin")
    link = capsys.readouterr().out.strip()
    assert client.get(path_of(link)).status_code == 302
    assert client.get("/admin/2fa/devices/new").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["redakteurin", "gremium"])
def test_removing_an_unknown_device_is_a_404(client, editor, django_user_model, username):
    from moessingen_site.roles import BEGLEITGREMIUM

    if username == "gremium":
        member = django_user_model.objects.create_user(username="gremium", password=PASSWORD)
        member.groups.add(Group.objects.get(name=BEGLEITGREMIUM))
    log_in(client, username, PASSWORD)
    assert client.get("/admin/2fa/devices/999999/remove").status_code == 404
    assert client.post("/admin/2fa/devices/999999/remove").status_code == 404
