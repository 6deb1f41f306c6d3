"""How the command line speaks to the terminal when something is wrong."""

from __future__ import annotations

import sys


def fail(message: str) -> int:
    """Print ``tutor: message`` as one line on stderr; return the exit code for a failure."""
    print(f"tutor: {message}", file=sys.stderr)
    return 1
