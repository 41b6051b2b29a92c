"""
Traffic for the reliability tests, over real HTTP: API readers, and editors who save drafts,
submit them and walk them through every approval to publication, as people do in the admin.
Every answer is recorded (kind, status, seconds) so that the tests can count and time them.
"""

from __future__ import annotations

import re
import secrets
import statistics
import threading
import time
from dataclasses import dataclass, field
from types import SimpleNamespace

import requests

from tests.helpers.forms import award_row, exemplar_form
from tests.helpers.servers import AdminSession

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
API = "/api/content/v1"
# How long a client waits for an answer. Generous: on a small shared machine a request can
# queue for many seconds behind the others; a hang is still caught (the server's own worker
# timeout is 60 s, and the tests join every client thread).
CLIENT_TIMEOUT = 120


@dataclass
class Answer:
    kind: str
    status: int  # 0: no answer (connection refused or reset, timeout)
    seconds: float
    at: float
    detail: str = ""


@dataclass
class Recorder:
    answers: list[Answer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(self, kind: str, send) -> requests.Response | None:
        started = time.monotonic()
        try:
            response = send()
        except requests.RequestException as exc:
            self.add(Answer(kind, 0, time.monotonic() - started, started, type(exc).__name__))
            return None
        detail = response.text[:300] if response.status_code >= 500 else ""
        self.add(Answer(kind, response.status_code, time.monotonic() - started, started, detail))
        return response

    def add(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)

    def of(self, *kinds: str) -> list[Answer]:
        return [a for a in self.answers if not kinds or a.kind in kinds]

    def figures(self, *kinds: str) -> dict:
        answers = self.of(*kinds)
        times = sorted(a.seconds for a in answers if a.status)
        quantiles = statistics.quantiles(times, n=20) if len(times) >= 2 else [0.0] * 19
        return {
            "requests": len(answers),
            "p50_ms": round(statistics.median(times) * 1000) if times else 0,
            "p95_ms": round(quantiles[18] * 1000),
            "5xx": sum(1 for a in answers if a.status >= 500),
            "no_answer": sum(1 for a in answers if a.status == 0),
            "other_errors": sum(1 for a in answers if 400 <= a.status < 500),
        }


def read_api(base: str, paths: list[str], headers: dict, recorder: Recorder, stop: threading.Event) -> None:
    """One API reader: the paths in turn, as fast as the server answers, until `stop`."""
    with requests.Session() as session:
        session.headers.update(headers)
        n = 0
        while not stop.is_set():
            path = paths[n % len(paths)]
            recorder.call("read", lambda path=path: session.get(base + path, timeout=CLIENT_TIMEOUT))
            n += 1


@dataclass
class Reviewers:
    """
    The unit head and the coordinating roles that approve a proposal in turn, to its release
    on the two channels it proposes: the Office releases `public`, the journal its own channel.
    """

    sessions: list[tuple[str, AdminSession, dict]]

    @classmethod
    def signed_in(cls, base: str, people: dict) -> Reviewers:
        steps = [
            ("head", {}),
            ("emulation", {"recognition_level": "typical", "channels": ["public", "journal"]}),
            ("journal", {}),
            ("office", {}),
            ("journal", {}),  # the journal's channel, by the journal (each channel its publisher)
        ]
        sessions = []
        for name, data in steps:
            session = AdminSession(base, timeout=CLIENT_TIMEOUT)
            session.login(people[name].username, PASSWORD)
            sessions.append((name, session, data))
        return cls(sessions)


@dataclass
class Editor:
    """
    An editor with a page of their own: saves drafts, submits every third one, and has it
    approved through every stage (published), again and again. Remembers each title the
    server acknowledged (a redirect after the save), to check none was lost.
    """

    base: str
    username: str
    unit: int
    folder: int
    award_form: int
    recorder: Recorder
    page_id: int | None = None
    saved: list[str] = field(default_factory=list)
    published: int = 0
    refused: list[str] = field(default_factory=list)

    def form(self, title: str) -> dict:
        return exemplar_form(
            SimpleNamespace(pk=self.unit),
            awards=[award_row(SimpleNamespace(pk=self.award_form))],
            title=title,
            slug=f"tai-{self.username}",
        )

    def save(self, session: AdminSession, submit: bool = False) -> bool:
        title = f"Gương tải {self.username} {secrets.token_hex(4)}"
        data = self.form(title)
        if submit:
            data["action-submit"] = "1"
        if self.page_id is None:
            url = f"/admin/pages/add/exemplar_pages/exemplarpage/{self.folder}/"
        else:
            url = f"/admin/pages/{self.page_id}/edit/"
        response = self.recorder.call("save", lambda: session.form_post(url, data))
        if response is None or response.status_code != 302:
            if response is not None and response.status_code < 500:
                self.refused.append(f"{response.status_code} {url}: {form_errors(response.text)}")
            return False
        self.saved.append(title)
        if self.page_id is None:
            self.page_id = int(re.search(r"/admin/pages/(\d+)/edit/", response.headers["Location"]).group(1))
        return True

    def approve(self, reviewers: Reviewers, stop: threading.Event | None = None) -> bool:
        for name, session, data in reviewers.sessions:
            if stop is not None and stop.is_set():  # time is up: the workflow stays at this stage
                return False
            edit = self.recorder.call("review", lambda s=session: s.get(f"/admin/pages/{self.page_id}/edit/"))
            if edit is None or edit.status_code != 200:
                return False
            match = re.search(
                rf"/admin/pages/workflow/(?:action|collect_action_data)/{self.page_id}/approve/(\d+)/",
                edit.text,
            )
            if not match:
                self.refused.append(f"{name}: no approve action")
                return False
            url = f"/admin/pages/workflow/action/{self.page_id}/approve/{match.group(1)}/"
            answer = self.recorder.call("approve", lambda s=session, u=url, d=data: s.form_post(u, d))
            if answer is None or answer.status_code not in (200, 302):
                if answer is not None:  # no answer at all is counted by the recorder
                    self.refused.append(f"{name}: approval answered {answer.status_code}")
                return False
            json_answer = answer.headers.get("Content-Type", "").startswith("application/json")
            if answer.status_code == 200 and json_answer and answer.json().get("step") == "action":
                self.refused.append(f"{name}: approval refused")
                return False
        self.published += 1
        return True

    def sign_in(self, people: dict) -> None:
        """Before the clock starts: the editor's and the reviewers' sessions."""
        self.session = AdminSession(self.base, timeout=CLIENT_TIMEOUT)
        self.session.login(self.username, PASSWORD)
        self.reviewers = Reviewers.signed_in(self.base, people)

    def work(self, stop: threading.Event, saves_per_cycle: int = 3) -> None:
        session, reviewers = self.session, self.reviewers
        while not stop.is_set():
            for _ in range(saves_per_cycle - 1):
                self.save(session)
                if stop.is_set():
                    return
            if self.save(session, submit=True):
                self.approve(reviewers, stop)


def form_errors(html: str) -> list[str]:
    """What the admin told the editor when it answered the form again: its messages and field errors."""
    texts = re.findall(r'<li class="error">(.*?)</li>|<p class="error-message">(.*?)</p>', html, re.S)
    words = (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", message or field)).strip() for message, field in texts
    )
    return [text[:200] for text in words if text][:5]


def print_figures(
    title: str, recorder: Recorder, seconds: float, *groups: tuple[str, tuple[str, ...]]
) -> None:
    print(f"\n{title} ({seconds:.0f} s)")
    for label, kinds in groups:
        figures = recorder.figures(*kinds)
        rate = figures["requests"] / seconds if seconds else 0
        print(f"  {label:<10} " + ", ".join(f"{k} {v}" for k, v in figures.items()) + f", {rate:.1f}/s")


# Rows that would be half-written: each query lists what breaks an invariant, and must be empty.
INTEGRITY_QUERIES = {
    "page without its latest revision, or with another title": """
        SELECT p.id FROM wagtailcore_page p LEFT JOIN wagtailcore_revision r ON r.id = p.latest_revision_id
        WHERE p.latest_revision_id IS NOT NULL AND (r.id IS NULL OR r.content->>'title' <> p.draft_title)""",
    "live page without its live revision": """
        SELECT p.id FROM wagtailcore_page p LEFT JOIN wagtailcore_revision r ON r.id = p.live_revision_id
        WHERE p.live AND p.depth > 2 AND p.live_revision_id IS NOT NULL AND r.id IS NULL""",
    "workflow in progress without a task in progress": """
        SELECT w.id FROM wagtailcore_workflowstate w LEFT JOIN wagtailcore_taskstate t ON t.id = w.current_task_state_id
        WHERE w.status = 'in_progress' AND (t.id IS NULL OR t.status <> 'in_progress')""",
    "task in progress outside a workflow in progress": """
        SELECT t.id FROM wagtailcore_taskstate t JOIN wagtailcore_workflowstate w ON w.id = t.workflow_state_id
        WHERE t.status = 'in_progress' AND w.status <> 'in_progress'""",
    "live exemplar missing from the API's documents, or under another title": """
        SELECT p.id FROM wagtailcore_page p JOIN exemplar_pages_exemplarpage e ON e.page_ptr_id = p.id
        LEFT JOIN content_api_contentdocument d ON d.page_id = p.id
        WHERE p.live AND (d.page_id IS NULL OR d.title <> p.title)""",
    "document of the API without its published event": """
        SELECT d.page_id FROM content_api_contentdocument d
        WHERE NOT EXISTS (SELECT 1 FROM partners_changeevent c WHERE c.page_id = d.page_id)""",
    "delivery without an event or payload": """
        SELECT id FROM partners_webhookdelivery WHERE payload = '' OR (event_id IS NULL AND status = 'pending')""",
}


def half_written(database_url: str) -> dict[str, list]:
    """What INTEGRITY_QUERIES find in the database at `database_url` (empty lists when sound)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        return {
            name: [row[0] for row in connection.execute(query).fetchall()]
            for name, query in INTEGRITY_QUERIES.items()
        }


def revision_titles(database_url: str, page_id: int) -> set[str]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s", [str(page_id)]
        ).fetchall()
    return {row[0] for row in rows}
