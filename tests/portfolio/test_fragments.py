"""Page parts shared between readers: rendered once, served until a table they read changes,
and never carrying one reader's own content to another."""

import pytest
from django.db import connection, transaction

from forums.services.positions import position_record
from measures.models import Measure
from portfolio.fragments import cached_part, table_versions, written_tables
from portfolio.models import Ministry
from tests.e2e.test_proposals import _open_proposal
from tests.follow_up import count_queries, open_period, report, user

# Parts are cached only outside a transaction, as requests run in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_overview_is_rendered_once_for_readers_with_the_same_filters(reader):
    first = count_queries(reader("leder-fin"), "/portefolje/")
    second = count_queries(reader("leder-fin"), "/portefolje/")
    assert second < first - 5
    # Other filters are another part.
    assert count_queries(reader("leder-fin"), "/portefolje/?rag=red") > second


def test_a_new_report_shows_at_once_to_every_reader(reader):
    period = open_period(2027, 1)
    assert "/tiltak/T5/" not in reader("leder-fin").get("/portefolje/?rag=red").content.decode()
    report("T5", period, rag="red")
    assert "/tiltak/T5/" in reader("leder-fin").get("/portefolje/?rag=red").content.decode()
    assert "/tiltak/T5/" in reader("leder-bfd").get("/portefolje/?rag=red").content.decode()


def test_answering_a_proposal_keeps_the_overview_and_updates_the_readers_part(reader):
    proposal = _open_proposal()
    title = f"{proposal.register_number} Felles anskaffelsesstrategi"
    cold = count_queries(reader("leder-fin"), "/portefolje/")
    assert title in reader("leder-fin").get("/portefolje/").content.decode()
    warm = count_queries(reader("leder-fin"), "/portefolje/")
    position_record(
        actor=user("leder-fin"),
        proposal=proposal,
        ministry=Ministry.objects.get(abbreviation="FIN"),
        position="endorse",
    )
    client = reader("leder-fin")
    assert title not in client.get("/portefolje/").content.decode()
    # The portfolio did not change: its part still comes from the cache.
    assert count_queries(reader("leder-fin"), "/portefolje/") <= warm < cold


def test_report_links_follow_the_readers_rights(reader):
    """An overdue report links to its form only for who may write it, though the rest of the
    part is shared."""
    period = open_period(2026, 1)
    form = f"/tiltak/T5/rapport/{period.pk}/"
    assert form in reader("leder-dfd").get("/portefolje/").content.decode()
    assert form not in reader("leder-fin").get("/portefolje/").content.decode()


def test_the_start_page_shows_a_renamed_measure_at_once(reader):
    reader("leder-dfd").get("/")
    Measure.objects.filter(code="T5").update(name_nb="Felles IKT-tjenester")
    assert "Felles IKT-tjenester" in reader("leder-dfd").get("/").content.decode()


def test_the_start_page_shows_each_reader_their_ministrys_measures(reader):
    fin = reader("leder-fin").get("/").content.decode()
    dfd = reader("leder-dfd").get("/").content.decode()
    assert "Tiltak for FIN" in fin and "Tiltak for FIN" not in dfd
    assert "Tiltak for DFD" in dfd


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('INSERT INTO "measures_measure" ("code") VALUES (%s)', {"measures_measure"}),
        ('UPDATE "forums_proposal" SET "title" = %s', {"forums_proposal"}),
        ('DELETE FROM "portfolio_notification" WHERE id = 1', {"portfolio_notification"}),
        ('TRUNCATE "a_b", "c_d" RESTART IDENTITY', {"a_b", "c_d"}),
        ('SELECT "measures_measure"."id" FROM "measures_measure"', set()),
    ],
)
def test_writes_are_told_from_reads(sql, tables):
    assert written_tables(sql) == tables


def test_a_write_after_a_rolled_back_savepoint_still_gives_a_new_version(demo_users):
    before = table_versions(["measures_measure", "portfolio_ministry"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                Ministry.objects.filter(abbreviation="FIN").update(abbreviation="FINX")
                raise RuntimeError
        except RuntimeError:
            pass
        Measure.objects.filter(code="T5").update(name_nb="Felles IKT-tjenester")
        assert table_versions(["measures_measure"]) == {
            "measures_measure": before["measures_measure"]
        }
    after = table_versions(["measures_measure", "portfolio_ministry"])
    assert after["measures_measure"] != before["measures_measure"]
    assert not connection.in_atomic_block


def test_a_part_within_a_part_passes_on_what_it_read(demo_users):
    def inner():
        return list(Measure.objects.filter(code="T5").values_list("name_nb", flat=True))

    def outer():
        return cached_part("inner", [], inner)

    assert cached_part("inner", [], inner) == ["Felles IKT"]  # stored before the outer part
    assert cached_part("outer", [], outer) == ["Felles IKT"]
    Measure.objects.filter(code="T5").update(name_nb="Felles IKT-tjenester")
    assert cached_part("outer", [], outer) == ["Felles IKT-tjenester"]


def test_who_a_reader_is_follows_a_change_of_roles_and_sessions_at_once(reader):
    """The header's person, the roles, the sign grants and the session generation are kept in
    the cache between requests; a change to any of them shows on the next request."""
    from django.contrib.auth.models import Group, Permission

    from portfolio.accounts.services import account_logout_everywhere

    client = reader("leder-fin")
    assert client.get("/revisjonslogg/").status_code == 403
    assert "/revisjonslogg/" not in client.get("/").content.decode()
    group = Group.objects.get(name="secretariat")
    group.permissions.add(Permission.objects.get(codename="view_auditevent"))
    user("leder-fin").groups.add(group)
    assert client.get("/revisjonslogg/").status_code == 200
    assert "/revisjonslogg/" in reader("leder-fin").get("/").content.decode()

    account_logout_everywhere(actor=user("leder-fin"), user=user("leder-fin"))
    assert client.get("/").status_code == 302


def test_who_the_reader_is_is_read_from_the_cache_in_one_go(reader, monkeypatch):
    """Every page asks who the reader is (session, person, roles, coordinator, sign grants):
    a repeated page reads those parts ahead together instead of one round trip each."""
    from portfolio import fragments

    class CountingCache:
        def __init__(self, cache):
            self.cache, self.asked_one = cache, []

        def get(self, key, *args, **kwargs):
            self.asked_one.append(key)
            return self.cache.get(key, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(self.cache, name)

    client = reader("leder-fin")
    client.get("/departementer/")  # (not a cached page: its parts are asked for every time)
    counting = CountingCache(fragments.cache)
    monkeypatch.setattr(fragments, "cache", counting)
    assert client.get("/departementer/").status_code == 200
    assert counting.asked_one == []


def test_a_delegation_lets_the_deputy_sign_on_the_next_request_and_its_end_stops_it(reader):
    """Whom the reader may sign for by delegation is kept in the cache like who the reader is;
    granting or revoking a delegation takes effect at once."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from forums.services.delegations import delegation_grant, delegation_revoke
    from portfolio.models import UserProfile

    proposal = _open_proposal()
    deputy = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=deputy, ministry=Ministry.objects.get(abbreviation="FIN"))
    client = reader("nestleder-fin")
    title = f"{proposal.register_number} Felles anskaffelsesstrategi"
    assert title not in client.get("/").content.decode()
    today = timezone.localdate()
    delegation = delegation_grant(
        actor=user("leder-fin"),
        ministry=Ministry.objects.get(abbreviation="FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )
    assert title in client.get("/").content.decode()
    delegation_revoke(actor=user("leder-fin"), delegation=delegation)
    assert title not in client.get("/").content.decode()
