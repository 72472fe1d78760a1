"""The PDF laid out in a forked child beside the other formats, and every way back to doing
it in process (no fork where threads run, a failing or hung child)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from huibao.report import background, write_report
from huibao.report.errors import ReportError
from huibao.report.model import ReportData
from huibao.report.settings import ReportSettings


def _write(path: Path, text: str) -> None:
    path.write_text(text)


def _fail() -> None:
    raise ValueError("boom")


def _hang() -> None:
    time.sleep(60)


def _single_threaded() -> None:
    if threading.active_count() > 1:  # a thread another test left running
        pytest.skip(f"{threading.active_count()} threads run in this process")


def test_child_runs_the_job(tmp_path: Path) -> None:
    _single_threaded()
    child = background.start(_write, tmp_path / "out.txt", "done")
    assert child is not None
    assert background.finish(child, 30)
    assert (tmp_path / "out.txt").read_text() == "done"


def test_no_fork_while_another_thread_runs(tmp_path: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert background.start(_write, tmp_path / "out.txt", "done") is None
    finally:
        stop.set()
        thread.join()
    assert not (tmp_path / "out.txt").exists()


def test_failing_and_hung_children_report_false() -> None:
    _single_threaded()
    failing = background.start(_fail)
    assert failing is not None and not background.finish(failing, 30)
    hung = background.start(_hang)
    assert hung is not None
    started = time.monotonic()
    assert not background.finish(hung, 0.5)
    assert time.monotonic() - started < 10 and not hung.is_alive()


def test_pdf_made_in_a_child_beside_the_other_formats(
    seed_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _single_threaded()
    started: list[object] = []
    real_start = background.start

    def spy(*args: object) -> object:
        child = real_start(*args)  # type: ignore[arg-type]
        started.append(child)
        return child

    monkeypatch.setattr(background, "start", spy)
    written = write_report(seed_report, ["pdf", "html", "md"], tmp_path)
    assert started and started[0] is not None  # the child did the PDF
    assert set(written) == {"pdf", "html", "md"}
    assert len(PdfReader(str(written["pdf"])).pages) >= 2
    assert not list(tmp_path.glob("*.part"))


def test_a_child_that_fails_is_redone_in_process_and_its_error_reaches_the_caller(
    seed_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(html: str) -> bytes:
        raise ReportError("PDF reports need WeasyPrint (test)")

    monkeypatch.setattr("huibao.report.api.render_pdf", broken)
    with pytest.raises(ReportError, match="need WeasyPrint"):
        write_report(seed_report, ["html", "pdf"], tmp_path)
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob("*.pdf"))


def test_side_by_side_can_be_turned_off(
    seed_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "start", lambda *a: pytest.fail("forked"))
    settings = ReportSettings(pdf_side_by_side=False)
    written = write_report(seed_report, ["html", "pdf"], tmp_path, settings)
    assert written["pdf"].read_bytes().startswith(b"%PDF")
