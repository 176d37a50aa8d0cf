"""The ``klinik`` command: starts the window, or reaches every capability headless.

Exit status: 0 success; 1 a known problem of the environment (disk full, store in use, newer
database; message on stderr); 2 bad input, an unknown id, or a request a business rule refuses
(each field's problem or the reason on stderr, in Indonesian; nothing was written); 70 a bug
(one line on stderr, the traceback in the log).

A command that writes prints its id or confirmation only after the commit returned: what it
prints exists. A value that begins with a single '-' ("--sort -last_activity",
"--recommendations -2+3") is a value, not an option, unless it is one of the command's
options; a value beginning with '--' is written as "--option=--value".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from klinik import paths
from klinik.cli.common import check_paths, check_text_arguments
from klinik.cli.frame import lang_in
from klinik.cli.output import EXIT_INPUT, report_failure
from klinik.cli.parser import build_parser
from klinik.cli.store import cmd_gui

__all__ = ["build_parser", "main"]


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command was to save something (so a refusal says "Data tidak disimpan")."""
    writes = getattr(args, "writes", False)
    return bool(writes(args) if callable(writes) else writes)


def _run(args: argparse.Namespace) -> int:
    from klinik.files import restrict_umask

    restrict_umask()  # the store, backups, logs and exports hold personal data
    check_paths(args)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    from klinik.logs import setup_logging

    setup_logging(verbose=args.verbose)
    check_text_arguments(args)
    func = getattr(args, "func", None) or cmd_gui
    return func(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(lang_in(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors (2, message printed), --help and --version (0)
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    writes = _writes(args)
    try:
        return _run(args)
    except (Exception, KeyboardInterrupt) as exc:
        return report_failure(exc, writes=writes, argv=argv)
