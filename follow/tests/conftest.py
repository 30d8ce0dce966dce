"""Fixtures of the follow tests: a concept with Raumteiler, and a real SMTP server on loopback."""

import datetime
import email
import email.policy
import socket

import pytest

from concept.factories import ConceptPageFactory, FieldOfActionPageFactory, MeasurePageFactory, ProgressPageFactory


@pytest.fixture
def tree(home_page):
    concept = ConceptPageFactory(parent=home_page, adopted_on=datetime.date(2019, 12, 2))
    wohnen = FieldOfActionPageFactory(parent=concept, title="Wohnen und Wohnumfeld", slug="wohnen")
    bildung = FieldOfActionPageFactory(parent=concept, title="Bildung und Betreuung", slug="bildung")
    raumteiler = MeasurePageFactory(parent=wohnen, title="Raumteiler", slug="raumteiler")
    other = MeasurePageFactory(parent=bildung, title="Sprachkurse", slug="sprachkurse")
    progress = ProgressPageFactory(parent=concept)
    return {"wohnen": wohnen, "bildung": bildung, "raumteiler": raumteiler, "other": other, "progress": progress}


class Sink:
    """An SMTP server (aiosmtpd) that keeps what it receives and refuses the addresses in `refuse`."""

    def __init__(self):
        self.messages = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address):
        return [message for rcpts, message in self.messages if address in rcpts]


@pytest.fixture
def smtp(settings):
    """Mail goes out by SMTP to a server on 127.0.0.1, as in production."""
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "moessingen_site.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    controller.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def body_of(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()
