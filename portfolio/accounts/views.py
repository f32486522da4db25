"""Pages of login and account: lockout, SSO refusal, the login form, my account."""

from typing import cast

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.accounts.forms import LoginForm, NotificationPreferencesForm
from portfolio.accounts.oidc import REFUSAL_SESSION_KEY
from portfolio.accounts.preferences import notification_preferences, notification_preferences_set
from portfolio.accounts.sections import account_sections
from portfolio.accounts.services import account_logout_everywhere
from portfolio.accounts.tokens import api_tokens_of, api_tokens_revoke, token_expires_at
from portfolio.models import UserProfile
from portfolio.page_errors import service_refusals
from portfolio.roles import ALL_ROLES, LABELS
from portfolio.types import User


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """A readable page, status 429, instead of axes' bare message."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "portfolio/accounts/lockout.html", context, status=429)


class LoginView(auth_views.LoginView):
    """Local user name and password; the SSO button shows when OIDC is configured."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


def sso_refused(request: HttpRequest) -> HttpResponse:
    """Where a failed or refused single sign-on lands; says why when it is known."""
    refusal = request.session.pop(REFUSAL_SESSION_KEY, None) or {}
    return render(
        request,
        "portfolio/accounts/sso_refused.html",
        {"reason": refusal.get("reason"), "ministry": refusal.get("ministry", "")},
        status=403,
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """My account: who I am in the portal, how I log in, and "log out everywhere"."""
    user = cast(User, request.user)  # login_required
    return render(
        request,
        "portfolio/accounts/account.html",
        {
            "roles": [
                LABELS[name]
                for name in user.groups.filter(name__in=ALL_ROLES)
                .order_by("name")
                .values_list("name", flat=True)
            ],
            "uses_sso": user.external_identities.exists(),
            "tokens": [
                {
                    "prefix": token.key[:6],
                    "created": token.created,
                    "expires": token_expires_at(token),
                }
                for token in api_tokens_of(user)
            ],
            "sections": account_sections(user),
        },
    )


@login_required
@require_POST
def api_tokens_revoke_view(request: HttpRequest) -> HttpResponse:
    api_tokens_revoke(actor=request.user, user=request.user)
    messages.success(request, _("The API token is revoked."))
    return redirect("accounts:account")


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required
    account_logout_everywhere(actor=user, user=user)
    logout(request)
    messages.success(
        request, _("You have been logged out on all devices, and your API tokens are deleted.")
    )
    return redirect("login")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_preferences_view(request: HttpRequest) -> HttpResponse:
    """The person's choice of e-mail per notification kind, and the language of the e-mails."""
    user = cast(User, request.user)  # login_required
    profile = UserProfile.objects.filter(user=user).first()
    language = profile.language if profile else None
    choices = notification_preferences(user)
    data = request.POST if request.method == "POST" else None
    form = NotificationPreferencesForm(data, choices=choices, language=language)
    status = 200
    if form.is_bound:
        if form.is_valid():
            with service_refusals(form) as refusal:
                notification_preferences_set(
                    actor=user,
                    user=user,
                    deliveries=form.deliveries(),
                    language=form.cleaned_data.get("language"),
                )
            if not refusal:
                messages.success(request, _("Your notification choices are saved."))
                return redirect("accounts:notification-preferences")
        status = 400
    return render(
        request,
        "portfolio/accounts/notification_preferences.html",
        {
            "form": form,
            "kinds": [form[choice.kind] for choice in choices],
            "notifications_url": reverse("portfolio:notifications"),
        },
        status=status,
    )
