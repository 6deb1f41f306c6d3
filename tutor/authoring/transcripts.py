"""Transcript tests: a played call saved as a script plus what the debrief said about it.

Each call file ``<stem>.yaml`` may have a folder ``<stem>.transcripts/`` beside it holding
``<name>.transcript`` files (YAML inside). The suffix keeps them apart from calls: the scenario
file walker takes only ``*.yaml``/``*.yml``. ``tutor test DIR`` replays every transcript below
DIR against its call and reports each difference; ``--update`` writes the new results back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tutor.authoring.walk import Move, candidate_lines, script_line, typed_moves
from tutor.dialogue import Call, Phase
from tutor.feedback import Evaluation, evaluate
from tutor.play.paths import PathError, pick
from tutor.play.script import ScriptError, parse_script, play_script
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario, Step
from tutor.signals.types import SignalDetector

FOLDER_SUFFIX = ".transcripts"
SUFFIX = ".transcript"
#: The transcripts every call should carry (``tutor record --all`` writes them).
KINDS = ("best", "rushed", "typed")
_CALL_SUFFIXES = (".yaml", ".yml")
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TranscriptError(Exception):
    """A transcript file that cannot be read, or a call it cannot be played on."""


@dataclass(frozen=True, slots=True)
class Expected:
    """What the debrief said: the score, a verdict per principle, who hung up first."""

    score: int
    passed: bool
    hung_up_first: str
    verdicts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, call: Call, evaluation: Evaluation) -> Expected:
        """The expectations a played and judged call sets."""
        who = call.ending.hung_up_first if call.ending is not None else "nobody"
        return cls(evaluation.total, evaluation.passed, who,
                   tuple((r.principle, r.verdict) for r in evaluation.principles))

    def differences(self, actual: Expected) -> list[str]:
        """What changed from these expectations to ``actual``, one phrase each."""
        out = []
        if self.score != actual.score:
            out.append(f"score {self.score} -> {actual.score}")
        if self.passed != actual.passed:
            out.append(f"passed {self.passed} -> {actual.passed}".lower())
        if self.hung_up_first != actual.hung_up_first:
            out.append(f"hung up first: {self.hung_up_first} -> {actual.hung_up_first}")
        mine, theirs = dict(self.verdicts), dict(actual.verdicts)
        for principle in dict.fromkeys([*mine, *theirs]):
            was, now = mine.get(principle, "-"), theirs.get(principle, "-")
            if was != now:
                out.append(f"{principle}: {was} -> {now}")
        return out


@dataclass(frozen=True, slots=True)
class Transcript:
    """One saved play of a call."""

    path: Path
    call_file: Path
    call_id: str
    script: str
    expected: Expected


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of replaying one transcript."""

    path: Path
    differences: tuple[str, ...]
    actual: Expected | None = None

    @property
    def passed(self) -> bool:
        """True when the replay matched every expectation."""
        return not self.differences


# --- where transcripts live ------------------------------------------------------------------

def folder_for(call_file: Path) -> Path:
    """The folder holding the transcripts of the call in ``call_file``."""
    return call_file.with_name(call_file.stem + FOLDER_SUFFIX)


def call_file_for(transcript: Path) -> Path:
    """The call a transcript belongs to: ``<stem>.yaml`` beside its ``<stem>.transcripts``."""
    folder = transcript.parent
    stem = folder.name.removesuffix(FOLDER_SUFFIX)
    for suffix in _CALL_SUFFIXES:
        candidate = folder.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    raise TranscriptError(f"{transcript}: no call file {stem}.yaml beside {folder.name}/")


