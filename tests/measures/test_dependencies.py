"""The lead ministry records which other measures its measure depends on."""

import pytest

from measures.models import Measure, MeasureDependency

pytestmark = pytest.mark.django_db

URL = "/tiltak/T5/avhengighet/ny/"


def test_the_lead_ministry_adds_a_dependency(client_for):
    t6 = Measure.objects.get(code="T6")
    response = client_for("leder-dfd").post(
        URL, {"depends_on": t6.pk, "description": "Felles plattform"}
    )
    assert response.status_code == 302
    dependency = MeasureDependency.objects.get(measure__code="T5")
    assert (dependency.depends_on.code, dependency.description) == ("T6", "Felles plattform")
    page = client_for("observator").get("/tiltak/T6/").content.decode()
    assert "T5" in page and "Felles plattform" in page


@pytest.mark.parametrize("username", ["leder-fin", "observator", "sekretariat"])
def test_other_ministries_may_not_add_dependencies(client_for, username):
    t6 = Measure.objects.get(code="T6")
    response = client_for(username).post(URL, {"depends_on": t6.pk})
    assert response.status_code == 403
    assert not MeasureDependency.objects.exists()


def test_a_measure_cannot_depend_on_itself_or_twice(client_for):
    client = client_for("leder-dfd")
    t5, t6 = Measure.objects.get(code="T5"), Measure.objects.get(code="T6")
    assert client.post(URL, {"depends_on": t5.pk}).status_code == 200  # not offered: form error
    assert client.post(URL, {"depends_on": t6.pk}).status_code == 302
    response = client.post(URL, {"depends_on": t6.pk})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert MeasureDependency.objects.count() == 1
