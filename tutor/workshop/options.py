"""The options of ``tutor workshop``: the CLI builds its parser from here.

Plain Python with nothing else imported, so that every command's start-up stays as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DB = Path("tutor-workshop") / "results.sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``tutor workshop`` (the CLI owns the parser, this module its options)."""
    parser.add_argument("--host", default="127.0.0.1", metavar="127.0.0.1|auto|ADDR",
                        help="where to listen: this computer only (default), 'auto' for its "
                             "local network address, or an address")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    parser.add_argument("--max", type=int, default=30, metavar="N",
                        help="at most N participants at once (default 30)")
    # A str, not a Path: a Path would fold the "//" of a postgresql:// URL.
    parser.add_argument("--db", default=str(DEFAULT_DB), metavar="FILE|URL",
                        help=f"the results store: a file (default {DEFAULT_DB}) or a "
                             "postgresql:// URL shared by several servers (needs "
                             "'tutor[postgres]')")
    parser.add_argument("--code", help="the join code (default: a new one, like K7Q2)")
    parser.add_argument("--no-dashboard", dest="dashboard", action="store_false",
                        help="log one line per event instead of the live table")
    actions = parser.add_subparsers(dest="workshop_action", metavar="ACTION")
    report = actions.add_parser("report", help="the results of a workshop: per participant "
                                "and call, and per principle for the group")
    report.add_argument("results", metavar="DB", help="the workshop's --db file or URL")
    report.add_argument("--format", choices=("md", "csv", "html"), default="md")
    report.add_argument("--out", type=Path, metavar="FILE", help="write here, not to stdout")
    merge = actions.add_parser(
        "import", help="merge results exported on participants' own laptops into DB",
        description="Merge what participants exported on their own computers into a "
                    "workshop's store: history files ('tutor history --export FILE') and "
                    "the .json reports the app's export or 'tutor run --json' writes. Each "
                    "file is imported whole or not at all; importing it again adds nothing.")
    merge.add_argument("results", metavar="DB",
                       help="the workshop's --db file (made if it is not there yet) or URL")
    merge.add_argument("files", type=Path, nargs="+", metavar="FILE",
                       help="history (.jsonl) or report (.json) files")
    merge.add_argument("--participant", metavar="NAME",
                       help="whose results these are, for files that do not say (a report "
                            "never does; a history from a workshop does)")