def find_transcripts(paths: Sequence[Path]) -> list[Path]:
    """Transcript files given, or below the folders given, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*" + SUFFIX)
                                if p.parent.name.endswith(FOLDER_SUFFIX) and p.is_file()))
        else:
            found.append(path)
    return found


# --- reading and writing ---------------------------------------------------------------------

def render(transcript: Transcript) -> str:
    """The file text of ``transcript``: YAML with a literal script block."""
    e = transcript.expected
    lines = [
        f"# A transcript test of {transcript.call_id}: 'tutor test' replays the script on the",
        "# call beside this folder and compares the debrief; 'tutor test --update' rewrites it.",
        f"call: {json.dumps(transcript.call_id, ensure_ascii=False)}",
        "script: |",
        *(f"  {line}" for line in transcript.script.splitlines() if line.strip()),
        "expect:",
        f"  score: {e.score}",
        f"  passed: {'true' if e.passed else 'false'}",
        f"  hung_up_first: {e.hung_up_first}",
        "  verdicts:",
        *(f"    {p}: {json.dumps(v)}" for p, v in e.verdicts),
    ]
    return "\n".join(lines) + "\n"


def _need(data: dict[str, Any], key: str, kind: type, path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise TranscriptError(f"{path}: '{key}' is missing or not a {kind.__name__}; "
                              "record the transcript again with 'tutor record'")
    return value


def read(path: Path) -> Transcript:
    """Read a transcript file; raise TranscriptError naming the file for anything amiss."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"{path}: cannot read: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise TranscriptError(f"{path}:{where}: YAML syntax error: {exc.problem}") from None
    if not isinstance(data, dict):
        raise TranscriptError(f"{path}: expected keys call, script and expect")
    expect = _need(data, "expect", dict, path)
    verdicts = _need(expect, "verdicts", dict, path)
    return Transcript(
        path=path,
        call_file=call_file_for(path),
        call_id=str(data.get("call", "")),
        script=_need(data, "script", str, path),
        expected=Expected(_need(expect, "score", int, path), _need(expect, "passed", bool, path),
                          str(_need(expect, "hung_up_first", str, path)),
                          tuple((str(k), str(v)) for k, v in verdicts.items())),
    )


# --- playing ---------------------------------------------------------------------------------

def load_call(call_file: Path) -> Scenario:
    """The call in ``call_file``; TranscriptError listing its problems when it does not load."""
    scenario, problems = check_file(call_file)
    if scenario is None:
        raise TranscriptError("\n".join(p.format() for p in problems))
    return scenario


def play(scenario: Scenario, script: str, detector: SignalDetector, name: str) -> Expected:
    """Play ``script`` on the call and return what the debrief says."""
    call = Call(scenario, detector)
    try:
        play_script(call, parse_script(script, name), name)
    except ScriptError as exc:
        raise TranscriptError(str(exc)) from None
    return Expected.of(call, evaluate(call))


def check(path: Path, detector: SignalDetector, update: bool = False) -> Result:
    """Replay one transcript; with ``update`` write the new results into the file."""
    try:
        transcript = read(path)
        actual = play(load_call(transcript.call_file), transcript.script, detector, str(path))
    except TranscriptError as exc:
        return Result(path, (str(exc),))
    differences = tuple(transcript.expected.differences(actual))
    if update and differences:
        path.write_text(render(Transcript(path, transcript.call_file, transcript.call_id,
                                          transcript.script, actual)), "utf-8")
    return Result(path, differences, actual)


def script_of(call: Call) -> str:
    """The script that replays a played call: its choices and lines, and when they hung up."""
    lines = []
    for turn in call.transcript:
        if turn.speaker != "learner":
            continue
        if turn.choice is not None:
            lines.append(f"choose {turn.choice}")
        else:
            lines.append(f"say {turn.text}")
    if call.ending is not None and call.ending.hung_up_first == "learner":
        said = [t.at + t.duration for t in call.transcript]
        waited = call.ending.at - max(said, default=0.0)
        if waited > 0.005:
            lines.append(f"wait {waited:.2f}")
        lines.append("hang up")
    return "\n".join(lines) + "\n"


