"""The visitor's side of following: the form's answer, confirming, managing, unsubscribing.

The form sits on measure, field and „Umsetzungsstand“ pages, which the page cache stores
for every visitor alike; a CSRF token in them would keep them out of the cache (and a
stored token would not match the next visitor's cookie). So the form's POST is exempt
from the CSRF check: it acts for no logged-in user and changes nothing a stranger's
request could not change anyway – it only sends a confirmation e-mail, limited by the
rate limits, and nothing is sent to the address before its owner confirms.
The one-click unsubscribe (RFC 8058) is exempt for the same reason: the mail client posts
it without any cookie; the signed address in its link is the authority.
Confirming and the manage page carry CSRF tokens; they are never cached (``never_cache``).
"""

from django import forms
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from moessingen_site.languages import source_of
from moessingen_site.ratelimit import client_address, hit, normalized_email

from . import mails, subscriptions
from .forms import FollowForm
from .models import Frequency

# A household or a shelter's Wi-Fi may follow a few measures in a row; one address needs
# few confirmation mails a day (each one mails that address).
ADDRESS_LIMIT = (20, 600)
EMAIL_LIMIT = (5, 24 * 3600)


def limits():
    return getattr(settings, "FOLLOW_RATE_LIMITS", {"address": ADDRESS_LIMIT, "email": EMAIL_LIMIT})


def render_form(request, form, status, error=None):
    context = {"form": form, "error": error, "page": None}
    return TemplateResponse(request, "follow/subscribe.html", context, status=status)


@csrf_exempt
@never_cache
def subscribe(request):
    if request.method == "GET":
        form = FollowForm(initial={"seite": request.GET.get("seite", "")})
        return render_form(request, form, 200)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = FollowForm(request.POST)
    too_many = _("Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es später erneut.")
    limit, period = limits()["address"]
    if hit("follow:address", client_address(request), limit, period):
        return render_form(request, form, 429, too_many)
    if not form.is_valid():
        return render_form(request, form, 400)
    data = form.cleaned_data
    limit, period = limits()["email"]
    if hit("follow:email", normalized_email(data["email"]), limit, period):
        # The same answer as for an accepted form, without a mail: a 429 would tell a
        # stranger that the address's owner had asked already.
        return redirect("follow:sent")
    page = source_of(data["seite"].specific, request)
    subscriptions.subscribe(page, data["email"], data["frequency"], get_language(), mails.confirmation_message)
    # Post/redirect/get; the same answer whether or not the address follows the page already.
    return redirect("follow:sent")


@never_cache
def sent(request):
    return TemplateResponse(request, "follow/sent.html", {})


@never_cache
def confirm(request, token):
    """GET shows a button, POST confirms: a link checker opening the link confirms nothing."""
    if request.method == "POST":
        follow = subscriptions.confirm(token)
        if follow is None:
            return TemplateResponse(request, "follow/confirm.html", {"invalid": True}, status=404)
        manage_url = subscriptions.link("follow:manage", subscriptions.follower_token(follow.follower), get_language())
        return TemplateResponse(request, "follow/confirm.html", {"confirmed": True, "follow": follow, "manage_url": manage_url})
    return TemplateResponse(request, "follow/confirm.html", {"token": token})


class NewLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-Mail-Adresse"), max_length=254)


def link_expired(request, form=None, status=410):
    """An old manage/unsubscribe link: a form to get a new one by e-mail."""
    return TemplateResponse(request, "follow/link_expired.html", {"form": form or NewLinkForm()}, status=status)


@never_cache
def new_link(request):
    """GET: the form; POST: fresh links to the address if it follows anything, the same
    answer either way (limited as the follow form is)."""
    if request.method != "POST":
        return link_expired(request, status=200)
    form = NewLinkForm(request.POST)
    if not form.is_valid():
        return link_expired(request, form, status=400)
    limit, period = limits()["address"]
    if hit("follow:address", client_address(request), limit, period):
        return TemplateResponse(
            request, "follow/link_expired.html",
            {"form": form, "error": _("Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es später erneut.")},
            status=429,
        )
    email = form.cleaned_data["email"].strip().lower()
    limit, period = limits()["email"]
    if not hit("follow:email", normalized_email(email), limit, period):
        subscriptions.send_new_link(email, mails.new_link_message)
    return TemplateResponse(request, "follow/link_expired.html", {"sent": True})


@never_cache
def manage(request, token):
    follower = subscriptions.follower_for_token(token)
    if follower is None:
        if subscriptions.link_has_expired(token):
            return link_expired(request)
        return TemplateResponse(request, "follow/manage.html", {"invalid": True}, status=404)
    context = {"follower": follower, "token": token, "frequencies": Frequency.choices}
    if request.method == "POST":
        frequency = request.POST.get("frequency")
        if frequency in Frequency.values and frequency != follower.frequency:
            follower.frequency = frequency
            follower.save(update_fields=["frequency"])
        remove = [value for value in request.POST.getlist("unfollow") if value.isdigit()]
        if remove:
            follower = subscriptions.unfollow(follower, [int(value) for value in remove])
            if follower is None:
                return TemplateResponse(request, "follow/unsubscribed.html", {})
        context.update(follower=follower, saved=True)
    context["follows"] = follows_of(follower)
    return TemplateResponse(request, "follow/manage.html", context)


def follows_of(follower):
    """The confirmed follows as the visitor reads them: title and address in the active language."""
    from moessingen_site.languages import localized

    follows = list(follower.follows.filter(confirmed_at__isnull=False).select_related("page").order_by("page__path"))
    entries = localized([follow.page for follow in follows])
    return [{"follow": follow, "page": entry} for follow, entry in zip(follows, entries)]


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """GET: a page with one button. POST (the button, or the mail client's one click): delete."""
    follower = subscriptions.follower_for_token(token)
    if follower is None and subscriptions.link_has_expired(token):
        return link_expired(request)
    if request.method == "POST":
        if follower is not None:
            subscriptions.unsubscribe(follower)
        # Also for a link used twice: the address is not (or no longer) stored.
        return TemplateResponse(request, "follow/unsubscribed.html", {})
    if follower is None:
        return TemplateResponse(request, "follow/unsubscribed.html", {}, status=404)
    return TemplateResponse(request, "follow/unsubscribe.html", {"token": token})
