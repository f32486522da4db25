"""LES-MEG.md (bokmål) and README.md (English): what each table means, how figures are derived."""

from typing import TypedDict

from django.utils import timezone

from portfolio.evaluation.schema import TABLES
from portfolio.evaluation.scope import Scope


class ReadmeText(TypedDict):
    title: str
    intro: str
    scope: str
    tables: str
    rows: str
    figures: str
    derivations: list[str]


TEXT: dict[str, ReadmeText] = {
    "nb": {
        "title": "Evalueringsgrunnlag for strategiperioden {slug}",
        "intro": (
            "Pakken inneholder alle data Strategiportalen har om strategien «{title}» "
            "for årene {start}–{end}, laget {made}. Tabellene finnes både som ark i "
            "`portfolio.xlsx` og som CSV-filer (UTF-8) i `data/`; `datapackage.json` beskriver "
            "dem som en Frictionless Data Package. Tidspunkter er i UTC."
        ),
        "scope": (
            "Avgrensning: tiltakene er de som er knyttet til et av strategiens målområder. "
            "Statusrapporter og vurderinger hører til rapporteringsperioder i årene {start}–{end}; "
            "saker, standpunkter, møter, referater og oppfølgingspunkter til forumenes år i samme "
            "periode. Milepæler, risikoer og gevinster tas med for tiltakene i sin helhet. "
            "Oppfølgingspunkter er referatpunktene av typen «oppfølgingspunkt». Tekster som "
            "begynner med =, +, - eller @ har fått en apostrof foran, så regneark ikke kjører "
            "dem som formler."
        ),
        "tables": "Tabeller",
        "rows": "rader",
        "figures": "Slik er figurene regnet ut (`charts/nb/`, `charts/en/`, `figures.json`)",
        "derivations": [
            "**RAG-varmekart**: samlet status (grønn, gul, rød) for hvert tiltak i hver "
            "rapporteringsperiode; grå betyr ingen rapport.",
            "**Kriterium A mot C**: gjennomsnittlig poeng (1–5) per tiltak over hele perioden, "
            "alle departementers vurderinger; bare tiltak med både A og C er med.",
            "**Beslutninger per år**: avsluttede saker (tilsluttet, ikke tilsluttet, trukket) "
            "etter sakens år.",
            "**Deltakelse per departement**: andel av sakene departementet var med i (etter at "
            "høringen åpnet) der det registrerte et standpunkt innen fristen, og andel av møtene "
            "med registrert oppmøte der det var til stede eller representert ved stedfortreder; "
            "– der det ikke var noen saker eller møter.",
            "**Kriterium A mot C**, punktene: tiltak med samme poeng deler ett punkt, merket med "
            "det første og antallet til («T1 +2»); et merke som ville dekket et annet, utelates. "
            "Tabellene og `figures.json` har alle tiltakene.",
            "Et diagram uten data i perioden sier det i stedet for å vise tomme akser.",
        ],
    },
    "en": {
        "title": "Evaluation data for the strategy period {slug}",
        "intro": (
            "The package holds all data Strategiportalen has on the strategy “{title}” for "
            "{start}–{end}, made {made}. The tables are both sheets of `portfolio.xlsx` and CSV "
            "files (UTF-8) in `data/`; `datapackage.json` describes them as a Frictionless Data "
            "Package. Times are in UTC."
        ),
        "scope": (
            "Scope: the measures are those linked to one of the strategy's target areas. Status "
            "reports and assessments belong to reporting periods in {start}–{end}; proposals, "
            "positions, meetings, minutes and follow-up actions to the forums' years in the same "
            "period. Milestones, risks and benefits are included for the measures as a whole. "
            "Follow-up actions are the minutes' entries of the kind “follow-up action”. Texts "
            "starting with =, +, - or @ carry a leading apostrophe so that spreadsheets do not "
            "run them as formulas."
        ),
        "tables": "Tables",
        "rows": "rows",
        "figures": "How the figures are derived (`charts/nb/`, `charts/en/`, `figures.json`)",
        "derivations": [
            "**RAG heat map**: the overall status (green, amber, red) of every measure in every "
            "reporting period; grey means no report.",
            "**Criteria A against C**: the mean score (1–5) per measure over the whole period, "
            "all ministries' assessments; only measures with both A and C are shown.",
            "**Decisions per year**: closed proposals (endorsed, not endorsed, withdrawn) by the "
            "proposal's year.",
            "**Participation per ministry**: the share of the proposals the ministry took part "
            "in (once consultation opened) on which it recorded a position by the deadline, and "
            "the share of the meetings with attendance recorded at which it was present or "
            "represented by a deputy; – where there were no proposals or meetings.",
            "**Criteria A against C**, the points: measures with the same scores share one "
            "point, labelled with the first and how many more (“T1 +2”); a label that would "
            "cover another is left out. The tables and `figures.json` have every measure.",
            "A chart without data in the period says so instead of drawing empty axes.",
        ],
    },
}


def readme(scope: Scope, language: str, written: dict[str, int]) -> str:
    text = TEXT[language]
    strategy = scope.strategy
    values = {
        "slug": scope.slug,
        "title": strategy.title_nb if language == "nb" else strategy.title_en or strategy.title_nb,
        "start": strategy.period_start,
        "end": strategy.period_end,
        "made": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
    }
    lines = [f"# {text['title'].format(**values)}", "", text["intro"].format(**values), ""]
    lines += [text["scope"].format(**values), "", f"## {text['tables']}", ""]
    for table in TABLES:
        lines.append(
            f"### `{table.name}` — {getattr(table, language)} "
            f"({written.get(table.name, 0)} {text['rows']})"
        )
        lines.append("")
        lines += [
            f"- `{field.name}` ({field.type}): {getattr(field, language)}" for field in table.fields
        ]
        lines.append("")
    lines += [f"## {text['figures']}", ""]
    lines += [f"- {item}" for item in text["derivations"]]
    return "\n".join(lines) + "\n"
