"""Accessibility pages required by BITV 2.0 and the L-BGG Baden-Württemberg.

- AccessibilityStatementPage: the "Erklärung zur Barrierefreiheit" with the sections of
  the Baden-Württemberg model statement (L-BGG-DVO) and a feedback form; messages are
  stored (AccessibilityFeedback, listed in the admin for the staff) and mailed (through
  the outbox) to the site's contact address, with a receipt to the visitor who gave an
  e-mail address.
- EasyLanguagePage and SignLanguagePage: the entry pages in Leichte Sprache and
  Deutsche Gebärdensprache that BITV 2.0 § 4 asks for, linked from every page's header.

Imported by moessingen_site.models so that Django registers the models.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import outbox
from .base_page import SitePage
from .blocks import RICHTEXT_FEATURES, BaseStreamBlock
from .ratelimit import client_address, hit
from .site_settings import SiteSettings

# A second identical message within this time is taken as a double submission.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
SENT_PARAMETER = "gesendet"
# The form takes text only, no files: 5,000 characters of message and the short fields fit
# many times over in 256 KB, even percent-encoded. A larger request (an upload) is refused
# before its body is read, so nothing of it is kept, not even in a temporary file.
FEEDBACK_MAX_BYTES = 256 * 1024
# Messages per client address: (count, seconds). Feedback is rare; 20 an hour leave room
# for a class or a counselling session at one shared Wi-Fi reporting barriers together.
FEEDBACK_RATE_LIMIT = (20, 3600)


class ComplianceStatus(models.TextChoices):
    """The three statements the model statement allows."""

    FULL = "vollstaendig", _("vollständig vereinbar")
    PARTIAL = "teilweise", _("teilweise vereinbar")
    NONE = "nicht", _("nicht vereinbar")


class AssessmentMethod(models.TextChoices):
    SELF = "selbstbewertung", _("Selbstbewertung")
    THIRD_PARTY = "pruefung_dritte", _("Prüfung durch Dritte")


class AccessibilityStatementPage(SitePage):
    """Erklärung zur Barrierefreiheit, in the order of the Baden-Württemberg model."""

    intro = models.TextField(_("Einleitung"), blank=True)
    compliance_status = models.CharField(
        _("Stand der Vereinbarkeit"), max_length=20, choices=ComplianceStatus.choices, default=ComplianceStatus.PARTIAL
    )
    compliance_text = RichTextField(_("Erläuterung zum Stand"), features=RICHTEXT_FEATURES, blank=True)
    known_limitations = RichTextField(
        _("Nicht barrierefreie Inhalte"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("Welche Inhalte sind nicht barrierefrei, warum nicht, und welche Alternativen gibt es?"),
    )
    statement_date = models.DateField(_("Erstellt am"), default=datetime.date.today)
    assessment_date = models.DateField(_("Datum der letzten Überprüfung"), default=datetime.date.today)
    assessment_method = models.CharField(
        _("Methode der Bewertung"), max_length=20, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    assessment_details = RichTextField(_("Wie wurde geprüft?"), features=RICHTEXT_FEATURES, blank=True)
    feedback_text = RichTextField(_("Feedback und Kontakt"), features=RICHTEXT_FEATURES, blank=True)
    enforcement_text = RichTextField(
        _("Schlichtungsverfahren"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=_("Die Schlichtungsstelle nach § 10 L-BGG und wie man sie erreicht."),
    )
    feedback_recipient = models.EmailField(
        _("Empfänger der Rückmeldungen"),
        blank=True,
        help_text=_("Leer lassen, um die E-Mail-Adresse aus „Kontakt und Fußbereich“ zu verwenden."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("compliance_status"), FieldPanel("compliance_text"), FieldPanel("known_limitations")],
            heading=_("Stand der Vereinbarkeit mit den Anforderungen"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("statement_date"), FieldPanel("assessment_date")]),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_details"),
            ],
            heading=_("Erstellung dieser Erklärung"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_text"), FieldPanel("feedback_recipient")], heading=_("Feedback und Kontaktangaben")
        ),
        FieldPanel("enforcement_text"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("known_limitations"),
        index.SearchField("enforcement_text"),
    ]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")

    def serve(self, request, *args, **kwargs):
        status, form_error = 200, None
        if request.method != "POST":
            form = AccessibilityFeedbackForm()
        elif request_size(request) > FEEDBACK_MAX_BYTES:
            # The body stays unread: the visitor's text cannot be shown again, the reason can.
            form = AccessibilityFeedbackForm()
            status = 413
            form_error = _(
                "Ihre Nachricht ist zu groß. Bitte schreiben Sie höchstens 5.000 Zeichen; "
                "Dateien können Sie über dieses Formular nicht senden."
            )
        else:
            form = AccessibilityFeedbackForm(request.POST)
            limit, period = getattr(settings, "ACCESSIBILITY_FEEDBACK_RATE_LIMIT", FEEDBACK_RATE_LIMIT)
            if hit("accessibility:feedback:address", client_address(request), limit, period):
                status = 429
                form_error = _("Zu viele Rückmeldungen in kurzer Zeit. Bitte versuchen Sie es später erneut.")
            elif form.is_valid():
                self.receive_feedback(request, form)
                return HttpResponseRedirect(f"{self.url}?{SENT_PARAMETER}=1#rueckmeldung")
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        context["form_error"] = form_error
        context["sent"] = request.method == "GET" and request.GET.get(SENT_PARAMETER) == "1"
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)

    def receive_feedback(self, request, form):
        data = form.cleaned_data
        recent = AccessibilityFeedback.objects.filter(
            message=data["message"], email=data["email"], created_at__gte=timezone.now() - DUPLICATE_WINDOW
        )
        if recent.exists():
            return recent.first()
        # The feedback and its e-mails are stored together; the job runner sends them, so a
        # mail server that is down delays them and loses nothing.
        with transaction.atomic():
            feedback = form.save(commit=False)
            feedback.page = self
            feedback.save()
            self.notify_staff(request, feedback)
            if feedback.email:
                self.send_receipt(feedback)
        return feedback

    def notify_staff(self, request, feedback):
        """The staff's copy, in German (the office's language)."""
        recipient = self.feedback_recipient or SiteSettings.for_request(request).email
        body = "\n".join(
            [
                "Über die Erklärung zur Barrierefreiheit ist eine Rückmeldung eingegangen.",
                "",
                f"Name: {feedback.name or '–'}",
                f"E-Mail: {feedback.email or '–'}",
                f"Betroffene Seite: {feedback.page_url or '–'}",
                "",
                feedback.message,
                "",
                "Alle Rückmeldungen finden Sie im Verwaltungsbereich unter „Rückmeldungen Barrierefreiheit“.",
            ]
        )
        message = EmailMessage(
            subject="Rückmeldung zur Barrierefreiheit", body=body, to=[recipient],
            reply_to=[feedback.email] if feedback.email else None,
        )
        outbox.enqueue(message, language="de")

    def send_receipt(self, feedback):
        """The visitor's receipt, in the language of the page the form was sent from (the
        active one now: the request's language prefix). Without the visitor's message: the
        form must not send text of a stranger's choosing to an address of their choosing."""
        language = get_language()
        body = "\n".join(
            [
                gettext("Vielen Dank für Ihre Rückmeldung zur Barrierefreiheit. Sie ist bei uns eingegangen."),
                gettext("Wir lesen jede Nachricht und antworten Ihnen so bald wie möglich."),
            ]
        )
        message = EmailMessage(
            subject=gettext("Vielen Dank für Ihre Rückmeldung"), body=body, to=[feedback.email],
            headers={"Content-Language": language},
        )
        outbox.enqueue(message, language=language)


