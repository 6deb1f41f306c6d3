"""Where scenarios are found: the bundled calls, trainers' folders, and single files.

The folders are the bundled one, then those in ``$TUTOR_SCENARIOS``, then those given with
``--scenarios``; a later folder's file wins over an earlier one with the same id. Listings read
cached cards (``tutor.scenario.cards``); a call to play is loaded from its one file.

The loader is imported inside the functions that need a whole scenario: listing the library at
start-up then never pays for YAML and the validator. It sits below this module (no cycle).
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles every string
# annotation, which costs more than the rest of this module at every start
# (tutor/tui/startup.py).

import os
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from tutor.safe_text import clip
from tutor.scenario.cards import Card, read_cards

if TYPE_CHECKING:
    from tutor.scenario.model import Scenario

ENV_VAR = "TUTOR_SCENARIOS"
#: What a scenario file's name ends with.
SUFFIXES = (".yaml", ".yml")
#: A library folder's cue files are ``<folder>/signals/<lang>.yaml`` (``tutor.signals.cues``);
#: a YAML file in a folder of this name is a cue file, never a scenario. Said here, not in
#: ``tutor.signals``: every start lists scenarios, and that package is not needed for it.
CUE_FOLDER = "signals"


def bundled_dir() -> Path:
    """The folder of bundled scenarios, in an installed wheel or in a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_bundled_scenarios"  # where the wheel puts them (see pyproject)
    return installed if installed.is_dir() else package.parent / "scenarios"


def scenario_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Bundled folder first, then ``$TUTOR_SCENARIOS`` folders, then ``extra``."""
    dirs = [bundled_dir()]
    dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


def is_scenario_file(path: Path) -> bool:
    """True for a visible file whose name ends in a scenario suffix, outside a cue folder."""
    return _is_yaml(path) and path.parent.name != CUE_FOLDER


def is_cue_file(path: Path) -> bool:
    """True for a trainer's cue file: a visible YAML file in a ``signals`` folder."""
    return _is_yaml(path) and path.parent.name == CUE_FOLDER


def _is_yaml(path: Path) -> bool:
    return path.suffix in SUFFIXES and not path.name.startswith(".") and path.is_file()


def cue_files_in(paths: Sequence[Path]) -> list[Path]:
    """The cue files among ``paths`` and below those that are folders."""
    found: list[Path] = []
    for path in paths:
        below = sorted(path.rglob("*")) if path.is_dir() else [path]
        found.extend(p for p in below if is_cue_file(p))
    return found


def files_in(dirs: Sequence[Path]) -> list[Path]:
    """Scenario files below ``dirs``, folder by folder, each folder's files sorted."""
    found: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            found.extend(map(Path, _scenario_files(str(folder))))
    return found


def _scenario_files(folder: str) -> Iterator[str]:
    # What sorted(rglob("*")) with is_scenario_file finds, in its order (each folder's
    # entries by name, a folder's files where its name sorts), without a Path for every
    # entry: a listing walks the calls' other files too (transcripts), and making a Path of
    # each was most of every start's listing (tutor/tui/startup.py). Like rglob, it does not
    # descend into a linked folder nor one it may not read.
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except PermissionError:
        return
    in_cue_folder = os.path.basename(folder) == CUE_FOLDER
    for entry in entries:
        name = entry.name
        if name.endswith(SUFFIXES) and not name.startswith(".") and not in_cue_folder and \
                _is_file(entry):
            yield entry.path
        elif _is_dir(entry):
            yield from _scenario_files(entry.path)


def expand(paths: Sequence[Path]) -> list[Path]:
    """Folders replaced by the scenario files below them; files kept as given (but cue files)."""
    files: list[Path] = []
    for path in paths:
        files.extend(files_in([path]) if path.is_dir() else [] if is_cue_file(path) else [path])
    return files


def catalog(dirs: Sequence[Path]) -> list[Card]:
    """A card for every scenario file below ``dirs``, validating only changed files."""
    return read_cards(files_in(dirs))


