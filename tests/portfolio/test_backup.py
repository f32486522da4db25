"""Backup and restore: a round trip gives back every row, with grants and history intact."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from guardian.shortcuts import assign_perm

from portfolio.audit import audit_record
from portfolio.backup import EXCLUDED
from portfolio.models import AuditEvent, Ministry, Notification
from portfolio.notifications import notification_send
from portfolio.outbox import outbox_enqueue

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list]:
    """Every backed-up row of every model, with foreign keys as natural keys where they exist."""
    snapshot = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in EXCLUDED or model._meta.app_label in EXCLUDED or model._meta.proxy:
            continue
        rows = serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        snapshot[label] = rows
    return snapshot


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """A restore gives content types new ids; after the test's rollback they are gone again."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def portal_data(demo_users):
    user_model = get_user_model()
    koordinator = user_model.objects.get(username="koordinator")
    fin = Ministry.objects.get(abbreviation="FIN")
    audit_record(
        actor=koordinator, kind="ministry.checked", target=fin, ministry=fin, after={"a": 1}
    )
    notification_send(recipients=[koordinator], key="k", subject=lambda: "Hei æøå")
    outbox_enqueue(task="portfolio.tasks.heartbeat", key="backup-test")
    assign_perm(
        "portfolio.sign_for_ministry", koordinator, Ministry.objects.get(abbreviation="KDD")
    )


def test_backup_and_restore_round_trip_gives_back_all_data(portal_data, tmp_path):
    before = _snapshot()
    assert before["portfolio.ministry"] and before["guardian.userobjectpermission"]
    assert before["portfolio.auditevent"] and before["portfolio.notification"]
    path = tmp_path / "backup.xml.gz"

    call_command("backup", str(path), stdout=None)
    # Damage the data after the backup: the restore must undo all of it.
    get_user_model().objects.filter(username="leder-fin").delete()
    Notification.objects.all().delete()
    AuditEvent.objects.create(
        actor_label="x", kind="x", channel="system", target_type_id=1, target_id="1"
    )
    call_command("restore", str(path), "--replace", stdout=None)

    assert _snapshot() == before
    leader = get_user_model().objects.get(username="leder-fin")
    fin = Ministry.objects.get(abbreviation="FIN")
    assert leader.has_perm("portfolio.sign_for_ministry", fin)
    assert leader.check_password("demo")
    assert AuditEvent.objects.get(kind="ministry.checked").target_label == "FIN"


def test_restore_refuses_a_database_with_data_unless_replacing(portal_data, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup", str(path), stdout=None)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(path), stdout=None)


def test_restore_of_a_missing_file_changes_nothing(portal_data, tmp_path):
    count = get_user_model().objects.count()
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.xml"), "--replace", stdout=None)
    assert get_user_model().objects.count() == count


def test_backup_names_must_say_xml(tmp_path, db):
    with pytest.raises(CommandError, match=r"\.xml"):
        call_command("backup", str(tmp_path / "backup.json"), stdout=None)
