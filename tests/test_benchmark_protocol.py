"""The benchmark protocol and runner work (what they measure is never asserted here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


def test_result_ratio_and_target() -> None:
    from _common import Result

    result = Result("subject", 3.0, "floor", 2.0, target=1.2)
    assert result.ratio == 1.5
    assert not result.within_target
    assert Result("subject", 1.0, "floor", 2.0, target=1.2).within_target
    assert Result("subject", 1.0, "floor", 0.0).ratio == float("inf")
    assert result.to_dict()["ratio"] == 1.5


def test_runner_tabulates_protocol_modules_and_shows_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import run_all

    (tmp_path / "bench_fast.py").write_text(
        "from _common import Result\n"
        "def run(quick=False):\n"
        "    return [Result('fast thing', 2e-6, 'its floor', 1e-6, target=1.5)]\n",
        encoding="utf-8",
    )
    (tmp_path / "bench_script.py").write_text("print('ratio 0.5')\n", encoding="utf-8")
    monkeypatch.setattr(run_all, "HERE", tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("bench_fast", None)
    code = run_all.main(["--quick", "--json", str(tmp_path / "out.json")])
    out = capsys.readouterr().out
    assert "fast thing" in out and "2.00" in out and "OVER TARGET" in out
    assert "== bench_script" in out and "ratio 0.5" in out
    assert code == 1  # the target was exceeded
    assert '"ratio": 2.0' in (tmp_path / "out.json").read_text(encoding="utf-8")
