"""The PDF laid out in a forked child beside the other formats, and every way back to doing
it in process (no fork where threads run, a failing or hung child).

The fork paths run in a fresh interpreter: this test process runs the sample network's
server threads, and `background` rightly refuses to fork a multi-threaded process.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from huibao.report import background, write_report
from huibao.report.errors import ReportError
from huibao.report.model import ReportData
from huibao.report.settings import ReportSettings


def _fresh(code: str, cwd: Path, timeout_s: float = 120) -> str:
    """Run `code` in a new single-threaded interpreter; its stdout (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout_s, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_children_run_jobs_and_report_failures_and_hangs(tmp_path: Path) -> None:
    out = _fresh(
        """
        import time
        from pathlib import Path
        from huibao.report import background

        def write(path, text): Path(path).write_text(text)
        def fail(): raise ValueError("boom")
        def hang(): time.sleep(60)

        child = background.start(write, "out.txt", "done")
        print("ran", child is not None and background.finish(child, 30))
        child = background.start(fail)
        print("failed", child is not None and not background.finish(child, 30))
        child = background.start(hang)
        started = time.monotonic()
        stopped = child is not None and not background.finish(child, 0.5)
        print("hung", stopped and time.monotonic() - started < 10 and not child.is_alive())
        """,
        tmp_path,
    )
    assert out.split() == ["ran", "True", "failed", "True", "hung", "True"]
    assert (tmp_path / "out.txt").read_text() == "done"


def test_no_fork_while_another_thread_runs(tmp_path: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert background.start(Path.touch, tmp_path / "out.txt") is None
    finally:
        stop.set()
        thread.join()
    assert not (tmp_path / "out.txt").exists()


def test_pdf_made_in_a_child_beside_the_other_formats(
    seed_report: ReportData, tmp_path: Path
) -> None:
    (tmp_path / "report.pickle").write_bytes(pickle.dumps(seed_report))
    out = _fresh(
        """
        import pickle
        from huibao.report import background, write_report

        children = []
        real_start = background.start
        def spy(*args):
            children.append(real_start(*args))
            return children[-1]
        background.start = spy
        with open("report.pickle", "rb") as f:
            data = pickle.load(f)
        written = write_report(data, ["pdf", "html", "md"], "out")
        print(len(children), children[0].exitcode, sorted(written))
        """,
        tmp_path,
    )
    assert out.split() == ["1", "0", "['html',", "'md',", "'pdf']"]  # the child made the PDF
    written = sorted((tmp_path / "out").iterdir())
    assert [p.suffix for p in written] == [".html", ".md", ".pdf"]
    assert len(PdfReader(str(written[-1])).pages) >= 2


def test_a_child_that_fails_is_redone_in_process_and_its_error_reaches_the_caller(
    seed_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(html: str) -> bytes:
        raise ReportError("PDF reports need WeasyPrint (test)")

    monkeypatch.setattr("huibao.report.api.render_pdf", broken)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # let it fork here
    with pytest.raises(ReportError, match="need WeasyPrint"):
        write_report(seed_report, ["html", "pdf"], tmp_path)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.part"))


def test_side_by_side_can_be_turned_off(
    seed_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "start", lambda *a: pytest.fail("forked"))
    settings = ReportSettings(pdf_side_by_side=False)
    written = write_report(seed_report, ["html", "pdf"], tmp_path, settings)
    assert written["pdf"].read_bytes().startswith(b"%PDF")
