from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets

from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.models import Ministry

LOCALIZED_NAME = _("The name in the language of the request (nb, nn or en), else in bokmål.")


class MinistryOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=LOCALIZED_NAME)

    class Meta:
        model = Ministry
        fields = [
            "abbreviation",
            "name",
            "name_nb",
            "name_nn",
            "name_en",
            "kind",
            "valid_from",
            "valid_to",
        ]
        extra_kwargs = {
            "abbreviation": {"help_text": _("Short name, e.g. FIN; identifies it in the API.")},
            "valid_to": {"help_text": _("Empty: still exists.")},
        }


@extend_schema_view(
    list=operation_doc(
        summary=_("List ministries"),
        description=_(
            "The ministries, the Prime Minister's Office (SMK) and DSS, by abbreviation; "
            "filter by kind. Ministries that were merged or renamed are listed with the dates "
            "they were valid."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get a ministry"),
        description=_("One ministry, the Prime Minister's Office or DSS, by abbreviation."),
        permissions=ANY_USER,
    ),
)
class MinistryViewSet(viewsets.ReadOnlyModelViewSet):
    """Ministries, the Prime Minister's Office and DSS. Readable by every logged-in user."""

    serializer_class = MinistryOutputSerializer
    lookup_field = "abbreviation"
    queryset = Ministry.objects.order_by("abbreviation")
    filterset_fields = ["kind"]
