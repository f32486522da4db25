"""manage.py load_reference_data: load the strategy's reference data from the YAML file."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from forums import reference_data as forums_data
from measures import reference_data as measures_data
from portfolio import reference_data as portfolio_data
from portfolio.roles import ALL_ROLES

DEFAULT_FILE = Path(settings.BASE_DIR) / "strategyportal" / "data" / "reference-data.yaml"


class Command(BaseCommand):
    help = "Load ministries, the strategy, measures, core groups and forums (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)

    def handle(self, *args, file: Path, **options):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        with transaction.atomic():
            from django.contrib.auth.models import Group

            for role in ALL_ROLES:
                Group.objects.get_or_create(name=role)
            portfolio_data.load(data)
            measures_data.load(data)
            forums_data.load(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(data['ministries'])} ministries, {len(data['measures'])} measures, "
                f"{len(data['core_groups'])} core groups and {len(data['forums'])} forums."
            )
        )
