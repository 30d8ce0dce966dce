"""Following and unfollowing: the double opt-in, the signed links and the deletion of
what was never confirmed.

The answer to the form is the same whether or not the address follows the page already
(no enumeration): both get the confirmation e-mail; only the mailbox's owner learns more.
Nothing is sent to an address before it confirmed; its confirmation link expires after
CONFIRMATION_DAYS, and ``delete_expired()`` (run by the sending job) then deletes the entry.

Links carry signed tokens (Django's signing with SECRET_KEY); the database stores no token.
The manage and unsubscribe links name the follower and a keyed digest of its address
(an HMAC with its own salt: the token's payload is readable, and a plain hash of an address
can be looked up), so a link from an old e-mail never reaches an address that signed up
again later. They expire after FOLLOWER_LINK_DAYS (every mail carries fresh ones); an
expired link gets a page where the follower asks for a new one by e-mail (``send_new_link``).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from moessingen_site import outbox
from moessingen_site.base_url import absolute_url

from .models import Follow, Follower, Frequency

CONFIRMATION_DAYS = 7
CONFIRM_SALT = "follow.confirm"
FOLLOWER_SALT = "follow.follower"
DIGEST_SALT = "follow.follower.address"
# Half a year: longer than any gap between two mails of a followed page is likely to be.
FOLLOWER_LINK_DAYS = 180


def mail_language(code):
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _digest(email):
    return salted_hmac(DIGEST_SALT, email).hexdigest()[:16]


def confirmation_token(follow, language, frequency):
    return signing.dumps({"f": follow.pk, "l": language, "q": frequency}, salt=CONFIRM_SALT)


def follower_token(follower):
    return signing.dumps({"s": follower.pk, "h": _digest(follower.email)}, salt=FOLLOWER_SALT)


def link_has_expired(token):
    """Whether `token` is a genuine manage/unsubscribe link that is older than FOLLOWER_LINK_DAYS."""
    try:
        signing.loads(token, salt=FOLLOWER_SALT, max_age=datetime.timedelta(days=FOLLOWER_LINK_DAYS))
    except signing.SignatureExpired:
        return True
    except (signing.BadSignature, ValueError):
        return False
    return False


def follower_for_token(token):
    """The follower a manage/unsubscribe link names, or None (also for an expired link)."""
    try:
        data = signing.loads(token, salt=FOLLOWER_SALT, max_age=datetime.timedelta(days=FOLLOWER_LINK_DAYS))
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    follower = Follower.objects.filter(pk=data.get("s")).first()
    if follower is None or _digest(follower.email) != data.get("h"):
        return None
    return follower


def link(name, token, language):
    """The absolute address of one of the app's pages in `language`."""
    with override(language):
        return absolute_url(reverse(name, kwargs={"token": token}))


def subscribe(page, email, frequency, language, confirmation_message):
    """Records that `email` wants to follow the German `page` and queues the confirmation
    e-mail (in the visitor's `language`), written by ``confirmation_message`` (mails.py,
    which needs this module's links: passed in rather than imported back). A follower that is confirmed already keeps its
    language and frequency until it confirms the new ones."""
    language = mail_language(language)
    frequency = frequency if frequency in Frequency.values else Frequency.IMMEDIATELY
    for attempt in range(2):
        try:
            with transaction.atomic():
                follower, _created = Follower.objects.get_or_create(
                    email=email, defaults={"language": language, "frequency": frequency}
                )
                follow, _created = Follow.objects.get_or_create(follower=follower, page=page)
                outbox.enqueue(confirmation_message(follow, page, language, frequency), language=language)
                return follow
        except IntegrityError:
            if attempt:  # the same address sent twice at the same moment: one was kept
                raise
    return None


def confirm(token):
    """Confirms the follow the link names; returns it, or None for a wrong or expired link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRMATION_DAYS))
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    now = timezone.now()
    with transaction.atomic():
        follow = Follow.objects.select_related("follower").filter(pk=data.get("f")).first()
        if follow is None:
            return None
        if follow.confirmed_at is None:
            follow.confirmed_at = now
            follow.save(update_fields=["confirmed_at"])
        follower = follow.follower
        follower.confirmed_at = follower.confirmed_at or now
        follower.language = mail_language(data.get("l"))
        if data.get("q") in Frequency.values:
            follower.frequency = data["q"]
        # The owner just read our mail: the address works again.
        follower.paused_at = None
        follower.refusals = 0
        follower.save(update_fields=["confirmed_at", "language", "frequency", "paused_at", "refusals"])
    return follow


def unsubscribe(follower):
    """Deletes the follower with everything it follows, and its e-mails not sent yet: no
    data is kept and nothing more arrives."""
    with transaction.atomic():
        unsent = follower.deliveries.filter(outbox_message__sent_at__isnull=True).values("outbox_message_id")
        outbox.OutboxMessage.objects.filter(pk__in=unsent).delete()
        follower.delete()


def unfollow(follower, page_ids):
    """Stops following the pages; a follower left with nothing is deleted."""
    with transaction.atomic():
        follower.follows.filter(page_id__in=page_ids).delete()
        if not follower.follows.exists():
            unsubscribe(follower)
            return None
    return follower


def delete_expired(now=None):
    """Deletes requests not confirmed within CONFIRMATION_DAYS; returns how many."""
    limit = (now or timezone.now()) - datetime.timedelta(days=CONFIRMATION_DAYS)
    deleted, _counts = Follow.objects.filter(confirmed_at__isnull=True, requested_at__lt=limit).delete()
    orphans, _counts = Follower.objects.filter(follows__isnull=True, created_at__lt=limit).delete()
    return deleted + orphans


def send_new_link(email, new_link_message):
    """Queues an e-mail with fresh manage and unsubscribe links to `email`, if it follows
    anything confirmed; otherwise nothing (the page answers the same either way)."""
    follower = Follower.objects.filter(email=email, confirmed_at__isnull=False).first()
    if follower is not None:
        outbox.enqueue(new_link_message(follower), language=follower.language)
