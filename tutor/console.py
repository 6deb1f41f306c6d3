"""How the command line speaks to the terminal when something is wrong."""

from __future__ import annotations

import sys

from tutor.safe_text import for_terminal


def fail(message: str) -> int:
    """Print ``tutor: message`` as one line on stderr; return the exit code for a failure."""
    # Messages quote paths, ids and values from files: escapes in them are shown, not obeyed.
    print(for_terminal(f"tutor: {message}"), file=sys.stderr)
    return 1
