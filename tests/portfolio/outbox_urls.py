"""A page whose action needs a worker, for the outbox tests."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from portfolio.outbox import outbox_enqueue


@transaction.atomic
def act(request):
    outbox_enqueue(
        task="portfolio.tasks.heartbeat", key=f"test-action:{request.GET['key']}", kwargs={}
    )
    return HttpResponse("done")


urlpatterns = [path("act/", act)]
