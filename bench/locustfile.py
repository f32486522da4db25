"""Load scenario: the portal's user journeys as locust users (see bench/README.md).

- Admin heads (most users) look at the start page and the dashboard, open measure pages, and
  record their own ministry's position, through the web form, on a proposal that waits for it.
- Coordinators (BENCH_COORDINATORS users) list the register, draft and open proposals through
  the web forms, and close proposals whose deadline has passed.
- The secretariat (BENCH_SECRETARIES users) opens meetings and edits draft minutes: adds an
  entry, and removes an entry it added.

Every action is a valid one, so the expected number of errors is 0. Users of one role never act
on the same object: each coordinator closes its own share of the due proposals and each
secretary edits its own share of the draft minutes (shares by id modulo the number of users).
Two admin heads of the same ministry may answer the same proposal; the second one changes the
position, which is allowed. A web action that the portal refuses comes back as a page with an
error message (not an error status), so web actions are checked for that message too.

Logins use the demo users with their correct password (BENCH_PASSWORD, default "demo"), so the
lockout never triggers. The admin heads are BENCH_ADMIN_HEADS (space-separated user names;
bench/load.sh passes every leder-<abbr>), taken in turn.
"""

import datetime
import itertools
import os
import random
import re

from gevent.lock import Semaphore
from locust import HttpUser, between, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "demo")
ADMIN_HEADS = os.environ.get("BENCH_ADMIN_HEADS", "leder-fin").split()
COORDINATORS = int(os.environ.get("BENCH_COORDINATORS", "5"))
SECRETARIES = int(os.environ.get("BENCH_SECRETARIES", "4"))
# The portal's error message (or a form field's) after a refused web action.
REFUSED = re.compile(
    r'class="ds-(?:alert|validation-message)" data-color="danger"[^>]*>(.*?)<', re.S
)
WAITING = re.compile(r'id="waiting-heading".*?</section>', re.S)
PROPOSAL_LINK = re.compile(r'href="/saker/(\d+)/"')
AGENDA_SELECT = re.compile(r'name="entry-agenda_item".*?</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"')
ENTRY_DELETE = re.compile(r'action="/minutes-entries/(\d+)/delete/"')


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        self.random = random.Random(id(self))
        # Log in through the form, as a person does: the form sets the CSRF cookie first.
        self.client.get("/logg-inn/", name="login form")
        with self.client.post(
            "/logg-inn/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            name="login",
            catch_response=True,
        ) as response:
            if "/logg-inn/" in response.url:
                response.failure(f"login as {self.username} failed")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post_form(self, url: str, data: dict, *, name: str, expect: str = ""):
        """POST a web form; it fails when the portal answers with an error message, or does
        not land on a page whose address contains `expect`."""
        data = {**data, "csrfmiddlewaretoken": self.csrf()}
        with self.client.post(url, data, name=name, catch_response=True) as response:
            if response.status_code >= 400:
                response.failure(f"{response.status_code}")
            elif refused := REFUSED.search(response.text):
                response.failure("refused: " + refused.group(1).strip())
            elif expect not in response.url:
                response.failure(f"landed on {response.url}")
            return response

    def api_pages(self, url: str, name: str) -> list[dict]:
        """Every row of a paginated API list (session login; reads need no CSRF token)."""
        rows = []
        while url:
            page = self.client.get(url, name=name).json()
            rows.extend(page["results"])
            url = page["next"]
        return rows


class Shares:
    """Objects of one kind split between the users of a role, loaded once per run."""

    def __init__(self, users: int) -> None:
        self.users = max(1, users)
        self.numbers = itertools.count()
        self.rows: list | None = None
        self.lock = Semaphore()

    def join(self) -> int:
        return next(self.numbers) % self.users

    def share(self, number: int, load) -> list:
        with self.lock:
            if self.rows is None:
                self.rows = load()
        return [row for row in self.rows if row["id"] % self.users == number]