class Listed(Protocol):
    """What a listing orders by: a card or a whole scenario."""

    @property
    def id(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def title(self) -> str: ...


ListedT = TypeVar("ListedT", bound=Listed)


def one_per_id(items: Iterable[ListedT]) -> list[ListedT]:
    """One item per id (a later folder's file wins), sorted by language, then title."""
    by_id = {item.id: item for item in items}
    return sorted(by_id.values(), key=lambda i: (i.lang, i.title.casefold(), i.id))


def listing(cards: Sequence[Card]) -> list[Card]:
    """Valid cards, one per id, sorted for display."""
    return one_per_id(card for card in cards if card.valid)


class Origin(Enum):
    """Where the call listed under an id comes from, as the library tells the learner."""

    BUNDLED = "bundled"
    YOURS = "yours"  # a trainer's folder, with an id of its own
    OVERRIDES = "overrides"  # a trainer's folder, replacing a bundled call


def origins(cards: Sequence[Card]) -> dict[str, Origin]:
    """Where the call each id stands for comes from, in a listing of ``cards`` (later wins)."""
    bundled = bundled_dir()
    inside = os.path.join(bundled, "")  # the bundled folder's path, ending in a separator
    resolved = bundled.resolve()
    bundled_ids: set[str] = set()
    out: dict[str, Origin] = {}
    for card in cards:
        if not card.valid:
            continue
        # A file found in the bundled folder is bundled; only a trainer's file is resolved
        # (its folder may lead into the bundled one), since a resolve per file made this
        # most of every listing's time.
        if card.path.startswith(inside) or resolved in Path(card.path).resolve().parents:
            bundled_ids.add(card.id)
            out[card.id] = Origin.BUNDLED
        else:
            out[card.id] = Origin.OVERRIDES if card.id in bundled_ids else Origin.YOURS
    return out


class Listing(NamedTuple):
    """What the library shows: sound scenarios' cards, and the files that would not load."""

    cards: tuple[Card, ...]
    broken: tuple[str, ...]  # paths
    origins: dict[str, Origin]  # by id


def list_scenarios(extra: Sequence[Path] = ()) -> Listing:
    """The cards of every folder's scenarios (see ``scenario_dirs``), from the cache if fresh."""
    cards = catalog(scenario_dirs(extra))
    return Listing(tuple(listing(cards)), tuple(c.path for c in cards if not c.valid),
                   origins(cards))


def load_all(extra: Sequence[Path] = ()) -> list["Scenario"]:
    """Every sound scenario, loaded in full, one per id and sorted like a listing."""
    from tutor.scenario.loader import check_file

    loaded = (check_file(path)[0] for path in files_in(scenario_dirs(extra)))
    return one_per_id(scenario for scenario in loaded if scenario is not None)


class UnknownScenario(LookupError):
    """No scenario has that id and no file has that path."""


def find(ref: str, extra: Sequence[Path] = ()) -> "Scenario":
    """A scenario by id, or by the path of a file; reads only that one file.

    Raises UnknownScenario (with a did-you-mean) or ScenarioError for a file with problems.
    """
    from tutor.scenario.loader import load_scenario

    cards = listing(catalog(scenario_dirs(extra)))
    for card in cards:
        if card.id == ref:
            return load_scenario(Path(card.path))
    path = Path(ref)
    if path.suffix in SUFFIXES or os.sep in ref or _is_file(path):
        if not _is_file(path):
            raise UnknownScenario(f"no such file: {clip(ref)}")
        return load_scenario(path)
    known = [c.id for c in cards]
    raise UnknownScenario(f"no scenario with id {clip(ref)!r}; {_suggest_id(ref, known)}"
                          f"known ids: {', '.join(known) or 'none'}")


def _is_file(path: Path | os.DirEntry[str]) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the system is no file either
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir() and not entry.is_symlink()
    except OSError:
        return False


def _suggest_id(ref: str, known_ids: list[str]) -> str:
    from tutor.suggest import did_you_mean  # only on this error: every start reads this module

    # Most often the language is missing: "sales-call" for sales-call-en and sales-call-ru.
    variants = [i for i in known_ids if i.startswith(ref + "-")]
    if variants:
        return "did you mean " + " or ".join(repr(i) for i in variants[:3]) + "? "
    return did_you_mean(ref, known_ids)
