"""The e-mails of following, each in the follower's language: the confirmation, the
message about one change and the weekly summary.

Plain text only: no tracking pixel, no rewritten links. Every message about changes has a
one-click unsubscribe (RFC 8058: ``List-Unsubscribe`` with an https address and
``List-Unsubscribe-Post``) and, in its text, the unsubscribe link and the separate link to
the page where the follower sees and changes everything it follows.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.status import MeasureStatus
from moessingen_site.base_url import absolute_url
from moessingen_site.languages import localized

from .subscriptions import confirmation_token, follower_token, link


def page_in(page, language):
    """(title, absolute address) of the German `page` as a reader of `language` finds it."""
    entry = localized([page], language)[0]
    return entry.title, absolute_url(entry.url)


def confirmation_message(follow, page, language, frequency):
    with override(language):
        title, url = page_in(page, language)
        context = {
            "title": title,
            "url": url,
            "confirm_url": link("follow:confirm", confirmation_token(follow, language, frequency), language),
            "weekly": frequency == "woechentlich",
        }
        subject = _("Bitte bestätigen: Benachrichtigungen zu „%(title)s“") % {"title": title}
        return EmailMessage(
            subject=subject,
            body=render_to_string("follow/email/confirm.txt", context),
            to=[follow.follower.email],
            headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
        )


class ChangeWords:
    """What a message says about changes, in each language, worked out once per run:
    a run writes thousands of e-mails about the same few changes."""

    def __init__(self):
        self.known = {}

    def of(self, change, language):
        key = (change.pk, language)
        if key not in self.known:
            report = change.report
            with override(language):
                title, url = page_in(change.measure, language)
                self.known[key] = {
                    "measure": title,
                    "url": url,
                    "status": str(MeasureStatus(report.status).label),
                    "date": date_format(report.date, "DATE_FORMAT"),
                    "note": report.note,
                }
        return self.known[key]


def change_message(follower, changes, words):
    """The e-mail about `changes` (one: immediately; several: the weekly summary)."""
    language = follower.language
    token = follower_token(follower)
    unsubscribe_url = link("follow:unsubscribe", token, language)
    with override(language):
        entries = [words.of(change, language) for change in changes]
        context = {
            "entries": entries,
            "summary": len(entries) > 1 or follower.frequency == "woechentlich",
            "unsubscribe_url": unsubscribe_url,
            "manage_url": link("follow:manage", token, language),
        }
        if context["summary"]:
            subject = _("Umsetzungsstand: Neuigkeiten der Woche")
        else:
            subject = _("Neuer Stand: %(measure)s – %(status)s") % entries[0]
        return EmailMessage(
            subject=subject,
            body=render_to_string("follow/email/changes.txt", context),
            to=[follower.email],
            headers={
                "Content-Language": language,
                "Auto-Submitted": "auto-generated",
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def new_link_message(follower):
    """Fresh links for a follower whose old link had expired."""
    language = follower.language
    token = follower_token(follower)
    with override(language):
        context = {
            "manage_url": link("follow:manage", token, language),
            "unsubscribe_url": link("follow:unsubscribe", token, language),
        }
        return EmailMessage(
            subject=_("Ihr Link zu Ihren Benachrichtigungen"),
            body=render_to_string("follow/email/new_link.txt", context),
            to=[follower.email],
            headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
        )