class AccessibilityFeedback(models.Model):
    """A visitor's report of a barrier, sent with the statement's form."""

    page = models.ForeignKey(
        AccessibilityStatementPage, verbose_name=_("Erklärung"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    handled = models.BooleanField(_("Erledigt"), default=False)
    staff_note = models.TextField(_("Interne Notiz"), blank=True)

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y %H:%M} – {self.message[:60]}"


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Welche Barriere haben Sie festgestellt?"),
            "page_url": _("Auf welcher Seite? (freiwillig)"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse für eine Antwort (freiwillig)"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "class": "kern-form-input__input"}),
            "page_url": forms.TextInput(attrs={"class": "kern-form-input__input"}),
            "name": forms.TextInput(attrs={"class": "kern-form-input__input", "autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"class": "kern-form-input__input", "autocomplete": "email"}),
        }

    # A field people don't see; bots fill every field they find (as on the registration form).
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False, max_length=200)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Bitte lassen Sie dieses Feld leer."))
        return ""

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error together with the field.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"id_{name}-error"
                attrs["class"] = "kern-form-input__input kern-form-input__input--error"


def request_size(request):
    """The request body's announced length in bytes (0 when absent or malformed)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class EasyLanguagePage(SitePage):
    """Leichte Sprache: what the site contains and how to use it, in easy words."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Leichte Sprache")
        verbose_name_plural = _("Leichte Sprache")


class SignLanguageVideoBlock(blocks.StructBlock):
    """One topic in Deutsche Gebärdensprache: a video file from the site's own documents
    (never an embed from a video platform) and the same content as text."""

    title = blocks.CharBlock(label=_("Thema"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video (MP4 oder WebM)"), required=False,
        help_text=_("Eine Videodatei aus den Dokumenten dieser Website. Keine Einbettung fremder Plattformen."),
    )
    transcript = blocks.RichTextBlock(label=_("Inhalt des Videos als Text"), features=RICHTEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Video in Gebärdensprache")
        template = "moessingen_site/blocks/sign_language_video_block.html"
        preview_value = {"title": "Was steht auf dieser Website?", "transcript": "<p>Ein kurzer Text.</p>"}


class SignLanguagePage(SitePage):
    """Deutsche Gebärdensprache: the same essentials as videos, each with its text."""

    intro = models.TextField(_("Einleitung"), blank=True)
    videos = StreamField(
        [("video", SignLanguageVideoBlock())], verbose_name=_("Videos in Gebärdensprache"), blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("videos")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("videos")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Gebärdensprache")
        verbose_name_plural = _("Gebärdensprache")
