"""``stats mapping --init EXPORT``: write a starting column mapping for a CSV or Excel export.

The mapping is proposed from the header and the first rows (see
:mod:`spocschema.mapping_init`): obvious columns, plain yes/no and code values, a date format
that reads the sample. What cannot be told is left as ``TODO`` comments, and a required field
left out keeps the mapping invalid, so `stats build` refuses it until a person has decided.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(actions: Any) -> None:
    mapping = actions.add_parser(
        "mapping",
        help="write a starting column mapping for a CSV or Excel export",
        description=(
            "Write a starting column mapping (YAML, schema column-mapping 1.1) for a CSV or "
            "Excel export, from its header and first rows. Columns whose header names a field "
            "are mapped, plain yes/no and code values translated, a date format proposed; the "
            "rest is left as TODO comments for you to fill in."
        ),
    )
    mapping.add_argument(
        "--init", metavar="EXPORT", required=True, help="the CSV (or .xlsx) export to start from"
    )
    mapping.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    mapping.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (default: refuse)"
    )
    mapping.add_argument(
        "--encoding", default="utf-8", help="text encoding of a CSV export (default: utf-8)"
    )


def _samples_of_xlsx(path: str) -> tuple[list[str], list[Any]]:
    from pathlib import Path

    from spocschema.mapping_init import SAMPLE_ROWS, ColumnSample
    from spocschema.models.column_mapping import ColumnMapping
    from spocschema.table_export import xlsx_rows

    minimal = ColumnMapping.model_construct(sheet=None)
    rows = xlsx_rows(Path(path), minimal)
    header: list[str] = []
    samples: list[ColumnSample] = []
    for number, (_, cells) in enumerate(rows):
        assert not isinstance(cells, str)
        texts = [c.isoformat() if not isinstance(c, str) else c for c in cells]
        if number == 0:
            header = texts
            samples = [ColumnSample(name) for name in header]
            continue
        if number > SAMPLE_ROWS:
            break
        for sample, cell in zip(samples, texts, strict=False):
            sample.add(cell)
    return header, samples


def run(args: argparse.Namespace) -> int:
    import codecs
    from pathlib import Path

    from spocschema.cli import EXIT_ERROR, EXIT_OK
    from spocschema.cli.stats import _fail, _NotAFile, _open
    from spocschema.mapping_init import sample_csv, starting_mapping
    from spocschema.table_export import MappingError

    export = args.init
    if export == "-":
        return _fail("mapping --init reads a named file (its header and first rows)")
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        return _fail(f"unknown text encoding {args.encoding!r}")
    output = None if args.output is None else Path(args.output)
    if output is not None and output.exists() and not args.force:
        return _fail(f"{output} exists; use --force to replace it")
    try:
        if Path(export).suffix.lower() in (".xlsx", ".xlsm"):
            _open(export)[0].close()  # the same refusal of FIFOs and folders
            delimiter = ","
            header, samples = _samples_of_xlsx(export)
        else:
            stream, _ = _open(export)
            with stream:
                delimiter, header, samples = sample_csv(stream, args.encoding)
    except _NotAFile as error:
        return _fail(f"{export}: {error}")
    except OSError as error:
        return _fail(f"cannot read {export}: {error.strerror or error}")
    except MappingError as error:
        return _fail(f"{export}: {error}")
    if not any(header):
        return _fail(f"{export}: no header row to start a mapping from")
    text = starting_mapping(header, samples, delimiter=delimiter, source=Path(export).name)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(
            f"spocschema stats: cannot write {output}: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_ERROR
    print(f"wrote {output}: check every TODO before building", file=sys.stderr)
    return EXIT_OK
