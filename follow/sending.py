"""The sending job (``manage.py send_follow_notifications``, run every tick by the
scheduler before the outbox): writes the e-mails about changes into the outbox.

- Immediately: every change is fanned out to its followers in batches. Each batch is one
  transaction holding the Delivery rows and their e-mails; a run killed half-way loses its
  open batch entirely, the next run writes exactly the missing ones (Delivery is unique
  per follower and change). Followers are read batch by batch (keyset), never all at once.
- Weekly: changes published before this week's Monday (Berlin) go out in one summary per
  follower, on the first run of the week that finds them; a week without changes sends nothing.
- Refusals: an address the mail server refuses REFUSALS_BEFORE_PAUSE times in a row is
  paused (staff see it in the admin); its queued e-mails are given up.
- Staff can pause all sending (Einstellungen → Benachrichtigungen): changes wait.

The outbox then sends at least once, retrying a mail server that is down.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from concept.progress import ProgressPage
from moessingen_site import outbox
from moessingen_site.languages import in_default_language
from moessingen_site.outbox import OutboxMessage

from .mails import ChangeWords, change_message
from .models import Change, Delivery, Follow, Follower, FollowSettings, Frequency
from .subscriptions import delete_expired

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
REFUSALS_BEFORE_PAUSE = 3
REFUSED = "SMTPRecipientsRefused"


def progress_page_ids():
    return list(in_default_language(ProgressPage.objects.all()).values_list("pk", flat=True))


def pages_of(change, progress_ids):
    """The pages whose followers hear of `change`: the measure, its field, the overview."""
    return [pk for pk in (change.measure_id, change.field_of_action_id, *progress_ids) if pk]


def followers_of(change, progress_ids, frequency):
    """Active followers of `change` (those who followed before it was published)."""
    follows = Follow.objects.filter(
        follower=OuterRef("pk"), page_id__in=pages_of(change, progress_ids), confirmed_at__lte=change.published_at
    )
    return Follower.objects.active().filter(Exists(follows), frequency=frequency)


def write_batch(follower_ids, changes, words):
    """One transaction: for each follower, one e-mail about `changes` and its Delivery rows."""
    with transaction.atomic():
        for follower in Follower.objects.filter(pk__in=follower_ids).order_by("pk"):
            message = outbox.enqueue(change_message(follower, changes, words), language=follower.language)
            Delivery.objects.bulk_create(
                [Delivery(follower=follower, change=change, outbox_message=message) for change in changes]
            )


def fan_out(change, progress_ids, words, batch_size=BATCH_SIZE):
    """Queues the e-mail about `change` for every immediate follower that has none; returns the count."""
    queued = 0
    last = 0
    collisions = 0
    pending = followers_of(change, progress_ids, Frequency.IMMEDIATELY).exclude(deliveries__change=change)
    while True:
        ids = list(pending.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return queued
        try:
            write_batch(ids, [change], words)
        except IntegrityError:
            # Another runner wrote some of these at the same moment: read the batch again
            # (what it wrote is left out now).
            collisions += 1
            if collisions > 3:
                raise
            continue
        last = ids[-1]
        queued += len(ids)


def send_immediate(now, batch_size=BATCH_SIZE):
    words = ChangeWords()
    progress_ids = progress_page_ids()
    queued = 0
    changes = Change.objects.filter(fanned_out_at__isnull=True).select_related("report", "measure").order_by("pk")
    for change in changes:
        queued += fan_out(change, progress_ids, words, batch_size)
        Change.objects.filter(pk=change.pk).update(fanned_out_at=now)
    return queued


def week_start(now):
    """Monday 00:00 (Berlin) of the week `now` is in."""
    local = timezone.localtime(now)
    monday = local.date() - datetime.timedelta(days=local.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))


def send_summaries(now, batch_size=BATCH_SIZE):
    """One e-mail per weekly follower with the changes of past weeks it has not had; returns the count."""
    changes = list(
        Change.objects.filter(published_at__lt=week_start(now), report__live=True)
        .filter(Q(summarised_at__isnull=True))
        .select_related("report", "measure")
        .order_by("published_at", "pk")
    )
    if not changes:
        return 0
    words = ChangeWords()
    progress_ids = progress_page_ids()
    candidates = Follower.objects.none()
    for change in changes:
        candidates = candidates | followers_of(change, progress_ids, Frequency.WEEKLY)
    sent = 0
    last = 0
    while True:
        batch = list(candidates.filter(pk__gt=last).order_by("pk").distinct()[:batch_size])
        if not batch:
            break
        last = batch[-1].pk
        for follower in batch:
            own = [change for change in changes if follows_change(follower, change, progress_ids)]
            if not own:
                continue
            try:
                write_batch([follower.pk], own, words)
            except IntegrityError:
                continue  # had some of them already (another runner, or an earlier summary)
            sent += 1
    Change.objects.filter(pk__in=[change.pk for change in changes]).update(summarised_at=now)
    return sent


def follows_change(follower, change, progress_ids):
    """Whether `follower` should hear of `change` and has not yet."""
    return (
        Follow.objects.filter(
            follower=follower, page_id__in=pages_of(change, progress_ids), confirmed_at__lte=change.published_at
        ).exists()
        and not Delivery.objects.filter(follower=follower, change=change).exists()
    )


def review_refusals(now):
    """Counts the mail server's refusals per follower; pauses those refused too often."""
    open_deliveries = Delivery.objects.filter(settled=False)
    delivered = open_deliveries.filter(outbox_message__sent_at__isnull=False)
    Follower.objects.filter(refusals__gt=0, deliveries__in=delivered).update(refusals=0)
    delivered.update(settled=True)
    open_deliveries.filter(Q(outbox_message__isnull=True) | Q(outbox_message__given_up=True)).update(settled=True)
    refused = (
        Delivery.objects.filter(settled=False, outbox_message__attempts__gt=F("attempts_seen"))
        .filter(outbox_message__last_error__startswith=REFUSED)
        .select_related("outbox_message", "follower")
    )
    paused = 0
    for delivery in refused.iterator():
        new = delivery.outbox_message.attempts - delivery.attempts_seen
        Delivery.objects.filter(pk=delivery.pk).update(attempts_seen=delivery.outbox_message.attempts)
        follower = delivery.follower
        Follower.objects.filter(pk=follower.pk).update(refusals=F("refusals") + new)
        follower.refresh_from_db(fields=["refusals", "paused_at"])
        if follower.paused_at is None and follower.refusals >= REFUSALS_BEFORE_PAUSE:
            pause(follower, now)
            paused += 1
    return paused


def pause(follower, now):
    with transaction.atomic():
        Follower.objects.filter(pk=follower.pk).update(paused_at=now)
        waiting = follower.deliveries.filter(settled=False).values("outbox_message_id")
        OutboxMessage.objects.filter(pk__in=waiting, sent_at__isnull=True).update(given_up=True)
        follower.deliveries.filter(settled=False).update(settled=True)
    logger.warning("Follow: follower %s paused after repeated refusals", follower.pk)


def run(now=None, batch_size=BATCH_SIZE):
    """One run of the job; returns a dict of what it did."""
    now = now or timezone.now()
    result = {"expired": delete_expired(now), "paused": review_refusals(now), "immediate": 0, "weekly": 0}
    if FollowSettings.load().sending_paused:
        return result
    result["immediate"] = send_immediate(now, batch_size)
    result["weekly"] = send_summaries(now, batch_size)
    return result
