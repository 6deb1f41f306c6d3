"""Small calls written for the authoring tests, each with exactly the flaw a test looks for."""

from __future__ import annotations

from pathlib import Path

HEAD = """\
id: {id}
title: A test call
lang: en
summary: A call written for one authoring test.
learner: {{role: Caller, goal: Close the call well.}}
other: {{name: Sam, role: Friend}}
"""

#: A closing whose only choice breaks almost everything: no path can pass.
HOPELESS = HEAD + """\
steps:
  - id: hello
    other: [{{text: "Hello, Sam here."}}]
    choices:
      - {{text: "Hi Sam, see you on Friday.", next: wrap, follows: [person_first]}}
  - id: wrap
    closing: true
    other: [{{text: "Great, see you then."}}]
    choices:
      - text: "ok bye"
        next: end
        pace: rushed
        breaks: [pace, warmth, thanks, offer_help, next_steps, last_word]
farewell: {{text: "Bye, take care!"}}
"""

#: A sound call with a typed closing step, an unannotated choice and a fact nobody says.
FLAWED = HEAD + """\
steps:
  - id: hello
    other: [{{text: "Hello, Sam here."}}]
    choices:
      - {{text: "Hi Sam, is now a good time?", next: wrap, follows: [person_first]}}
  - id: wrap
    closing: true
    other: [{{text: "Sure. So Friday at ten?"}}]
    choices:
      - text: "Yes, Friday at 10:00. Is there anything else I can help with?"
        next: bye
      - text: "Thank you, Sam, it was lovely to talk. See you on Friday at 10:00. Goodbye!"
        next: end
        follows: [thanks, warmth, next_steps]
    typed:
      routes:
        - {{when: {{all: [rushed, offer_help]}}, next: bye}}
      default: end
  - id: bye
    closing: true
    other: [{{text: "No, that's all. Thanks!"}}]
    choices:
      - text: "Thank you, Sam, take care. Goodbye!"
        next: end
        follows: [thanks, warmth]
farewell: {{text: "Bye, take care!"}}
rubric:
  facts:
    - {{id: place, label: the place, pattern: "harbour street"}}
"""


def write(folder: Path, name: str, text: str, call_id: str) -> Path:
    """Write ``text`` (with ``call_id`` filled in) to ``folder/name``; return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.format(id=call_id), "utf-8")
    return path
