"""Pages of the login: the lockout page, and the local login form with the SSO button."""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.oidc import REFUSAL_SESSION_KEY


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
    return render(request, "accounts/lockout.html", context, status=429)


class LoginView(auth_views.LoginView):
    """Local user name and password; the SSO button shows when OIDC is configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


def sso_refused(request: HttpRequest) -> HttpResponse:
    """Where a failed or refused single sign-on lands; says why when it is known."""
    refusal = request.session.pop(REFUSAL_SESSION_KEY, None) or {}
    return render(
        request,
        "accounts/sso_refused.html",
        {"reason": refusal.get("reason"), "ministry": refusal.get("ministry", "")},
        status=403,
    )
