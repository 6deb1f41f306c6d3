"""Scripted play: a text file of actions (``choose 2``, ``say ...``, ``wait 1.5``, ``hang up``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.dialogue import MAX_WAIT, ActionError, Call
from tutor.safe_text import clip

Verb = Literal["choose", "say", "wait", "hang up"]


@dataclass(frozen=True, slots=True)
class Action:
    """One line of a script."""

    verb: Verb
    line: int
    number: int = 0
    seconds: float = 0.0
    text: str = ""


class ScriptError(Exception):
    """A script line that cannot be read or does not fit the call; names the line."""


USAGE = "actions are: choose N, say TEXT, wait SECONDS, hang up (one per line, # for comments)"


def parse_script(text: str, name: str = "<script>") -> list[Action]:
    """Read a script; raise ScriptError naming ``name:line`` for a line it cannot read."""
    actions = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        verb, _, rest = line.partition(" ")
        verb = verb.lower()
        rest = rest.strip()
        try:
            if verb == "choose":
                actions.append(Action("choose", number, number=int(rest)))
            elif verb == "say" and rest:
                actions.append(Action("say", number, text=rest))
            elif verb == "wait":
                seconds = float(rest)
                if not 0 <= seconds <= MAX_WAIT:  # also NaN and infinity, which float() reads
                    raise ScriptError(f"{name}:{number}: cannot wait {clip(rest)} seconds; "
                                      f"wait from 0 to at most {MAX_WAIT:g} at a time")
                actions.append(Action("wait", number, seconds=seconds))
            elif line.lower().replace("-", " ").replace("_", " ") in ("hang up", "hangup"):
                actions.append(Action("hang up", number))
            else:
                raise ValueError
        except ValueError:
            raise ScriptError(f"{name}:{number}: cannot read {clip(line)!r}; {USAGE}") from None
    return actions


def play_script(call: Call, actions: list[Action], name: str = "<script>") -> None:
    """Play ``actions`` on ``call``, then let the call run out."""
    for action in actions:
        try:
            if action.verb == "choose":
                call.choose(action.number)
            elif action.verb == "say":
                call.say(action.text)
            elif action.verb == "wait":
                call.wait(action.seconds)
            else:
                call.hang_up()
        except ActionError as exc:
            raise ScriptError(f"{name}:{action.line}: {exc}") from None
    call.run_out()
