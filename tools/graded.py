"""Hand-graded data for the feedback engine: load it and check its shape.

Two files, both labelled by hand before the tutor was run on them:

- ``tests/fixtures/feedback/graded_closings.yaml``: whole closings of the bundled calls, each a
  ``tutor run`` script with a band and the principles a demanding trainer finds broken or partly
  met;
- ``tests/fixtures/signals/offer_help_sample.tsv``: service-dialogue turns near the end of the
  call, each marked as an offer of further help or not.

This module only reads and validates the data; comparing the tool's verdicts with it belongs to
the engine's own tests. ``python -m tools.graded`` checks both files and prints a summary.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tutor.play.script import ScriptError, parse_script
from tutor.scenario.loader import load_scenario
from tutor.scenario.model import END, PRINCIPLES, Principle, Scenario
from tutor.scenario.sources import bundled_dir, expand

ROOT = Path(__file__).resolve().parent.parent
CLOSINGS_FILE = ROOT / "tests" / "fixtures" / "feedback" / "graded_closings.yaml"
OFFER_SAMPLE_FILE = ROOT / "tests" / "fixtures" / "signals" / "offer_help_sample.tsv"

#: Bands of the 0-100 closing score, best first: name -> (lowest, highest).
BANDS: dict[str, tuple[int, int]] = {
    "excellent": (90, 100),
    "good": (75, 89),
    "pass": (60, 74),
    "weak": (40, 59),
    "poor": (0, 39),
}
LANGS = ("en", "ru")
CLOSING_KEYS = ("id", "scenario", "lang", "script", "band", "broken", "partly", "why")
SAMPLE_COLUMNS = ("dialogue", "turn", "turns_to_end", "lang", "text", "offer_help")

# The minimums the data promises (see the brief of issue 11).
MIN_CLOSINGS = 60
MIN_CLOSINGS_PER_LANG = 30
MIN_CALLS_PER_LANG = 7
MIN_SAMPLE_TURNS = 240
MAX_TURNS_TO_END = 3


class DataError(Exception):
    """The data file cannot be read at all (missing, not YAML, wrong top level)."""


@dataclass(frozen=True, slots=True)
class GradedClosing:
    """One whole closing, as a script, with its hand grade."""

    id: str
    scenario: str
    lang: str
    script: tuple[str, ...]
    band: str
    broken: tuple[Principle, ...]
    partly: tuple[Principle, ...]
    why: str
    line: int  # where the entry starts in the file, for messages


@dataclass(frozen=True, slots=True)
class OfferLabel:
    """One turn of a real dialogue in one language, labelled as an offer of help or not."""

    dialogue: str
    turn: int
    turns_to_end: int
    lang: str
    text: str
    offer_help: bool
    line: int


def bundled_scenarios() -> dict[str, Scenario]:
    """Every bundled call, by id."""
    return {s.id: s for s in map(load_scenario, expand([bundled_dir()]))}


# --- graded closings ---------------------------------------------------------------------------


def load_closings(path: Path = CLOSINGS_FILE) -> tuple[list[GradedClosing], list[str]]:
    """Read the graded closings; return the entries that could be read and a problem per fault.

    Problems name ``file:line:column``; an entry with a fault in its shape is left out.
    """
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read the graded closings: {exc}") from None
    nodes = _closing_nodes(root, path)
    # The same document loaded as data; the nodes give each entry its place in the file.
    entries = yaml.safe_load(text)["closings"]
    closings: list[GradedClosing] = []
    problems: list[str] = []
    for node, raw in zip(nodes, entries, strict=True):
        where = f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        closing, faults = _closing(raw, node.start_mark.line + 1)
        problems += [f"{where}: {fault}" for fault in faults]
        if closing is not None:
            closings.append(closing)
    return closings, problems


def _closing_nodes(root: yaml.Node | None, path: Path) -> list[yaml.Node]:
    if not isinstance(root, yaml.MappingNode):
        raise DataError(f"{path}: expected a mapping with a 'closings' list at the top")
    for key, value in root.value:
        if key.value == "closings" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    raise DataError(f"{path}: expected a 'closings' list at the top")


def _closing(raw: Any, line: int) -> tuple[GradedClosing | None, list[str]]:
    if not isinstance(raw, dict):
        return None, ["an entry must be a mapping with keys " + ", ".join(CLOSING_KEYS)]
    faults = [f"unknown key {k!r}; the keys are {', '.join(CLOSING_KEYS)}"
              for k in raw if k not in CLOSING_KEYS]
    faults += [f"missing key {k!r}" for k in CLOSING_KEYS if k not in raw]
    if faults:
        return None, faults
    for key in ("id", "scenario", "lang", "band", "why"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            faults.append(f"{key!r} must be a non-empty string")
    for key in ("script", "broken", "partly"):
        if not isinstance(raw[key], list) or not all(isinstance(x, str) for x in raw[key]):
            faults.append(f"{key!r} must be a list of strings")
    if faults:
        return None, faults
    return GradedClosing(
        id=raw["id"], scenario=raw["scenario"], lang=raw["lang"], script=tuple(raw["script"]),
        band=raw["band"], broken=tuple(raw["broken"]), partly=tuple(raw["partly"]),
        why=raw["why"], line=line,
    ), []


def check_closings(closings: list[GradedClosing], scenarios: dict[str, Scenario],
                   path: Path = CLOSINGS_FILE) -> list[str]:
    """Every fault in the closings' content and coverage, one message each."""
    problems: list[str] = []
    seen: set[str] = set()
    for c in closings:
        where = f"{path}:{c.line}:1: {c.id}:"
        if c.id in seen:
            problems.append(f"{where} duplicate id; give each closing its own id")
        seen.add(c.id)
        problems += [f"{where} {fault}" for fault in _closing_faults(c, scenarios)]
    problems += [f"{path}: {fault}" for fault in _coverage_faults(closings)]
    return problems