class AdminHead(PortalUser):
    """An admin head: start page, dashboard, measure pages, and the ministry's positions."""

    weight = 1
    turns = itertools.count()
    measure_codes: list[str] = []
    codes_lock = Semaphore()

    def on_start(self) -> None:
        self.username = ADMIN_HEADS[next(self.turns) % len(ADMIN_HEADS)]
        self.abbreviation = self.username.removeprefix("leder-").upper()
        super().on_start()
        with self.codes_lock:
            if not AdminHead.measure_codes:
                rows = self.api_pages("/api/v1/measures/", "api measures (setup)")
                AdminHead.measure_codes = [row["code"] for row in rows]

    @task(3)
    def start_page(self) -> None:
        self.client.get("/", name="start page")

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/portefolje/", name="dashboard")

    @task(3)
    def measure(self) -> None:
        code = self.random.choice(self.measure_codes)
        self.client.get(f"/tiltak/{code}/", name="measure page")

    @task(2)
    def record_position(self) -> None:
        page = self.client.get("/", name="start page")
        waiting = WAITING.search(page.text)
        proposals = PROPOSAL_LINK.findall(waiting.group(0)) if waiting else []
        if not proposals:
            return
        pk = self.random.choice(proposals)
        self.client.get(f"/saker/{pk}/", name="proposal page")
        prefix = self.abbreviation.lower()
        self.post_form(
            f"/saker/{pk}/posisjon/{self.abbreviation}/",
            {f"{prefix}-position": "endorse", f"{prefix}-reason": ""},
            name="record position (form)",
            expect=f"/saker/{pk}/",
        )


class Coordinator(PortalUser):
    """The coordinating ministry: the register, new proposals, closing due ones."""

    fixed_count = COORDINATORS
    username = "koordinator"
    shares = Shares(COORDINATORS)

    def on_start(self) -> None:
        super().on_start()
        number = self.shares.join()
        now = datetime.datetime.now(datetime.UTC)
        self.due = [
            row["id"]
            for row in self.shares.share(number, self._consultation)
            if datetime.datetime.fromisoformat(row["deadline"]) < now
        ]

    def _consultation(self) -> list[dict]:
        return self.api_pages("/api/v1/proposals/?status=consultation", "api proposals (setup)")

    @task(3)
    def register(self) -> None:
        self.client.get("/saker/", name="proposal register")

    @task(1)
    def create_and_open(self) -> None:
        self.client.get("/saker/ny/", name="new proposal form")
        deadline = datetime.datetime.now() + datetime.timedelta(days=14)
        created = self.post_form(
            "/saker/ny/",
            {
                "title": "Felles retningslinjer for bruk av KI",
                "text": "Forumet inviteres til å slutte seg til retningslinjene.",
                "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            },
            name="create proposal (form)",
            expect="/saker/",
        )
        found = re.search(r"/saker/(\d+)/$", created.url)
        if found:
            pk = found.group(1)
            self.post_form(
                f"/saker/{pk}/apne/", {}, name="open proposal (form)", expect=f"/saker/{pk}/"
            )

    @task(1)
    def close_due(self) -> None:
        if not self.due:
            return
        pk = self.due.pop()
        self.client.get(f"/saker/{pk}/", name="proposal page")
        self.post_form(
            f"/saker/{pk}/lukk/", {}, name="close proposal (form)", expect=f"/saker/{pk}/"
        )


class Secretariat(PortalUser):
    """The secretariat: meeting pages and the draft minutes it edits."""

    fixed_count = SECRETARIES
    username = "sekretariat"
    shares = Shares(SECRETARIES)

    def on_start(self) -> None:
        super().on_start()
        number = self.shares.join()
        self.minutes = self.shares.share(number, self._drafts)
        self.added: list[tuple[int, str]] = []

    def _drafts(self) -> list[dict]:
        return self.api_pages("/api/v1/minutes/?status=draft", "api minutes (setup)")

    @task(2)
    def meeting(self) -> None:
        if self.minutes:
            meeting = self.random.choice(self.minutes)["meeting"]
            self.client.get(f"/meetings/{meeting}/", name="meeting page")

    @task(3)
    def edit_minutes(self) -> None:
        if not self.minutes:
            return
        minutes = self.random.choice(self.minutes)
        page = self.client.get(f"/meetings/{minutes['meeting']}/minutes/", name="minutes page")
        select = AGENDA_SELECT.search(page.text)
        items = OPTION.findall(select.group(0)) if select else []
        if items:
            done = self.post_form(
                f"/minutes/{minutes['id']}/entry/",
                {
                    "entry-agenda_item": self.random.choice(items),
                    "entry-kind": "information",
                    "entry-text": "Sekretariatet orienterte om status.",
                    "entry-owner_ministry": "",
                    "entry-due_date": "",
                },
                name="add minutes entry (form)",
                expect="/minutes/",
            )
            entries = ENTRY_DELETE.findall(done.text)
            if entries:
                self.added.append((minutes["meeting"], max(entries, key=int)))

    @task(1)
    def remove_entry(self) -> None:
        if not self.added:
            return
        meeting, entry = self.added.pop()
        self.post_form(
            f"/minutes-entries/{entry}/delete/",
            {},
            name="remove minutes entry (form)",
            expect=f"/meetings/{meeting}/minutes/",
        )
