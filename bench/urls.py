"""The portal's URLs plus a trivial view, the floor the benchmark compares against."""

from django.http import HttpResponse
from django.urls import path

from strategyportal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), *portal_urlpatterns]
