"""``python -m spocschema``: the same as the ``spocschema`` command."""

from spocschema.cli import console

raise SystemExit(console())
