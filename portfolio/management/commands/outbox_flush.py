from django.core.management.base import BaseCommand

from portfolio.outbox import outbox_flush


class Command(BaseCommand):
    help = "Publish pending outbox messages to the Celery broker (also runs every minute in beat)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Most messages to publish.")

    def handle(self, *args, limit: int, **options):
        result = outbox_flush(limit=limit)
        self.stdout.write(f"sent {result['sent']}, still pending {result['pending']}")
        if result["pending"] and not result["sent"]:
            # Non-zero exit lets a cron job or an operator see that the broker is still down.
            raise SystemExit(1)
