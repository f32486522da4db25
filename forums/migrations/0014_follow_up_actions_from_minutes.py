"""Follow-up entries of minutes that the ministries have seen become follow-up actions.

For each meeting, the newest minutes in review or approved carry the actions; a draft
correction of them takes over the link, entry by entry, so resubmitting makes no copies.
"""

from django.db import migrations


def _only_one(queryset):
    found = list(queryset[:2])
    return found[0] if len(found) == 1 else None


def forwards(apps, schema_editor):
    Minutes = apps.get_model("forums", "Minutes")
    MinutesEntry = apps.get_model("forums", "MinutesEntry")
    FollowUpAction = apps.get_model("forums", "FollowUpAction")
    seen = Minutes.objects.filter(status__in=["review", "approved"]).order_by(
        "meeting_id", "-version"
    )
    newest = {}
    for minutes in seen:
        newest.setdefault(minutes.meeting_id, minutes)
    for minutes in newest.values():
        entries = MinutesEntry.objects.filter(minutes=minutes, kind="follow_up_action").order_by(
            "agenda_item__number", "id"
        )
        draft = Minutes.objects.filter(corrects=minutes, status="draft").first()
        copies = (
            list(
                MinutesEntry.objects.filter(minutes=draft, kind="follow_up_action").order_by(
                    "agenda_item__number", "id"
                )
            )
            if draft
            else []
        )
        for index, entry in enumerate(entries):
            if FollowUpAction.objects.filter(minutes_entry=entry).exists():
                continue
            item = entry.agenda_item
            copy = copies[index] if index < len(copies) else None
            same = copy is not None and (copy.agenda_item_id, copy.text) == (
                entry.agenda_item_id,
                entry.text,
            )
            FollowUpAction.objects.create(
                owner_ministry_id=entry.owner_ministry_id,
                due_date=entry.due_date,
                text=entry.text,
                state="open",
                minutes_entry=copy if same else entry,
                proposal=_only_one(item.proposals.order_by("pk")),
                measure=_only_one(item.measures.order_by("pk")),
            )


class Migration(migrations.Migration):
    dependencies = [("forums", "0013_follow_up_actions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
