"""``python -m spocschema``: the same as the ``spocschema`` command."""

from spocschema.cli import main

raise SystemExit(main())
