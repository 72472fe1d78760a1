"""Run one slow, self-contained job (the PDF) in a forked child while the parent goes on.

Why: on a report of 10,000 articles WeasyPrint's layout takes about 3 s of the command's
9-10 s and the other formats about 1 s; on a machine with two cores the two can overlap. A
forked child inherits the laid-out data and the imported WeasyPrint, so it costs no second
start-up (a spawned interpreter would spend ~0.7 s importing WeasyPrint again).

A fork is taken only where it is safe: on a platform with `fork` and in a process that runs
one thread (a fork of a multi-threaded process can deadlock the child on a lock another
thread held). Anything else, or a child that fails or outlives its time cap, gets `None` or
`False` from here and the caller does the job itself, so an error still reaches it and
nothing is lost.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any


def start(job: Callable[..., None], *args: Any) -> BaseProcess | None:
    """`job(*args)` in a forked child, or None where forking is not safe here."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    try:
        child = multiprocessing.get_context("fork").Process(
            target=_run, args=(job, *args), daemon=True
        )
        child.start()
    except OSError:  # no memory or process slots left: the caller does it
        return None
    return child


def _run(job: Callable[..., None], *args: Any) -> None:
    try:
        job(*args)
    except BaseException:
        os._exit(1)  # no traceback here: the parent redoes the job and reports the error
    os._exit(0)  # skip atexit handlers and buffers inherited from the parent


def finish(child: BaseProcess, timeout_s: float) -> bool:
    """Wait for the child; True when it finished its job."""
    child.join(timeout_s)
    if child.is_alive():
        child.kill()
        child.join()
        return False
    return child.exitcode == 0
