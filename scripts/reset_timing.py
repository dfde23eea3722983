"""How long `POST /account/reset` takes for an address with an account and for one without.

Serves the app as production does (gunicorn with config/gunicorn.conf.py) on a throw-away
database, with a real SMTP server (aiosmtpd) on 127.0.0.1, rate limits off, and asks N
resets for each address, interleaved; prints the medians. Figures only, nothing asserted.

    .venv/bin/python scripts/reset_timing.py postgresql://postgres@127.0.0.1:5432/DB [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from procure import liveserver


class Sink:
    received = 0

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        Sink.received += 1
        return "250 OK"


def ask(browser: liveserver.Browser, email: str) -> float:
    page = browser.get("/account/reset")
    match = liveserver.CSRF_RE.search(page.text)
    assert match is not None, page.status_code
    referer = browser.base.replace("http://", "https://") + "/account/reset"
    start = time.perf_counter()
    answer = browser.post(
        "/account/reset",
        data={"email": email, "csrf_token": match.group(1)},
        headers={"Referer": referer},
    )
    elapsed = time.perf_counter() - start
    assert answer.status_code == 302, answer.status_code
    return elapsed


def main(url: str, rounds: int) -> None:
    people = liveserver.prepare(url)
    known = next(iter(people.values())).email
    port = liveserver.free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            instance = Path(tmp)
            env = liveserver.procure_env(
                url,
                instance,
                PROCURE_RATELIMIT_ENABLED="false",
                PROCURE_MAIL_SERVER="127.0.0.1",
                PROCURE_MAIL_PORT=str(port),
                PROCURE_MAIL_USE_TLS="false",
                PROCURE_WORKERS="1",
            )
            log = instance / "gunicorn.log"
            with liveserver.gunicorn(env, liveserver.free_port(), log) as base:
                browser = liveserver.Browser(base)
                for _ in range(3):  # warm-up
                    ask(browser, known)
                    ask(browser, "nobody@example.org")
                times: dict[str, list[float]] = {"known": [], "unknown": []}
                for i in range(rounds):
                    times["known"].append(ask(browser, known))
                    times["unknown"].append(ask(browser, f"nobody{i}@example.org"))
                time.sleep(5)  # mail work done after the answers
                errors = [line for line in log.read_text().splitlines() if "Error" in line]
                print("\n".join(errors[-5:]))
    finally:
        controller.stop()
    for kind, values in times.items():
        ordered = sorted(values)
        print(
            f"{kind:8} address: n={len(values)} median={statistics.median(values) * 1000:.1f} ms "
            f"p10={ordered[len(ordered) // 10] * 1000:.1f} ms "
            f"p90={ordered[len(ordered) * 9 // 10] * 1000:.1f} ms"
        )
    gap = statistics.median(times["known"]) - statistics.median(times["unknown"])
    print(f"median gap known - unknown: {gap * 1000:+.1f} ms; mails received: {Sink.received}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
