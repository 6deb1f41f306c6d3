"""The principle registry: one entry per principle, and every one of its texts in every language."""

from __future__ import annotations

import pytest

from tutor.feedback.principles import REGISTRY, better_key, name_key, reason_key, verdict_key
from tutor.locale import LANGS, catalogue
from tutor.principles import DEFAULT_WEIGHTS, PRINCIPLES


def test_registry_lists_every_principle_once_in_report_order() -> None:
    assert tuple(spec.id for spec in REGISTRY) == PRINCIPLES


def test_default_weights_come_from_one_table() -> None:
    assert {spec.id: spec.weight for spec in REGISTRY} == DEFAULT_WEIGHTS
    assert sum(DEFAULT_WEIGHTS.values()) == 100


@pytest.mark.parametrize("lang", LANGS)
def test_every_principle_has_every_message(lang: str) -> None:
    texts = catalogue(lang)
    missing = []
    for spec in REGISTRY:
        keys = [name_key(spec.id), better_key(spec.id)]
        keys += [reason_key(spec.id, reason) for reason in spec.reasons]
        missing += [key for key in keys if key not in texts]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_verdict_has_a_word(lang: str) -> None:
    texts = catalogue(lang)
    for verdict in ("met", "partly", "missed", "n/a"):
        assert verdict_key(verdict) in texts


def test_no_reason_text_is_left_without_a_judge_that_gives_it() -> None:
    given = {reason_key(spec.id, reason) for spec in REGISTRY for reason in spec.reasons}
    written = {key for key in catalogue("en") if key.startswith("feedback.reason.")}
    assert written == given
