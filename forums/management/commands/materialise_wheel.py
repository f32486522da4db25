"""manage.py materialise_wheel: create a year's meetings from a forum's annual wheel."""

from django.core.management.base import BaseCommand, CommandError

from forums.models import Forum
from forums.services.wheel import wheel_materialise
from portfolio.audit_context import audit_channel


class Command(BaseCommand):
    help = "Create the meetings of a forum's annual wheel for one year (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument("--forum", required=True, help="The forum's slug.")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args, forum: str, year: int, **options):
        try:
            chosen = Forum.objects.get(slug=forum)
        except Forum.DoesNotExist as exc:
            raise CommandError(f"No forum with slug {forum!r}.") from exc
        if not 2000 <= year <= 2100:
            raise CommandError("The year must be between 2000 and 2100.")
        with audit_channel("system"):
            created = wheel_materialise(actor=None, forum=chosen, year=year)
        total = chosen.meetings.filter(year=year, slot__isnull=False).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(created)} meetings created; {total} from the wheel in {year}."
            )
        )
