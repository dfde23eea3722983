"""The import benchmark runs end to end (its figures are printed, never asserted)."""

from click.testing import CliRunner

from procure.suppliers.bench import bench_import


def test_bench_import_generates_imports_and_reimports():
    result = CliRunner().invoke(bench_import, ["--rows", "300"])
    assert result.exit_code == 0, result.output
    assert "first import: imported=300 updated=0 rejected=0" in result.output
    assert "same file again: imported=0 updated=0 rejected=0" in result.output
    assert "rows/s" in result.output and "peak RSS" in result.output
