"""A refused forum action is a page of the site, in the reader's language, with the reason."""

import pytest

from forums.models import Minutes
from tests.forums.conftest import end_review
from tests.test_error_pages import HEADINGS, has_layout_and_way_on, in_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nb", "en"])
def test_forbidden_is_a_page_of_the_site(client_for, meetings_2027, language):
    meeting = meetings_2027[1]
    response = in_language(client_for("leder-fin"), language).get(f"/meetings/{meeting.pk}/cancel/")
    page = response.content.decode()
    assert response.status_code == 403
    assert HEADINGS["403"][language] in page and has_layout_and_way_on(page)
    assert "Forbidden" not in page


def test_forbidden_gives_the_services_reason(client_for, review_minutes):
    end_review(review_minutes)
    response = client_for("sekretariat").post(f"/minutes/{review_minutes.pk}/approve/")
    assert response.status_code == 403
    assert "Bare forumets leder kan godkjenne referater." in response.content.decode()
    review_minutes.refresh_from_db()
    assert review_minutes.status == Minutes.Status.REVIEW
