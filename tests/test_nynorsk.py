"""Nynorsk: a complete catalogue, offered by the switcher, used by the API, names and dates."""

import ast
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdif]|%[sdif%]|\{[^}]*\}|</?(?:a|abbr|b|br|code|em|i|span|strong)\b[^>]*>"
)


def catalogue(language: str) -> dict[tuple[str, str], dict]:
    """The entries of a django.po as {(context, msgid): {"flags", "msgid_plural", "msgstr"}}."""
    entries: dict[tuple[str, str], dict] = {}
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        entry: dict = {"flags": set(), "msgctxt": "", "msgid": "", "msgid_plural": "", "msgstr": []}
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if key == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
            else:
                key, _, rest = line.partition(" ")
                value = ast.literal_eval(rest)
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                    key = "msgstr"
                else:
                    entry[key] = value
        if entry["msgid"]:
            entries[(entry["msgctxt"], entry["msgid"])] = entry
    return entries


def test_the_nynorsk_catalogue_translates_every_message_of_the_bokmal_one():
    """New UI text must be translated to nynorsk too: make messages-update, then fill locale/nn."""
    nynorsk = catalogue("nn")
    bokmal = catalogue("nb")
    assert len(bokmal) > 1000
    missing = [msgid for key, msgid in ((k, k[1]) for k in bokmal) if key not in nynorsk]
    assert missing == [], f"not in locale/nn (run make messages-update): {missing[:5]}"
    fuzzy = [key[1] for key, entry in nynorsk.items() if "fuzzy" in entry["flags"]]
    assert fuzzy == [], f"fuzzy in locale/nn: {fuzzy[:5]}"
    empty = [key[1] for key, entry in nynorsk.items() if not all(entry["msgstr"])]
    assert empty == [], f"untranslated in locale/nn: {empty[:5]}"
    for (_context, msgid), entry in nynorsk.items():
        sources = [msgid, entry["msgid_plural"] or msgid]
        for index, msgstr in enumerate(entry["msgstr"]):
            source = sources[min(index, 1)]
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(source)), msgid


def test_nynorsk_is_offered_between_bokmal_and_english():
    assert [code for code, _name in settings.LANGUAGES] == ["nb", "nn", "en"]


def test_nynorsk_can_be_switched_off():
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "print(','.join(code for code, _ in settings.LANGUAGES))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "strategyportal.settings",
        "LANGUAGE_NN_ENABLED": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "nb,en"


@pytest.mark.django_db
def test_the_switcher_offers_nynorsk_and_the_pages_follow_it(client_for):
    client = client_for("observator")
    page = client.get("/").content.decode()
    options = re.findall(r'<option value="(\w+)" lang="\w+"', page)
    assert options == ["nb", "nn", "en"]
    assert ">Norsk (nynorsk)<" in page
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"
    page = client.get("/").content.decode()
    assert '<html lang="nn"' in page
    assert "Hopp til hovudinnhald" in page and "Hopp til hovedinnhold" not in page
    assert '<option value="nn" lang="nn" selected>' in page


@pytest.mark.django_db
def test_names_are_in_nynorsk_where_they_differ(client_for):
    client = client_for("observator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    page = client.get("/tiltak/T4/").content.decode()
    assert "Heilskapleg etatsstyring" in page and "Helhetlig etatsstyring" not in page
    ministries = client.get("/departementer/").content.decode()
    assert "Utanriksdepartementet" in ministries
    # The same name in both: nynorsk falls back to bokmål.
    assert "Finansdepartementet" in ministries
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    assert "Helhetlig etatsstyring" in client.get("/tiltak/T4/").content.decode()


@pytest.mark.django_db
def test_core_group_forums_are_named_in_nynorsk_where_they_differ(client_for):
    client = client_for("observator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    page = client.get("/forums/kjernegruppe-kg3/").content.decode()
    assert "Kjernegruppe for eit betre kunnskapssystem for handtering av kriser" in page
    assert "Kjernegruppe for et bedre" not in page


@pytest.mark.django_db
def test_choices_name_measures_forums_and_target_areas_in_the_reader_language(client_for):
    client = client_for("koordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    create = client.get("/tiltak/ny/").content.decode()
    assert "MO2 Eit sterkare departementsfellesskap" in create
    assert "Et sterkere departementsfellesskap" not in create
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    governance = client.get("/tiltak/T5/styring/").content.decode()
    assert ">Strategic Forum</option>" in governance
    picked = client.get("/tiltak/velg/", {"q": "T4", "field": "measures", "type": "checkbox"})
    assert "T4 Holistic agency governance" in picked.content.decode()


@pytest.mark.django_db
def test_the_api_answers_in_nynorsk(api_client_for):
    client = api_client_for("observator")
    response = client.get("/api/v1/ministries/UD/", HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Utanriksdepartementet" and body["name_nb"] == "Utenriksdepartementet"
    assert body["name_nn"] == "Utanriksdepartementet"
    response = client.get("/api/v1/measures/T4/", HTTP_ACCEPT_LANGUAGE="nn")
    assert response.json()["name"] == "Heilskapleg etatsstyring"
    forum = client.get("/api/v1/forums/hr-tjenester/", HTTP_ACCEPT_LANGUAGE="nn").json()
    assert forum["name"] == "HR-tenester"
    missing = client.get("/api/v1/measures/T404/", HTTP_ACCEPT_LANGUAGE="nn")
    assert missing.status_code == 404
    schema = client.get("/api/v1/schema/?lang=nn")
    assert schema["Content-Language"] == "nn"
    assert "Hent eit tiltak" in schema.content.decode()


def test_dates_and_times_in_nynorsk():
    moment = datetime.datetime(2027, 2, 3, 14, 0)
    with translation.override("nn"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "3. februar 2027 14.00"
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "03.02.2027"
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1\xa0234,5"
        assert formats.date_format(moment, "l") == "onsdag"
