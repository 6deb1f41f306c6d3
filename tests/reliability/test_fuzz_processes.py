"""Mutants of the bundled calls through real ``tutor validate``, ``run`` and ``play --plain``.

A deterministic sample of what ``tools/fuzz_calls.py --mutants 1000`` runs: no traceback, no
exit code but 0 or 1, no process left running. (The tool holds each process to 10 s; here a
busy test machine gets more room, since only a real hang should fail the suite.)
"""

from __future__ import annotations

from tools.fuzz_calls import fuzz

SEED = 13
SAMPLE = 60


def test_a_sample_of_mutants_never_crashes_or_hangs_a_tutor_process() -> None:
    failures = fuzz(SAMPLE, SEED, jobs=2, timeout=30)
    assert not failures, "\n".join(f.format() for f in failures)
