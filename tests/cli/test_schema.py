"""``tutor schema``: the JSON schema of the scenario format, and the copy shipped in docs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.processes import RunTutor
from tutor.scenario.schema import SCENARIO


def test_schema_is_json_with_a_property_for_every_key_of_the_format(run_tutor: RunTutor) -> None:
    result = run_tutor("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == set(SCENARIO.keys)
    assert schema["additionalProperties"] is False
    assert {"id", "title", "lang", "steps", "farewell"} <= set(schema["required"])


def test_the_schema_in_docs_is_what_tutor_schema_prints(run_tutor: RunTutor) -> None:
    shipped = (Path(__file__).resolve().parents[2] / "docs" / "scenario.schema.json")
    assert json.loads(run_tutor("schema").stdout) == json.loads(shipped.read_text("utf-8"))
