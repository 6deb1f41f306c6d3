"""A non-editable install works: the wheel carries the bundled scenarios and the command."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support.paths import REFERENCE, REPO


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                            timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_an_installed_wheel_lists_and_runs_the_bundled_scenario(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO, cwd=tmp_path)
    [wheel] = wheels.glob("tutor-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    run(bin_dir / "pip", "install", "-q", wheel, cwd=tmp_path)

    listed = run(bin_dir / "tutor", "list", cwd=tmp_path)  # cwd outside the checkout
    assert "recruiter-call-en" in listed.stdout
    files = run(bin_dir / "tutor", "list", "--json", cwd=tmp_path)
    assert "_bundled_scenarios" in files.stdout
    script = tmp_path / "calm.txt"
    script.write_text("choose 1\n" * 6, "utf-8")
    played = run(bin_dir / "tutor", "run", REFERENCE, "--script", script, cwd=tmp_path)
    assert "hung up first" in played.stdout
