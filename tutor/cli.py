"""The ``tutor`` command: the TUI by default, and headless subcommands for everything else.

Imports are deferred into each command so that headless commands stay fast and never
import Textual.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from tutor import locale
from tutor.console import fail
from tutor.locale import LANGS, plural
from tutor.safe_text import clip, for_terminal, json_for_terminal
from tutor.storage import clean_orphans

if TYPE_CHECKING:
    from concurrent.futures import Future

    from tutor.practice import Practice
    from tutor.scenario.model import Scenario
    from tutor.session import Attempt
    from tutor.signals.types import SignalDetector
    from tutor.tui.loading import LibraryData
    from tutor.tui.options import AppOptions
    from tutor.workshop.seat import Seat


def _folder(text: str) -> Path:
    """``--scenarios``: a folder that exists."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: no such folder")
    return path


def _speed(text: str) -> float:
    """``--speed``: a finite number above 0."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"{clip(text)!r} is not a number above 0")
    return value


def _patience(text: str) -> float:
    """``--patience``: seconds (at least 1), or 'off' for a call that never minds silence."""
    if text.strip().lower() == "off":
        return math.inf
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 1 <= value < math.inf:
        raise argparse.ArgumentTypeError(f"{text!r} is neither a number of seconds from 1 up "
                                         "nor 'off'")
    return value


def _app_parser(*, add_help: bool = True, exit_on_error: bool = True,
                allow_abbrev: bool = True) -> argparse.ArgumentParser:
    """The options of the app itself, which every command line may start with."""
    parser = argparse.ArgumentParser(
        prog="tutor",
        description="Practise ending phone calls well. Run without a command to open the app.",
        add_help=add_help, exit_on_error=exit_on_error, allow_abbrev=allow_abbrev,
    )
    parser.add_argument("--scenarios", metavar="DIR", type=_folder, action="append", default=[],
                        help="also load scenarios from DIR (repeatable; see also "
                             "$TUTOR_SCENARIOS)")
    parser.add_argument("--ui-lang", choices=LANGS,
                        help="interface language of the app (default: the call's language, "
                             "or the system locale in the library)")
    parser.add_argument("--speed", type=_speed, default=1.0, metavar="X",
                        help="run the app's call clock X times faster (for demos and tests)")
    parser.add_argument("--patience", type=_patience, metavar="SECONDS",
                        help="seconds of silence in your turn before the other side asks if "
                             "you are still there (as long again and they hang up); 'off' "
                             "for never (default: each call's own, usually 8)")
    parser.add_argument("--speech", dest="app_speech", action="store_true",
                        help="speak the other side's lines aloud in the app (remembered for "
                             "next time; Ctrl+S turns it off)")
    return parser


def _seed(text: str) -> int:
    """``--seed``: a whole number from 0 up."""
    if not text.isdecimal() or len(text) > 18:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 up")
    return int(text)


def _practice_options(p: argparse.ArgumentParser, order: str) -> None:
    """``--from`` and ``--seed``, shared by ``run`` and ``play`` (see tutor.practice)."""
    p.add_argument("--from", dest="start", metavar="STEP",
                   help="start at this step instead of the beginning; 'closing' is the first "
                        "closing step (the opening is summed up in a short recap)")
    p.add_argument("--seed", type=_seed, metavar="N",
                   help=f"show each step's numbered lines in the order seed N gives ({order})")


class _Unused:
    """Takes a subcommand's arguments (and groups, and nested subcommands) and drops them:
    the command line names another command."""

    def __getattr__(self, name: str) -> Callable[..., _Unused]:
        return lambda *args, **kwargs: self


class _OnlyOne:
    """Subparsers that build only the named command's parser.

    Building every subcommand's parser (twenty of them, each with its help texts) was the
    largest part of a headless command's start-up; a command line that names one command
    needs only that one.
    """

    def __init__(self, sub: argparse._SubParsersAction[argparse.ArgumentParser],
                 only: str) -> None:
        self._sub = sub
        self._only = only

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """The real parser for the named command, a stand-in for every other."""
        if name == self._only:
            return self._sub.add_parser(name, **kwargs)
        return cast(argparse.ArgumentParser, _Unused())


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``only``, one that knows just that subcommand's arguments."""
    parser = _app_parser()
    full = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub = full if only is None else cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]", _OnlyOne(full, only))

    p = sub.add_parser("list", help="list the scenarios found")
    p.add_argument("--lang", choices=LANGS, help="only calls in this language")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("validate", help="check scenario files and report every problem")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")

    p = sub.add_parser("run", help="play a call headless from a script of actions")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--script", metavar="FILE",
                     help="one action per line: choose N, say TEXT, wait SECONDS, hang up "
                          "('-' reads stdin)")
    how.add_argument("--path", choices=("best", "rushed"),
                     help="play the path the annotations call best (no 'breaks', most "
                          "'follows') or rushed (most 'breaks', then hang up at once): "
                          "a trainer's check of a new call, never recorded")
    _practice_options(p, "with --seed only: a script's 'choose N' means the N-th line shown")
    p.add_argument("--json", action="store_true", help="print a JSON report")
    p.add_argument("--no-record", dest="record", action="store_false",
                   help="do not record the result of a --script call (for scripts and CI)")

    p = sub.add_parser("play", help="play a call (--plain: line by line, screen-reader friendly)")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--plain", action="store_true", help="plain text on stdin/stdout, no TUI")
    _practice_options(p, "shuffled whenever you start from a step; --seed repeats an order")
    p.add_argument("--watch", action="store_true",
                   help="live preview for trainers: reload the call's file on each save, keep "
                        "the learner's place, show its problems in the app")
    # SUPPRESS: without the flag here, a '--speech' before 'play' still counts.
    p.add_argument("--speech", dest="app_speech", action="store_true", default=argparse.SUPPRESS,
                   help="speak the other side's lines aloud (same as 'tutor --speech play')")

    p = sub.add_parser("check", help="find the closing signals in lines of text")
    p.add_argument("texts", nargs="+", metavar="TEXT", help="lines to check, or '-' for stdin "
                   "(one line each)")
    p.add_argument("--lang", choices=(*LANGS, "auto"), default="auto")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one per input line")

    p = sub.add_parser("listen", help="hear a scenario's rushed closing, then its calm one")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--speech", action="store_true", help="also speak the lines aloud")

    p = sub.add_parser("voices", help="list the voices speech can use (in tutor's languages)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--lang", choices=LANGS, help="only this language's voices")
    which.add_argument("--all", dest="all_voices", action="store_true",
                       help="every voice the engine has, in any language")

    p = sub.add_parser("speak", help="write a line of speech to a WAV file, to preview it")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--lang", choices=LANGS, required=True)
    p.add_argument("--pace", choices=("calm", "rushed"), default="calm")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.wav")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format")

    p = sub.add_parser("history", help="list past attempts; export, import or clear them")
    p.add_argument("--scenario", metavar="ID", help="only attempts at this call")
    p.add_argument("--json", action="store_true", help="print JSON (every attempt unless --limit)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N attempts, newest first "
                   "(default: 20 as text)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--export", metavar="FILE", help="write attempts to FILE as JSON Lines "
                      "('-' for stdout), to move them to another machine")
    what.add_argument("--import", dest="import_file", metavar="FILE",
                      help="add the attempts of a JSON Lines FILE; those already here are "
                           "skipped")
    what.add_argument("--clear", action="store_true", help="delete every attempt (asks first)")
    p.add_argument("--yes", action="store_true", help="with --clear: do not ask")

    p = sub.add_parser("stats", help="progress per principle and per call")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("lint", help="validate calls and walk every path through them")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    p = sub.add_parser("graph", help="print a map of a call (Mermaid or Graphviz DOT)")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")

    p = sub.add_parser("record", help="save a scripted play as a transcript test")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario id or a file")
    p.add_argument("--script", metavar="FILE", help="the actions, as for 'run' ('-' reads stdin)")
    p.add_argument("--name", help="the transcript's name (default: the script's file name)")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: beside the call)")
    p.add_argument("--all", type=_folder, metavar="DIR",
                   help="write the best, rushed and typed transcripts of every call in DIR")
    p.add_argument("--update", action="store_true", help="replace transcripts already there")

    p = sub.add_parser("test", help="replay transcript tests and report every difference")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--update", action="store_true", help="rewrite the expectations")

    p = sub.add_parser("new", help="write a new call to start from")
    p.add_argument("--lang", choices=LANGS, default="en")
    p.add_argument("--kind", default="booking", help="what kind of call (default: booking)")
    p.add_argument("--id", help="its id (default: new-call-LANG)")
    p.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                   help="the folder to write it in (default: here)")

    p = sub.add_parser("next", help="your weakest principle and the call that trains it")
    p.add_argument("--json", action="store_true", help="print JSON (null before any attempt)")

    from tutor.workshop.options import add_arguments  # the server is imported only to serve

    add_arguments(sub.add_parser("workshop", help="serve the app to a workshop's browsers "
                                 "and gather results (needs 'tutor[workshop]')"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tutor`` console script."""
    if hasattr(sys.stdin, "reconfigure"):
        # A stray byte in piped input must not end the session with a traceback.
        sys.stdin.reconfigure(errors="replace")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    clean_orphans()  # temporary files of a process killed mid-save
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` as the full parser reads it.

    Opening the app (no command) is the usual start and is timed: it skips building the
    parsers of all the subcommands. Anything the short parser does not simply accept (a word
    that may be a command, help, a mistake) goes to the full parser, which words the help and
    the errors.
    """
    if not any(arg in COMMANDS for arg in argv):
        # No abbreviations either: an ambiguous one would make argparse exit on its own.
        short = _app_parser(add_help=False, exit_on_error=False, allow_abbrev=False)
        try:
            args, rest = short.parse_known_args(argv)
        except argparse.ArgumentError:
            pass  # the full parser below says what is wrong
        else:
            if not rest:
                args.command = None
                return args
    named = [arg for arg in argv if arg in COMMANDS]
    # One command named, and no help asked for (help lists every command): build only its
    # parser. Two names (an option's value may look like one) get the full parser.
    only = named[0] if len(named) == 1 and not {"-h", "--help"} & set(argv) else None
    return _parser(only).parse_args(argv)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _cmd_home(args)
    return COMMANDS[args.command](args)


def _detector(extra: Sequence[Path]) -> SignalDetector:
    """The line analyzer for the scenario folders in use (``--scenarios`` adds to them)."""
    from tutor.scenario.sources import scenario_dirs
    from tutor.signals import CueFileError, build_detector

    try:
        return build_detector(scenario_dirs(extra))
    except CueFileError as exc:  # a trainer's cue file: say where, like argparse, and stop
        raise SystemExit(fail(str(exc))) from None


def _scenario(args: argparse.Namespace) -> Scenario | None:
    from tutor.scenario.problems import ScenarioError
    from tutor.scenario.sources import UnknownScenario, find
    from tutor.settings import read_settings

    settings, unread = read_settings()
    if unread is not None and (args.command != "play" or args.plain):  # the app tells it itself
        from tutor.locale import as_lang, system_lang

        print(for_terminal(f"tutor: {unread.notice(as_lang(args.ui_lang) or system_lang())}"),
              file=sys.stderr)
    try:
        # The learner's gender from their settings, unless the scenario says whom they play.
        return find(args.scenario, args.scenarios).for_learner(settings.gender)
    except UnknownScenario as exc:
        fail(str(exc))
    except ScenarioError as exc:
        print(for_terminal("\n".join(p.format() for p in exc.problems)), file=sys.stderr)
        fail(f"{args.scenario} has problems; fix them and try again")
    return None


def _cmd_list(args: argparse.Namespace) -> int:
    from tutor.scenario.sources import list_scenarios

    found = list_scenarios(args.scenarios)
    shown = [c for c in found.cards if args.lang in (None, c.lang)]
    if args.json:
        import json

        print(json_for_terminal(json.dumps([
            {"id": c.id, "title": c.title, "lang": c.lang, "kind": c.kind,
             "difficulty": c.difficulty, "summary": c.summary, "file": c.path}
            for c in shown
        ], ensure_ascii=False, indent=2)))
    else:
        width = max((len(c.id) for c in shown), default=2)
        for c in shown:
            print(for_terminal(f"{c.id:<{width}}  {c.lang}  {c.title}"))
        if not shown:
            print("No scenarios found.")
    broken = found.broken
    if broken:
        names = for_terminal(", ".join(broken[:3]) + (" ..." if len(broken) > 3 else ""))
        print(f"tutor: skipped {plural('en', len(broken), 'file|files')} with problems ({names}); "
              "run 'tutor validate' on them", file=sys.stderr)
    return 0


def _has_terminal() -> bool:
    """True when a person's terminal is on both ends (the full-screen app needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_app(args: argparse.Namespace, scenario: Scenario | None = None,
             practice: Practice | None = None, watch: Path | None = None) -> int:
    from tutor.workshop.seat import seat_from_env

    seat = seat_from_env()  # a workshop's app has a browser, not a terminal
    if not _has_terminal() and seat is None:
        # Without a terminal the app would draw into a pipe and wait for keys forever.
        what = f"tutor play {scenario.id} --plain" if scenario else "tutor play ID --plain"
        print(f"tutor: the full-screen app needs a terminal; here use '{what}' "
              "(line by line) or 'tutor list'", file=sys.stderr)
        return 2
    from tutor.tui.loading import load_in_background
    from tutor.tui.startup import paused_collector

    # Read the library while Textual is imported, so the list is there for the first frame.
    preload = load_in_background(args.scenarios, None)
    with paused_collector() as started:  # why: tutor.tui.startup
        # Textual is imported only by make_app, so headless commands never pay for it.
        from tutor.tui import make_app

        make_app(app_options(args, seat, scenario=scenario, practice=practice, watch=watch,
                             preload=preload, on_started=started)).run()
    return 0


def app_options(args: argparse.Namespace, seat: Seat | None, *,
                scenario: Scenario | None = None, practice: Practice | None = None,
                watch: Path | None = None, preload: Future[LibraryData] | None = None,
                on_started: Callable[[], object] | None = None,
                own_signals: bool = True) -> AppOptions:
    """How to start the app for the command line ``args`` (and, in a workshop, ``seat``)."""
    from tutor.tui.options import AppOptions

    # Speech: the remembered choice, unless --speech turns it on (and that is remembered).
    return AppOptions(library_dirs=tuple(args.scenarios), ui_lang=args.ui_lang,
                      speed=args.speed, patience=args.patience, scenario=scenario,
                      practice=practice, watch=watch,
                      speech_on=True if args.app_speech else None, preload=preload,
                      on_started=on_started, workshop=seat, own_signals=own_signals)


def _cmd_home(args: argparse.Namespace) -> int:
    return _run_app(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from tutor.authoring.lint import id_findings
    from tutor.scenario.loader import check_file
    from tutor.scenario.sources import cue_files_in, expand

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(for_terminal(f"{path}: no such file or folder"), file=sys.stderr)
    given = [p for p in args.paths if p.exists()]
    files = expand(given)
    cues = cue_files_in(given)  # <folder>/signals/<lang>.yaml: checked as what they are
    bad = count = 0
    if cues:
        from tutor.signals import check_cue_file

        for path in cues:
            mistake = check_cue_file(path)
            if mistake is not None:
                bad += 1
                count += 1
                print(for_terminal(str(mistake)))
    files_seen = len(files) + len(cues)
    sound: list[tuple[Path, str]] = []
    for path in files:
        scenario, problems = check_file(path)
        if scenario is not None:
            sound.append((path, scenario.id))
        if problems:
            bad += 1
            count += len(problems)
            print(for_terminal("\n".join(p.format() for p in problems)))
    clashes = id_findings(sound, args.scenarios)
    print(*(for_terminal(f.format()) for f in clashes), sep="\n", end="\n" if clashes else "")
    errors = [f for f in clashes if f.severity == "error"]
    bad += len({f.path for f in errors})
    count += len(errors)
    if not files_seen and not missing:
        print("no scenario files (*.yaml, *.yml) found", file=sys.stderr)
        return 1
    if bad:
        print(f"{plural('en', count, 'problem|problems')} in {bad} of "
              f"{plural('en', files_seen, 'file|files')}", file=sys.stderr)
    else:
        print(f"{plural('en', files_seen, 'file|files')} OK", file=sys.stderr)
    return 1 if bad or missing else 0


def _cmd_run(args: argparse.Namespace) -> int:
    from tutor.dialogue import Call
    from tutor.export import report_dict
    from tutor.feedback import evaluate
    from tutor.plain import recap_lines
    from tutor.play.paths import PathError
    from tutor.play.script import ScriptError, parse_script, play_script
    from tutor.practice import Practice, PracticeError, practice_dict, prepare
    from tutor.report import call_dict, evaluation_text, transcript_text

    scenario = _scenario(args)
    if scenario is None:
        return 1
    # A script is replayed exactly: its lines keep their authored order unless --seed is given.
    practice = Practice(args.start, args.seed)
    try:
        played = prepare(scenario, practice)
    except PracticeError as exc:
        return fail(str(exc))
    call = Call(played, _detector(args.scenarios))
    try:
        if args.path:
            from tutor.play.paths import play

            play(call, args.path)
        else:
            name = "<stdin>" if args.script == "-" else args.script
            try:
                text = (sys.stdin.read() if args.script == "-"
                        else Path(args.script).read_text("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                return fail(f"cannot read script {name}: {exc}")
            play_script(call, parse_script(text, name), name)
    except (ScriptError, PathError) as exc:
        if args.json:
            print(json_for_terminal(json.dumps(call_dict(call), ensure_ascii=False, indent=2)))
        else:
            print(for_terminal(transcript_text(call)))
        return fail(str(exc))
    evaluation = evaluate(call)
    if args.json:
        report = report_dict(call, evaluation)
        report["practice"] = practice_dict(scenario, practice)
        print(json_for_terminal(json.dumps(report, ensure_ascii=False, indent=2)))
    else:
        if practice.drill:
            print(for_terminal("\n".join(recap_lines(scenario, played.start))) + "\n")
        print(for_terminal(transcript_text(call)))
        print()
        print(for_terminal(evaluation_text(evaluation)))
    if call.ending is None:
        return fail(f"the script ended at step {call.step.id!r} with the call still open; "
                    "add actions or 'hang up'")
    # A --path run plays the author's own annotations, not a learner: it checks the call,
    # and fails (for CI) when the result contradicts what the path should show.
    if args.path == "best" and not evaluation.passed:
        return fail(f"the best path does not pass ({evaluation.total}/{evaluation.pass_mark}): "
                    "check the 'follows' and 'breaks' of its choices and the pass mark")
    if args.path == "rushed" and evaluation.passed:
        return fail(f"the rushed path passes ({evaluation.total}/{evaluation.pass_mark}): "
                    "a rushed close should fail; check its 'breaks' and the pass mark")
    if args.record and not args.path:
        from tutor.session import finish

        _keep(finish(call, evaluation, front_end="run", seed=practice.seed,
                     from_step=played.start if practice.drill else ""))
    return 0


def _keep(attempt: Attempt) -> None:
    """Record a finished call; a result that cannot be saved is reported, not fatal."""
    from tutor.commands.progress import keep_attempt

    keep_attempt(attempt)


def _cmd_play(args: argparse.Namespace) -> int:
    if args.watch:
        return _play_watched(args)

    from tutor.practice import Practice, PracticeError, new_seed, start_step

    scenario = _scenario(args)
    if scenario is None:
        return 1
    try:
        start_step(scenario, args.start)
    except PracticeError as exc:
        return fail(str(exc))
    # A drill shows its lines in a new order each time, unless --seed asks for a known one.
    seed = new_seed() if args.seed is None and args.start is not None else args.seed
    practice = Practice(args.start, seed)
    if args.plain:
        from tutor.plain import play_plain

        if args.patience is not None:
            from dataclasses import replace

            scenario = replace(scenario, patience=args.patience)
        return play_plain(scenario, _detector(args.scenarios), sys.stdin, sys.stdout, keep=_keep,
                          practice=practice)
    return _run_app(args, scenario, practice)


def _play_watched(args: argparse.Namespace) -> int:
    from tutor.scenario.loader import check_file

    if args.plain:
        return fail("--watch works in the full-screen app only; leave out --plain")
    path = Path(args.scenario)
    if path.is_file():
        scenario, _ = check_file(path)  # a file with problems opens too: the app shows them
    else:
        scenario = _scenario(args)  # an id: its file is the one to watch
        if scenario is None or scenario.source is None:
            return 1
        path = scenario.source
    return _run_app(args, scenario, watch=path)


def _cmd_check(args: argparse.Namespace) -> int:
    from tutor.feedback.tips import tip

    analyzer = _detector(args.scenarios)
    lang = None if args.lang == "auto" else args.lang
    lines = sys.stdin if args.texts == ["-"] else args.texts
    write = sys.stdout.write
    # One encoder for every line: json.dumps with options builds a new one per call. Same bytes.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    if not args.json:
        # Only the text output needs the report helpers, which pull in the dialogue engine.
        from tutor.report import spans_text
    for raw in lines:
        text = raw.rstrip("\r\n")
        analysis = analyzer.analyze(text, lang)
        if args.json:
            write(json_for_terminal(encode({
                "text": text,
                "lang": analysis.lang,
                "signals": list(analysis.signals),
                "spans": [{"signal": s.signal, "start": s.start, "end": s.end, "text": s.text}
                          for s in analysis.spans],
                "tip": tip(analysis),
            })) + "\n")
        else:
            write(for_terminal(
                f"{text}\n  [{analysis.lang}] {spans_text(analysis)}\n"
                f"  {locale.text(analysis.lang, 'cli.tip')}: {tip(analysis)}\n"))
        if lines is sys.stdin:
            # Answer each line as it comes, for interactive pipes. Batching the writes until
            # stdin runs dry was measured: at most 5 ms over 10,000 lines into a pipe (<1%),
            # not worth a hand-made line reader.
            sys.stdout.flush()
    return 0


def _cmd_listen(args: argparse.Namespace) -> int:
    from tutor.listen import listen

    scenario = _scenario(args)
    if scenario is None:
        return 1
    if scenario.examples is None:
        return fail(f"{scenario.id} has no example closings (add 'examples:' to its file)")
    speech = args.speech or args.app_speech  # `tutor --speech listen X` means it too
    return listen(scenario, speech=speech, out=sys.stdout, speed=args.speed)


def _cmd_voices(args: argparse.Namespace) -> int:
    from tutor.speech.commands import voices_command

    return voices_command(args.lang, every=args.all_voices)


def _cmd_speak(args: argparse.Namespace) -> int:
    from tutor.speech.commands import speak_command

    return speak_command(args.text, args.lang, args.pace, args.out)


def _cmd_schema(args: argparse.Namespace) -> int:
    from tutor.scenario.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _authoring() -> ModuleType:
    """The authoring commands, imported only when one of them runs."""
    from tutor.authoring import commands

    return commands


def _progress() -> ModuleType:
    """The progress commands, imported only when one of them runs."""
    from tutor.commands import progress

    return progress


def _cmd_workshop(args: argparse.Namespace) -> int:
    from tutor.workshop.command import workshop_command

    return workshop_command(args)


#: Each subcommand and what runs it, in the order of ``_parser`` (a test keeps them in step).
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _cmd_list,
    "validate": _cmd_validate,
    "run": _cmd_run,
    "play": _cmd_play,
    "check": _cmd_check,
    "listen": _cmd_listen,
    "voices": _cmd_voices,
    "speak": _cmd_speak,
    "schema": _cmd_schema,
    "history": lambda args: _progress().history_command(args),
    "stats": lambda args: _progress().stats_command(args),
    "lint": lambda args: _authoring().lint_command(args),
    "graph": lambda args: _authoring().graph_command(args),
    "record": lambda args: _authoring().record_command(args),
    "test": lambda args: _authoring().test_command(args),
    "new": lambda args: _authoring().new_command(args),
    "next": lambda args: _progress().next_command(args),
    "workshop": _cmd_workshop,
}
