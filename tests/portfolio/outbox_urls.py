"""A page whose action needs a worker, for the outbox tests."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from portfolio.notifications import notification_send
from portfolio.outbox import outbox_enqueue


@transaction.atomic
def act(request):
    outbox_enqueue(
        task="portfolio.tasks.heartbeat", key=f"test-action:{request.GET['key']}", kwargs={}
    )
    return HttpResponse("done")


@transaction.atomic
def notify(request):
    """A page action that notifies a user: the e-mail needs a worker."""
    user = get_user_model().objects.get(username=request.GET["user"])
    notification_send(recipients=[user], key=request.GET["key"], subject=lambda: request.GET["key"])
    return HttpResponse("done")


urlpatterns = [path("act/", act), path("notify/", notify)]
