"""tutor.speech and tutor.settings are plain Python: importing them never loads Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_speech_never_imports_textual() -> None:
    code = (
        "import sys, tutor.speech, tutor.speech.commands, tutor.speech._child, tutor.settings\n"
        "from tutor.speech import create_backend\n"
        "create_backend().close()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
