"""Where the tests' files are: the repository, its fixtures and the scenarios they rely on."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
MALFORMED = FIXTURES / "malformed"
MINIMAL = FIXTURES / "minimal.yaml"
# A frozen copy of the first bundled call, so these tests do not move when it is edited.
REFERENCE = FIXTURES / "reference-call.yaml"