def _closing_faults(c: GradedClosing, scenarios: dict[str, Scenario]) -> list[str]:
    faults = []
    if c.band not in BANDS:
        faults.append(f"band {c.band!r} is not one of {', '.join(BANDS)}")
    if c.lang not in LANGS:
        faults.append(f"lang {c.lang!r} is not one of {', '.join(LANGS)}")
    for key, ids in (("broken", c.broken), ("partly", c.partly)):
        faults += [f"{key}: {p!r} is not a principle; use one of {', '.join(PRINCIPLES)}"
                   for p in ids if p not in PRINCIPLES]
        if len(set(ids)) != len(ids):
            faults.append(f"{key} names a principle twice")
    both = sorted(set(c.broken) & set(c.partly))
    if both:
        faults.append(f"{', '.join(both)} cannot be both broken and partly met")
    scenario = scenarios.get(c.scenario)
    if scenario is None:
        faults.append(f"no bundled call has the id {c.scenario!r}")
    elif scenario.lang != c.lang:
        faults.append(f"lang {c.lang!r} but {c.scenario} is a {scenario.lang!r} call")
    faults += _script_faults(c, scenario)
    return faults


def _script_faults(c: GradedClosing, scenario: Scenario | None) -> list[str]:
    """Faults in the script that show without playing it: unreadable actions, no typed line,
    and, up to the first typed line (after which the route depends on the line's signals),
    choices that do not exist or a typed line where the step takes none."""
    try:
        actions = parse_script("\n".join(c.script), name=c.id)
    except ScriptError as exc:
        return [str(exc)]
    if not any(a.verb == "say" for a in actions):
        return ["the script types no line; a graded closing must type the learner's words"]
    if scenario is None:
        return []
    step_id = scenario.start
    for a in actions:
        step = scenario.steps[step_id]
        if a.verb == "choose":
            if not 1 <= a.number <= len(step.choices):
                return [f"script line {a.line}: step {step_id!r} has no choice {a.number}"]
            step_id = step.choices[a.number - 1].next
            if step_id == END:
                return [f"script line {a.line}: choice {a.number} at this point ends the call "
                        "before any line is typed"]
        elif a.verb == "say":
            if step.typed is None:
                return [f"script line {a.line}: step {step_id!r} takes no typed line"]
            if not step.closing:
                return [f"script line {a.line}: the first typed line falls in {step_id!r}, "
                        "before the closing"]
            return []
        else:
            return [f"script line {a.line}: {a.verb!r} before any typed line"]
    return []


def _coverage_faults(closings: list[GradedClosing]) -> list[str]:
    faults = []
    if len(closings) < MIN_CLOSINGS:
        faults.append(f"{len(closings)} closings; the data promises at least {MIN_CLOSINGS}")
    for lang in LANGS:
        mine = [c for c in closings if c.lang == lang]
        if len(mine) < MIN_CLOSINGS_PER_LANG:
            faults.append(f"{len(mine)} {lang} closings; at least {MIN_CLOSINGS_PER_LANG} needed")
        calls = {c.scenario for c in mine}
        if len(calls) < MIN_CALLS_PER_LANG:
            faults.append(f"{lang} closings cover {len(calls)} calls; "
                          f"at least {MIN_CALLS_PER_LANG} needed")
    return faults


