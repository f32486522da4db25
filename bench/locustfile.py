"""Load scenario skeleton: the user journeys of the portal as locust users.

Run with `make bench` against a server you started (see bench/README.md). Only the pages and
API endpoints that exist today are exercised; proposals, positions and minutes join the
journeys when their pages land.
"""

import os

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        # Log in through the form, as a person does: fetch the CSRF cookie first.
        self.client.get("/logg-inn/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/logg-inn/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/logg-inn/"},
            name="login",
        )


class AdminHead(PortalUser):
    """Admin heads of the ministries look at the dashboard and the measures."""

    weight = 3
    username = "leder-fin"

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/", name="start page")

    @task(1)
    def measure(self) -> None:
        self.client.get("/tiltak/T5/", name="measure detail")


class Coordinator(PortalUser):
    """The coordinating ministry works through the portfolio and the API."""

    weight = 1
    username = "koordinator"

    @task(2)
    def ministries(self) -> None:
        self.client.get("/departementer/", name="ministry list")

    @task(1)
    def api_measures(self) -> None:
        self.client.get("/api/v1/measures/", name="api measures")
