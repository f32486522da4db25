"""manage.py generate_forum_activity: a year of forum work at --scale times the real volume.

The real volume per year: about 5 meetings with 8 agenda items each and minutes for every
meeting held, and 10-20 proposals (15 here), each answered by every seated ministry (17).
The year runs from half a year ago to half a year ahead of today, so that there are meetings
held and meetings to come, and minutes in every state (the newest held ones in draft, then
in review, the rest approved). Proposals come in every state too:

- closed (mostly endorsed, some not endorsed with an objection) and a few withdrawn;
- `2 × scale` whose deadline has passed while they are still in consultation, every ministry
  having answered: the coordinators close these (the nightly task would, otherwise);
- `scale` in consultation with a deadline ahead, partly answered: they wait for ministries;
- `scale / 2` drafts.

Rows are bulk-inserted with their field history (channel "system"), not written through the
services: this is test data, not domain events, and services with audit events per row would
take minutes at 100×. The counters of agenda and register numbers are moved past the numbers
used, so the services go on from there. Each run adds another year's worth: run it once on a
fresh database (after load_reference_data and seed_demo). Refused while DEBUG is off unless
--force, like seed_demo.
"""

import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from forums.management.forum_activity import Generation
from forums.models import Forum
from forums.records.generate import generate_records
from forums.services.proposals import STRATEGIC_FORUM_SLUG
from portfolio import roles
from portfolio.evaluation import spread
from portfolio.models import Ministry


class Command(BaseCommand):
    help = "Generate a year of meetings, agenda items, minutes, proposals and positions."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100, help="Times the real volume.")
        parser.add_argument("--seed", type=int, default=2027)
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument(
            "--strategy",
            help="One year of work for every year of a strategy, e.g. 2021-2025 (instead of "
            "the year around today).",
        )

    def handle(self, *args, scale: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to generate data while DEBUG is off; use --force.")
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        strategic = Forum.objects.filter(slug=STRATEGIC_FORUM_SLUG).first()
        coordinator = (
            get_user_model().objects.filter(groups__name=roles.COORDINATOR).order_by("pk").first()
        )
        if strategic is None or coordinator is None:
            raise CommandError(
                "Load the reference data and the demo users first: manage.py "
                "load_reference_data and manage.py seed_demo."
            )
        participants = list(
            Ministry.objects.active_on(timezone.localdate())
            .filter(forum_seats__forum=strategic)
            .distinct()
            .order_by("abbreviation")
        )
        if not participants:
            raise CommandError("No ministry holds a seat in Strategisk forum.")
        anchors = [timezone.now()]
        if options.get("strategy"):
            anchors = spread.yearly_anchors(spread.strategy_scope(options["strategy"]))
        rng = random.Random(seed)
        for now in anchors:
            context = Generation(
                rng=rng,
                scale=scale,
                coordinator=coordinator,
                strategic=strategic,
                participants=participants,
                now=now,
            )
            with transaction.atomic():
                meetings = context.meetings()
                proposals = context.proposals()
                journal = generate_records(rng=context.rng)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Forum activity ×{scale}: {meetings} and {proposals} "
                    f"({len(participants)} participating ministries); {journal}."
                )
            )
