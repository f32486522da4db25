import io

import pytest
from django.core.management import call_command


@pytest.fixture
def period_data(demo_users):
    """Ten measures with reports over 2021–2025 and a year of forum work for each year."""
    quiet = io.StringIO()
    call_command("generate_portfolio", measures=10, strategy="2021-2025", force=True, stdout=quiet)
    call_command("generate_forum_activity", scale=1, strategy="2021-2025", force=True, stdout=quiet)
