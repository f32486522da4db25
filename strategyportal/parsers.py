"""The API's parsers: DRF's, with their parse errors in the reader's language.

DRF words a body it cannot parse in English only ("JSON parse error - ..."); these say the
same in the active language and keep the parser's own detail (where the error is).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from portfolio.types import Text


class TranslatedParseError:
    """Mixed into a DRF parser: its ParseError comes out as `message`, with the detail."""

    message: Text  # with %(detail)s

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            # DRF raises while handling the parser's own error, which says where it failed.
            detail = str(exc.__context__ or "")
            raise ParseError(self.message % {"detail": detail}) from exc


class JSONParser(TranslatedParseError, parsers.JSONParser):
    message = _("The request body is not valid JSON: %(detail)s")


class MultiPartParser(TranslatedParseError, parsers.MultiPartParser):
    message = _("The form data could not be read: %(detail)s")
