"""Public pages for applications: the form and the applicant's private status page."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .applications import PLEDGE, ApplicationForm, rate_limited, state_of, submit
from .models import Application


def _client(request) -> str:
    # Behind the reverse proxy REMOTE_ADDR is the proxy; it passes the client in X-Real-IP.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if rate_limited(_client(request)):
            response = TemplateResponse(
                request, "catalogue/application_form.html", {"form": form, "rate_limited": True}
            )
            response.status_code = 429
            response["Retry-After"] = "3600"
            return response
        if form.is_valid():
            application = submit(form)
            return redirect(reverse("application_status", args=[application.token]))
    return TemplateResponse(
        request, "catalogue/application_form.html", {"form": form, "pledge": PLEDGE}
    )


def status(request, token: str):
    application = get_object_or_404(Application.objects.select_related("provider"), token=token)
    response = TemplateResponse(
        request,
        "catalogue/application_status.html",
        {"application": application, "state": state_of(application)},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
