"""manage.py seed_demo: demo users for trying the portal. Refused in production unless --force.

The user names are a public contract: koordinator, sekretariat, observator and
leder-<abbreviation> for every ministry and SMK that exists today.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forums.demo import STRATEGIC_FORUM_SLUG, seed_demo_users
from forums.demo_records import seed_demo_records
from forums.demo_year import seed_demo_year
from forums.models import Forum


class Command(BaseCommand):
    help = "Create or refresh the demo users (password from DEMO_PASSWORD, default 'demo')."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even though DEBUG is off.")
        parser.add_argument(
            "--working-year",
            action="store_true",
            help="Also make a year of use: meetings, reports, proposals, minutes (all 'Demo:').",
        )
        parser.add_argument(
            "--documents",
            action="store_true",
            help="Also open demo proposals journaled with each access marking.",
        )

    def handle(
        self, *args, force: bool, working_year: bool = False, documents: bool = False, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users while DEBUG is off; use --force if you mean it."
            )
        with transaction.atomic():
            usernames = seed_demo_users(password=settings.DEMO_PASSWORD)
            if documents:
                seed_demo_records()
        self.stdout.write(
            self.style.SUCCESS(f"Demo users ({len(usernames)}): {', '.join(usernames)}")
        )
        if working_year:
            with transaction.atomic():
                seed_demo_year(forum=Forum.objects.get(slug=STRATEGIC_FORUM_SLUG))
            self.stdout.write(
                self.style.SUCCESS("A demo year of use is in place (titles 'Demo:').")
            )
