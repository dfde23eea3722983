"""Only failed log-ins count, and they cannot lock the owner out (#9, #12)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from procure.accounts import services
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer

OFFICE = {"REMOTE_ADDR": "192.0.2.10"}
HOME = {"REMOTE_ADDR": "198.51.100.7"}


def test_thirty_successful_log_ins_from_one_address_are_never_refused(client, app, app_ctx):
    make_buyer("claire@example.org")
    office = app.test_client()
    office.environ_base.update(OFFICE)
    for n in range(30):
        response = login(office, "claire@example.org", PASSWORD)
        assert response.status_code == 302, f"log-in {n + 1} refused"
        office.post("/account/logout", data={"csrf_token": csrf_token(office, "/")})


def _until(page: str) -> str:
    return re.search(r"jusqu(?:'|&#39;)à (\d{1,2} h \d{2})", page).group(1)


def test_six_failures_block_the_seventh_attempt_and_say_until_when(client, app, app_ctx):
    make_buyer("claire@example.org")
    attacker = app.test_client()
    attacker.environ_base.update(OFFICE)
    start = datetime.now(ZoneInfo("Europe/Paris"))
    for n in range(6):
        page = login(attacker, "claire@example.org", f"mauvais-{n}")
        assert page.status_code == 200
        assert "mot de passe incorrect" in page.get_data(as_text=True)
    blocked = login(attacker, "claire@example.org", PASSWORD)  # even the right password
    assert blocked.status_code == 429
    page = blocked.get_data(as_text=True)
    assert "Trop de tentatives de connexion échouées" in page
    # 15 minutes after the first failure, rounded up to the minute, in Paris time.
    shown = _until(page)
    window = [start + timedelta(minutes=15, seconds=s) for s in (0, 60, 120)]
    assert shown in {f"{t.hour} h {t.minute:02d}" for t in window}
    assert "claire@example.org" not in attacker.get("/").get_data(as_text=True)

    # The owner, elsewhere, is not locked out by someone else's failures.
    owner = app.test_client()
    owner.environ_base.update(HOME)
    assert login(owner, "claire@example.org", PASSWORD).status_code == 302


def test_the_until_time_is_written_in_the_readers_language(client, app, app_ctx):
    make_buyer("claire@example.org")
    for n in range(6):
        login(client, "claire@example.org", f"mauvais-{n}")
    token = csrf_token(client, "/account/login")
    blocked = client.post(
        "/account/login",
        data={"email": "claire@example.org", "password": PASSWORD, "csrf_token": token},
        headers={"Accept-Language": "en"},
    )
    assert blocked.status_code == 429
    assert re.search(r"\d{1,2}:\d{2}", blocked.get_data(as_text=True))


def test_one_address_failing_on_many_accounts_is_stopped(client, app, app_ctx):
    for n in range(30):
        assert login(client, f"inconnu{n}@example.org", "mauvais").status_code == 200
    make_buyer("claire@example.org")
    assert login(client, "claire@example.org", PASSWORD).status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base.update(HOME)
    assert login(elsewhere, "claire@example.org", PASSWORD).status_code == 302


def test_an_unknown_address_costs_a_password_check_and_reads_the_same(
    client, app, app_ctx, monkeypatch
):
    make_buyer("claire@example.org")
    checks: list[str] = []
    real = services.check_password_hash

    def counting(hash_: str, password: str) -> bool:
        checks.append(password)
        return real(hash_, password)

    monkeypatch.setattr(services, "check_password_hash", counting)
    unknown = login(client, "personne@example.org", "mauvais-mot").get_data(as_text=True)
    assert checks == ["mauvais-mot"]  # hashed like a real account's password
    known = login(client, "claire@example.org", "mauvais-mot").get_data(as_text=True)
    strip = lambda page: re.sub(r'value="[^"]*"', "", page)  # noqa: E731  (token, e-mail)
    assert strip(unknown) == strip(known)
    assert "Adresse e-mail ou mot de passe incorrect" in known