def save(call: Call, name: str, out: Path | None = None) -> Path:
    """Save a played call as transcript ``name`` (the debrief's "keep this as a test")."""
    source = call.scenario.source
    if out is None:
        if source is None:
            raise TranscriptError("the call has no file to keep its transcripts beside; "
                                  "give --out FILE")
        out = folder_for(source) / f"{name}{SUFFIX}"
    if out.suffix != SUFFIX or not out.parent.name.endswith(FOLDER_SUFFIX):
        raise TranscriptError(f"{out}: a transcript is <call>{FOLDER_SUFFIX}/NAME{SUFFIX} "
                              "beside its call, so 'tutor test' can find both")
    call_file = call_file_for(out) if source is None else source
    transcript = Transcript(out, call_file, call.scenario.id, script_of(call),
                            Expected.of(call, evaluate(call)))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(transcript), "utf-8")
    return out


def record(scenario: Scenario, script: str, detector: SignalDetector, name: str,
           out: Path | None = None) -> Path:
    """Play ``script`` on the call and save it as transcript ``name``."""
    call = Call(scenario, detector)
    try:
        play_script(call, parse_script(script, name), name)
    except ScriptError as exc:
        raise TranscriptError(str(exc)) from None
    return save(call, name, out)


# --- the three standard transcripts ----------------------------------------------------------

def standard_moves(scenario: Scenario, detector: SignalDetector, kind: str) -> list[Move] | None:
    """The moves of the ``best``, ``rushed`` or ``typed`` transcript (None: no typed step).

    ``typed`` follows the best path but types, at the first closing step on that path that
    takes a typed line (any typed step on it, failing that), the step's ``typed.better`` or
    the call's first line that takes a route there.
    """
    if kind != "typed":
        return _moves(scenario, detector, kind, lambda step: False)
    if not any(s.typed for s in scenario.steps.values()):
        return None
    for wanted in (lambda step: bool(step.typed and step.closing),
                   lambda step: bool(step.typed)):
        moves = _moves(scenario, detector, kind, wanted)
        if any(m[0] == "say" for m in moves):
            return moves
    return None  # the best path meets no step that takes typed lines


def _moves(scenario: Scenario, detector: SignalDetector, kind: str,
           type_at: Callable[[Step], bool]) -> list[Move]:
    """Follow the best (or rushed) path, typing once at the first step ``type_at`` accepts."""
    lines = candidate_lines(scenario)
    call = Call(scenario, detector)
    moves: list[Move] = []
    for _ in range(200):
        call.listen()
        if call.phase is not Phase.LEARNER_TURN:
            break
        step = call.step
        if type_at(step) and not any(m[0] == "say" for m in moves):
            options = typed_moves(scenario, step, lines, detector)
            move: Move = ("say", options[0][0]) if options else ("say", "ok")
        else:
            chosen = pick(step, "rushed" if kind == "rushed" else "best", scenario.lang)
            move = (("choose", str(chosen.choice)) if chosen.choice is not None
                    else ("say", chosen.text or ""))
        moves.append(move)
        if move[0] == "choose":
            call.choose(int(move[1]))
        else:
            call.say(move[1])
    if kind == "rushed":
        moves.append(("hang up", ""))
    return moves


def record_standard(call_file: Path, detector: SignalDetector,
                    overwrite: bool = False) -> Iterator[tuple[str, Path | None]]:
    """Write the best, rushed and typed transcripts of one call; yield (kind, path or None).

    A transcript already there is kept unless ``overwrite``; None means the kind does not
    apply (no typed step) or was kept.
    """
    scenario = load_call(call_file)
    for kind in KINDS:
        out = folder_for(call_file) / f"{kind}{SUFFIX}"
        if out.exists() and not overwrite:
            yield kind, None
            continue
        try:
            moves = standard_moves(scenario, detector, kind)
        except PathError as exc:
            raise TranscriptError(f"{call_file}: {exc}") from None
        if moves is None:
            yield kind, None
            continue
        script = "\n".join(script_line(m) for m in moves) + "\n"
        yield kind, record(scenario, script, detector, kind, out)
