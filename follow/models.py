"""Following a measure by e-mail: who follows what, the published changes, and which
follower has been sent which change.

Personal data kept: the address, what it follows, the language, the frequency and the
confirmation time – plus, for sending, how often the mail server refused the address.
Nothing else (no name, no IP address, no opening or clicking). Unsubscribing deletes the
follower with everything it follows and every delivery row.

Exactly once: a ``Delivery`` row per (follower, change) is unique and is written in the
same transaction as the e-mail in the outbox. A run killed half-way leaves either both or
neither; the next run writes only the missing ones.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import register_setting


class Frequency(models.TextChoices):
    IMMEDIATELY = "sofort", _("sofort")
    WEEKLY = "woechentlich", _("einmal pro Woche")


class FollowerQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not paused: the ones mail is sent to."""
        return self.filter(confirmed_at__isnull=False, paused_at__isnull=True)


class Follower(models.Model):
    """One e-mail address that follows one or more pages."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    language = models.CharField(_("Sprache"), max_length=12, choices=settings.LANGUAGES, default="de")
    frequency = models.CharField(_("Häufigkeit"), max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    # Refusals by the mail server in a row; at REFUSALS_BEFORE_PAUSE sending is paused.
    refusals = models.PositiveSmallIntegerField(_("Abweisungen in Folge"), default=0)
    paused_at = models.DateTimeField(_("Pausiert seit"), null=True, blank=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnent")
        verbose_name_plural = _("Abonnenten")

    def __str__(self):
        return masked(self.email)


def masked(email):
    """"a…@example.org": enough for staff to recognise an address, not to copy it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


class Follow(models.Model):
    """A follower's interest in one page: a measure, a field of action, or the whole
    „Umsetzungsstand“ (the German page: the record of the facts)."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(_("Angefragt am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gefolgte Seite")
        verbose_name_plural = _("Gefolgte Seiten")
        constraints = [models.UniqueConstraint(fields=["follower", "page"], name="follow_unique_page")]
        indexes = [models.Index(fields=["page", "confirmed_at"], name="follow_page_confirmed")]


class Change(models.Model):
    """A published status report that became a measure's current status: what followers are told."""

    report = models.OneToOneField("concept.StatusReport", on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    field_of_action = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("Veröffentlicht am"), db_index=True)
    # Set when every immediate follower has its e-mail in the outbox.
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    # Set when the weekly summaries that include it are in the outbox.
    summarised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")


class Delivery(models.Model):
    """Change `change` is in an e-mail to `follower` (queued in the outbox)."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="deliveries")
    outbox_message = models.ForeignKey(
        "moessingen_site.OutboxMessage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The outbox message's attempts already counted as refusals (see sending.review_refusals).
    attempts_seen = models.PositiveSmallIntegerField(default=0)
    settled = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["follower", "change"], name="follow_delivery_once")]
        indexes = [models.Index(fields=["settled"], name="follow_delivery_open")]


@register_setting(icon="mail")
class FollowSettings(BaseGenericSetting):
    """Staff's switch: while paused, changes are collected and sent when sending resumes."""

    sending_paused = models.BooleanField(
        _("Versand pausieren"), default=False,
        help_text=_("Solange angehakt, gehen keine Benachrichtigungen hinaus. Änderungen werden gesammelt und danach verschickt."),
    )

    class Meta:
        verbose_name = _("Benachrichtigungen")
