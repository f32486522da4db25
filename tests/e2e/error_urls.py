"""The portal's URLs and one page that fails, to see the 500 page in a browser."""

from django.urls import path

from strategyportal.urls import handler400, handler403, handler404
from strategyportal.urls import urlpatterns as portal


def fails(request):
    raise RuntimeError("a page that fails, for the browser test of the 500 page")


urlpatterns = [path("feiler/", fails), *portal]
__all__ = ["handler400", "handler403", "handler404", "urlpatterns"]
