"""Backup and restore of the portal's data as a Django fixture (XML, optionally compressed).

XML, because Django's JSON encoder cuts timestamps to milliseconds and a restore must give
back the exact moments of the audit trail.

Works the same on SQLite and PostgreSQL. Foreign keys to content types and permissions are
written as natural keys, because those rows are recreated with other ids in a new database;
every other row keeps its primary key, so guardian's per-object grants and the audit trail's
object ids stay valid. On PostgreSQL, `pg_dump --format=custom` is the alternative for large
databases; this command is the one that needs no database tools.
"""

from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import override_settings

# Recreated by migrate, transient, or a cache of other data.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_celery_results",
]


COMPRESSIONS = {"", ".gz", ".bz2", ".xz", ".lzma"}


def backup_write(*, path: Path) -> None:
    """Dump every app's data to `path` (name.xml, or name.xml.gz/.bz2/.xz to compress)."""
    path = Path(path)
    compression = path.suffix if path.suffix in COMPRESSIONS - {""} else ""
    if Path(path.name.removesuffix(compression)).suffix != ".xml":
        raise ValueError("the file name must end in .xml, .xml.gz, .xml.bz2 or .xml.xz")
    call_command(
        "dumpdata",
        format="xml",
        exclude=EXCLUDED,
        natural_foreign=True,
        indent=1,
        output=str(path),
        verbosity=0,
    )


def backup_restore(*, path: Path, replace: bool) -> None:
    """Load a backup in one transaction: all of it or nothing.

    With `replace`, the current data is deleted first (in the same transaction); without it,
    the database must be empty of portal data.
    """
    if not Path(path).exists():
        raise FileNotFoundError(path)
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic():
        if replace:
            # PostgreSQL refuses to truncate tables with deferred checks still pending in an
            # enclosing transaction: run them now.
            connection.check_constraints()
            tables = connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            connection.ops.execute_sql_flush(
                connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
            )
            # Content types and permissions come back as migrate creates them, with new ids.
            ContentType.objects.clear_cache()
            emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        elif backup_has_data():
            raise ValueError("the database already holds data")
        # The backup holds the field history itself: restoring must not write history of its own.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(path), verbosity=0)


def backup_has_data() -> bool:
    user_model = apps.get_model("auth", "User")
    ministry_model = apps.get_model("portfolio", "Ministry")
    return user_model.objects.exists() or ministry_model.objects.exists()