# --- offer-of-help sample ----------------------------------------------------------------------


def load_offer_sample(path: Path = OFFER_SAMPLE_FILE) -> tuple[list[OfferLabel], list[str]]:
    """Read the labelled sample; return the rows that could be read and a problem per fault."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the offer sample: {exc}") from None
    if not rows or tuple(rows[0]) != SAMPLE_COLUMNS:
        raise DataError(f"{path}:1:1: the header must be: {' '.join(SAMPLE_COLUMNS)} "
                        "(tab-separated)")
    labels: list[OfferLabel] = []
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        label, fault = _offer_label(row, number)
        if fault:
            problems.append(f"{path}:{number}:1: {fault}")
        elif label is not None:
            labels.append(label)
    return labels, problems


def _offer_label(row: list[str], number: int) -> tuple[OfferLabel | None, str]:
    if len(row) != len(SAMPLE_COLUMNS):
        return None, f"{len(row)} columns; expected {len(SAMPLE_COLUMNS)} separated by tabs"
    dialogue, turn, to_end, lang, text, offer = row
    if not (turn.isdigit() and to_end.isdigit()):
        return None, "turn and turns_to_end must be whole numbers"
    if int(to_end) > MAX_TURNS_TO_END:
        return None, f"turns_to_end is {to_end}; the sample holds only 0-{MAX_TURNS_TO_END}"
    if lang not in LANGS:
        return None, f"lang {lang!r} is not one of {', '.join(LANGS)}"
    if offer not in ("0", "1"):
        return None, f"offer_help is {offer!r}; write 1 (an offer of further help) or 0"
    if not text.strip():
        return None, "the text is empty"
    return OfferLabel(dialogue, int(turn), int(to_end), lang, text, offer == "1", number), ""


def check_offer_sample(labels: list[OfferLabel], path: Path = OFFER_SAMPLE_FILE) -> list[str]:
    """Faults in the sample as a whole: pairing of languages, duplicates and size."""
    problems = []
    per_turn = Counter((x.dialogue, x.turn, x.lang) for x in labels)
    for (dialogue, turn, lang), n in sorted(per_turn.items()):
        if n > 1:
            problems.append(f"{path}: {dialogue} turn {turn} is labelled {n} times in {lang}")
    turns = {(x.dialogue, x.turn) for x in labels}
    for dialogue, turn in sorted(turns):
        missing = [lang for lang in LANGS if (dialogue, turn, lang) not in per_turn]
        if missing:
            problems.append(f"{path}: {dialogue} turn {turn} has no {'/'.join(missing)} row; "
                            "label every turn in both languages")
    if len(turns) < MIN_SAMPLE_TURNS:
        problems.append(f"{path}: {len(turns)} turns; the sample promises {MIN_SAMPLE_TURNS}")
    for lang in LANGS:
        values = {x.offer_help for x in labels if x.lang == lang}
        if values != {True, False}:
            problems.append(f"{path}: the {lang} rows need both offers and non-offers")
    return problems


# --- command line ------------------------------------------------------------------------------


def check_all() -> list[str]:
    """Every problem in both data files, or none."""
    try:
        closings, problems = load_closings()
        labels, sample_problems = load_offer_sample()
    except DataError as exc:
        return [str(exc)]
    problems += check_closings(closings, bundled_scenarios())
    problems += sample_problems + check_offer_sample(labels)
    return problems


def main() -> int:
    """Check both files; print the problems, or a summary when there are none."""
    problems = check_all()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    closings, _ = load_closings()
    labels, _ = load_offer_sample()
    bands = Counter(c.band for c in closings)
    print(f"{len(closings)} graded closings: "
          + ", ".join(f"{bands[b]} {b}" for b in BANDS)
          + "; " + ", ".join(f"{sum(c.lang == lg for c in closings)} {lg}" for lg in LANGS))
    for lang in LANGS:
        mine = [x for x in labels if x.lang == lang]
        print(f"offer sample ({lang}): {len(mine)} turns, "
              f"{sum(x.offer_help for x in mine)} offers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
