"""The authoring tools are core plus a headless front end: they never import Textual."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.paths import REPO
from tests.support.processes import tutor_env


def test_the_authoring_commands_never_import_textual(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from tutor.cli import main
        codes = []
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            codes.append(main(["lint", "scenarios/en/recruiter-call.yaml"]))
            codes.append(main(["graph", "recruiter-call-en", "--format", "dot"]))
            codes.append(main(["test", "scenarios/en"]))
            codes.append(main(["new", "--out", {str(tmp_path)!r}]))
        assert codes == [0, 0, 0, 0], codes
        print(",".join(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=tutor_env(), cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Textual was imported: {result.stdout}"
