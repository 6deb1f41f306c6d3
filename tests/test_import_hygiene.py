"""The core and the headless commands never import Textual (the TUI is a front end)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.paths import MINIMAL, REFERENCE, REPO
from tests.support.processes import tutor_env


def test_core_modules_and_headless_commands_never_import_textual(tmp_path: Path) -> None:
    script = tmp_path / "calm.txt"
    script.write_text("choose 1\n" * 6, "utf-8")
    code = textwrap.dedent(
        f"""
        import contextlib, io, sys
        import tutor.cli, tutor.scenario.loader, tutor.dialogue, tutor.feedback
        import tutor.scenario.sources, tutor.report
        from tutor.cli import main
        codes = []
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            codes.append(main(["list"]))
            codes.append(main(["list", "--json"]))
            codes.append(main(["validate", {str(MINIMAL)!r}]))
            codes.append(main(["run", {str(REFERENCE)!r}, "--script", {str(script)!r}]))
            codes.append(main(["check", "Thank you, goodbye!", "Спасибо"]))
            codes.append(main(["schema"]))
        assert codes == [0, 0, 0, 0, 0, 0], codes
        print(",".join(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=tutor_env(), cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Textual was imported: {result.stdout}"
