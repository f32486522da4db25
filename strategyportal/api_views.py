"""The API's own views: its schema and Swagger UI.

The schema and the Swagger UI are in ?lang= (nb, nn or en), else in the user's language:
drf-spectacular translates the schema for any ?lang= value; these views take only the
portal's languages, and the Swagger UI asks for the schema in the language of its page.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.plumbing import set_query_parameters
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


def schema_language(request: Any) -> str:
    """The language asked for with ?lang=, if the portal has it, else the user's language."""
    requested = request.GET.get("lang", "")
    if requested in dict(settings.LANGUAGES):
        return requested
    return translation.get_language() or settings.LANGUAGE_CODE


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema in ?lang= (nb, nn or en); without it, or with another value, in the
    language of the user (the portal's language switch, else Accept-Language)."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        language = schema_language(request)
        # drf-spectacular's own get() would switch to any ?lang= value it is given.
        with translation.override(language):
            response = self._get_schema_response(request)
        response["Content-Language"] = language
        return response


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI that loads the schema in the language of the page (?lang= or the user's)."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        language = schema_language(request)
        self.url_self = set_query_parameters(request.get_full_path(), lang=language)
        self.url = set_query_parameters(reverse(self.url_name), lang=language)
        return super().get(request, *args, **kwargs)
