"""Never a response for another user: 16 concurrent clients of five accounts against the real
gunicorn configuration on PostgreSQL (issue #9: with a connection shared across the fork,
39 of 720 pages were rendered for another user and 22 API tokens judged as another account).

Every request checks what it got: a page must show its own user's e-mail in the header, and
what identifies the account (the organisation's tenders, the supplier's record); an API
answer must hold only the token owner's objects.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from procure.liveserver import Account, Browser, who
from tests.security.conftest import Live

CLIENTS = 16
REQUESTS_PER_CLIENT = 50
ROLES = ("buyer_a", "buyer_b", "supplier", "admin")

pytestmark = pytest.mark.slow


def _page_verdict(account: Account, response, marker: str) -> str:
    if response.status_code >= 500:
        return "5xx"
    if response.status_code != 200:
        return f"status {response.status_code}"
    shown = who(response.text)
    if shown != account.email:
        return "wrong user"
    return "ok" if marker in response.text else "content of another user"


def _pages(account: Account, people: dict[str, Account]) -> list[tuple[str, str]]:
    """(path, text that only this account's page shows)."""
    if account.role == "buyer":
        others = [p for p in people.values() if p.role == "buyer" and p is not account]
        return [
            ("/tenders/", account.tenders[0]),
            ("/", account.email),
            (f"/tenders/{account.tenders[1]}", account.organisation),
            ("/account/notifications", account.email),
        ] + [(f"/tenders/{o.tenders[0]}", "404") for o in others]
    if account.role == "supplier":
        return [
            (f"/suppliers/{account.supplier_id}", account.supplier_name),
            ("/suppliers/for-you", account.email),
            ("/account/notifications", account.email),
        ]
    return [("/admin/suppliers/", "Solidaire"), ("/admin/tenders/", account.email)]


def _api(account: Account, people: dict[str, Account]):
    """(path, check of the JSON body) for this account's token."""
    if account.role == "buyer":
        return (
            "/api/v1/tenders/",
            lambda body: (
                sorted(t["reference"] for t in body) == sorted(account.tenders)
                and {t["buyer"] for t in body} == {account.organisation}
            ),
        )
    if account.role == "supplier":
        return f"/api/v1/suppliers/{account.siret}", lambda body: body["siret"] == account.siret
    every = sorted(r for p in people.values() for r in p.tenders)
    return "/api/v1/tenders/", lambda body: sorted(t["reference"] for t in body) == every


def _client(live: Live, account: Account, cookies, counts: Counter, lock: threading.Lock):
    browser = Browser(live.base)
    browser.cookies.update(cookies)
    pages = _pages(account, live.people)
    api_path, api_ok = _api(account, live.people)
    local: Counter = Counter()
    for i in range(REQUESTS_PER_CLIENT):
        if i % 2:
            path, marker = pages[(i // 2) % len(pages)]
            response = browser.get(path)
            if marker == "404":  # another organisation's tender: refused, as this user
                ok = response.status_code == 404 and who(response.text) == account.email
                verdict = "ok" if ok else _page_verdict(account, response, "\0")
            else:
                verdict = _page_verdict(account, response, marker)
            local[("page", verdict)] += 1
        else:
            response = browser.get(api_path, headers={"Authorization": f"Bearer {account.token}"})
            if response.status_code >= 500:
                verdict = "5xx"
            elif response.status_code != 200:
                verdict = f"status {response.status_code}"
            else:
                verdict = "ok" if api_ok(response.json()) else "wrong user"
            local[("api", verdict)] += 1
    with lock:
        counts.update(local)


def test_sixteen_concurrent_clients_are_each_served_as_themselves(live: Live):
    # One log-in per person (several tabs share it), as the log-in rate limit allows.
    cookies = {key: live.cookies(key) for key in ROLES}
    counts: Counter = Counter()
    lock = threading.Lock()
    with ThreadPoolExecutor(CLIENTS) as pool:
        jobs = [
            pool.submit(
                _client, live, live.people[ROLES[n % 4]], cookies[ROLES[n % 4]], counts, lock
            )
            for n in range(CLIENTS)
        ]
        for job in jobs:
            job.result()
    total = sum(counts.values())
    summary = ", ".join(f"{kind} {verdict}: {n}" for (kind, verdict), n in sorted(counts.items()))
    print(f"\n{CLIENTS} clients x {REQUESTS_PER_CLIENT} requests = {total}: {summary}")
    assert total == CLIENTS * REQUESTS_PER_CLIENT
    bad = {k: n for k, n in counts.items() if k[1] != "ok"}
    assert bad == {}, f"responses not served as their user, or failed: {bad}"
