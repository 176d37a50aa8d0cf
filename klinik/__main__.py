"""``python -m klinik``: the same as the ``klinik`` command."""

from klinik.cli import main

raise SystemExit(main())
