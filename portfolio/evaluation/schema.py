"""The tables of the evaluation package: their fields (name, Frictionless type, bokmål, English).

The descriptions feed datapackage.json, the workbook's header notes and LES-MEG.md/README.md.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from forums.selectors import evaluation_rows as rows
from portfolio.evaluation.scope import Scope


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    nb: str
    en: str


@dataclass(frozen=True)
class Table:
    name: str
    nb: str
    en: str
    fields: tuple[Field, ...]
    rows: Callable[[Scope], Iterator[list]]


def _f(name: str, type_: str, nb: str, en: str) -> Field:
    return Field(name, type_, nb, en)


MEASURE = _f("measure", "string", "Tiltakets kode", "Code of the measure")


TABLES: tuple[Table, ...] = (
    Table(
        "measures",
        "Tiltakene i strategiens målområder",
        "The measures of the strategy's target areas",
        (
            MEASURE,
            _f("name_nb", "string", "Navn (bokmål)", "Name (bokmål)"),
            _f("name_en", "string", "Navn (engelsk)", "Name (English)"),
            _f("lead_ministry", "string", "Ledende departement", "Lead ministry"),
            _f("target_areas", "string", "Målområder (koder, ;-delt)", "Target areas (codes, ;)"),
            _f("status", "string", "Status i livsløpet", "Status in the lifecycle"),
        ),
        rows.measures_rows,
    ),
    Table(
        "status_reports",
        "Statusrapporter: tiltak × rapporteringsperiode",
        "Status reports: measure × reporting period",
        (
            MEASURE,
            _f("period", "string", "Rapporteringsperiode (år-nr.)", "Reporting period (year-no.)"),
            _f("year", "integer", "År", "Year"),
            _f("sequence", "integer", "Nummer i året", "Number in the year"),
            _f("rag", "string", "Samlet status (RAG)", "Overall status (RAG)"),
            _f("confidence", "string", "Leveransesikkerhet", "Delivery confidence"),
            _f("progress", "string", "Fremdrift (RAG)", "Progress (RAG)"),
            _f("schedule", "string", "Tidsplan (RAG)", "Schedule (RAG)"),
            _f("cost", "string", "Kostnad (RAG)", "Cost (RAG)"),
            _f("risk", "string", "Risiko (RAG)", "Risk (RAG)"),
            _f("rationale", "string", "Begrunnelse for sikkerheten", "Rationale for confidence"),
            _f("ministry", "string", "Rapporterende departement", "Reporting ministry"),
        ),
        rows.status_reports_rows,
    ),
    Table(
        "assessments",
        "Vurderinger mot kriteriene A/B/C per departement og periode",
        "Assessments against criteria A/B/C per ministry and period",
        (
            MEASURE,
            _f("period", "string", "Rapporteringsperiode", "Reporting period"),
            _f("criterion", "string", "Kriterium (A, B, C)", "Criterion (A, B, C)"),
            _f("ministry", "string", "Vurderende departement", "Assessing ministry"),
            _f("score", "integer", "Poeng (1–5)", "Score (1–5)"),
            _f("comment", "string", "Kommentar", "Comment"),
        ),
        rows.assessments_rows,
    ),
    Table(
        "milestones",
        "Milepæler",
        "Milestones",
        (
            MEASURE,
            _f("title", "string", "Tittel", "Title"),
            _f("planned_on", "date", "Planlagt dato", "Planned date"),
            _f("forecast_on", "date", "Prognose", "Forecast"),
            _f("actual_on", "date", "Faktisk dato", "Actual date"),
        ),
        rows.milestones_rows,
    ),
    Table(
        "risks",
        "Risikoer",
        "Risks",
        (
            MEASURE,
            _f("title", "string", "Tittel", "Title"),
            _f("probability", "integer", "Sannsynlighet (1–5)", "Probability (1–5)"),
            _f("impact", "integer", "Konsekvens (1–5)", "Impact (1–5)"),
            _f("owner_ministry", "string", "Eierdepartement", "Owner ministry"),
            _f("status", "string", "Status (open/closed)", "Status (open/closed)"),
            _f("response", "string", "Tiltak mot risikoen", "Response"),
        ),
        rows.risks_rows,
    ),
    Table(
        "benefits",
        "Gevinster",
        "Benefits",
        (
            MEASURE,
            _f("title", "string", "Tittel", "Title"),
            _f("indicator", "string", "Indikator", "Indicator"),
            _f("unit", "string", "Enhet", "Unit"),
            _f("baseline", "number", "Utgangsverdi", "Baseline"),
            _f("target", "number", "Målverdi", "Target"),
            _f("target_on", "date", "Måldato", "Target date"),
        ),
        rows.benefits_rows,
    ),
    Table(
        "proposals",
        "Saker til tilslutning i forumene",
        "Proposals put to the forums for endorsement",
        (
            _f("register_number", "string", "Saksnummer", "Register number"),
            _f("forum", "string", "Forum (kode)", "Forum (code)"),
            _f("year", "integer", "År", "Year"),
            _f("title", "string", "Tittel", "Title"),
            _f("outcome", "string", "Utfall/status", "Outcome/status"),
            _f("silent_consent", "boolean", "Stilltiende samtykke", "Silent consent"),
            _f("versions", "integer", "Antall versjoner", "Number of versions"),
            _f("opened_at", "datetime", "Sendt på høring", "Opened for consultation"),
            _f("deadline", "datetime", "Frist", "Deadline"),
            _f("closed_at", "datetime", "Avsluttet", "Closed"),
            _f("measures", "string", "Tiltak (koder, ;-delt)", "Measures (codes, ;)"),
        ),
        rows.proposals_rows,
    ),
    Table(
        "positions",
        "Standpunkter: departement × saksversjon",
        "Positions: ministry × proposal version",
        (
            _f("register_number", "string", "Saksnummer", "Register number"),
            _f("version", "integer", "Versjon", "Version"),
            _f("ministry", "string", "Departement", "Ministry"),
            _f("position", "string", "Standpunkt", "Position"),
            _f("recorded_at", "datetime", "Registrert", "Recorded"),
            _f("before_deadline", "boolean", "Før fristen", "Before the deadline"),
            _f("current", "boolean", "Gjeldende (ikke trukket)", "Current (not withdrawn)"),
        ),
        rows.positions_rows,
    ),
    Table(
        "meetings",
        "Møter med oppmøte per departement",
        "Meetings with attendance per ministry",
        (
            _f("meeting_id", "integer", "Møtets id", "Meeting id"),
            _f("forum", "string", "Forum (kode)", "Forum (code)"),
            _f("year", "integer", "År", "Year"),
            _f("title", "string", "Tittel", "Title"),
            _f("starts_at", "datetime", "Starter", "Starts"),
            _f("status", "string", "Status", "Status"),
            _f("present", "integer", "Til stede", "Present"),
            _f("deputy", "integer", "Representert ved stedfortreder", "By deputy"),
            _f("absent", "integer", "Fraværende", "Absent"),
            _f("attendance", "string", "Oppmøte (DEP=status, ;-delt)", "Attendance (DEP=status)"),
        ),
        rows.meetings_rows,
    ),
    Table(
        "minutes",
        "Referater (versjoner)",
        "Minutes (versions)",
        (
            _f("minutes_id", "integer", "Referatets id", "Minutes id"),
            _f("meeting_id", "integer", "Møtets id", "Meeting id"),
            _f("forum", "string", "Forum (kode)", "Forum (code)"),
            _f("version", "integer", "Versjon", "Version"),
            _f("status", "string", "Status", "Status"),
            _f("approved_at", "datetime", "Godkjent", "Approved"),
            _f("corrects", "integer", "Retter referat (id)", "Corrects minutes (id)"),
            _f("entries", "integer", "Antall punkter", "Number of entries"),
        ),
        rows.minutes_rows,
    ),
    Table(
        "follow_up_actions",
        "Oppfølgingspunkter fra referatene",
        "Follow-up actions from the minutes",
        (
            _f("entry_id", "integer", "Punktets id", "Entry id"),
            _f("minutes_id", "integer", "Referatets id", "Minutes id"),
            _f("forum", "string", "Forum (kode)", "Forum (code)"),
            _f("text", "string", "Tekst", "Text"),
            _f("owner_ministry", "string", "Ansvarlig departement", "Owner ministry"),
            _f("due_date", "date", "Frist", "Due date"),
        ),
        rows.follow_up_actions_rows,
    ),
)
