from types import SimpleNamespace

from django.db import migrations


def fill(apps, schema_editor):
    from measures.follow_up_summary import follow_up_refresh

    names = ["Measure", "MeasureFollowUp", "Milestone", "Risk", "StatusReport"]
    follow_up_refresh(models=SimpleNamespace(**{n: apps.get_model("measures", n) for n in names}))


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_measure_follow_up_summary")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
