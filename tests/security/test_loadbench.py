"""`procure bench load`'s load loop and report, on the live server of the suite (a short
run: the benchmark's figures are printed by the command, never asserted)."""

from __future__ import annotations

from procure.loadbench import Tally, report, run_load
from tests.security.conftest import Live


def test_report_gives_throughput_percentiles_and_errors():
    tally = Tally(latencies=[i / 1000 for i in range(1, 101)])
    tally.errors["web:buyer /tenders/ -> 500"] = 2
    tally.by_kind["web:buyer"] = 100
    lines = report(tally, duration=10)
    assert lines[0].startswith("requests=100 throughput=10.0 req/s errors=2 p50=50ms p95=95ms")
    assert "error: web:buyer /tenders/ -> 500 x2" in lines


def test_a_short_load_on_the_live_server_reaches_every_kind_of_page(live: Live):
    cookies = {key: live.cookies(key) for key in ("buyer_a", "buyer_b", "supplier")}
    tally = run_load(live.base, live.people, users=9, duration=3, cookies=cookies)
    print("\n" + "\n".join(report(tally, 3)))
    assert set(tally.by_kind) == {"web:buyer", "web:supplier", "api:buyer", "api:supplier"}
    assert not tally.errors
