"""The measures that match a picker's search (portfolio/picker.py)."""

from django.db.models import Q

from measures.models import Measure
from portfolio.picker import PickerSearchView


class MeasurePickerView(PickerSearchView):
    def search(self, query, exclude, scope):
        words = Q()
        for word in query.split():
            words &= (
                Q(code__icontains=word)
                | Q(name_nb__icontains=word)
                | Q(name_nn__icontains=word)
                | Q(name_en__icontains=word)
            )
        return Measure.objects.filter(words).exclude(pk__in=exclude).order_by("code")
