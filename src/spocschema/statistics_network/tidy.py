"""The network statistics as tidy CSV: one row per state, year and measure, for spreadsheets.

Columns: ``state, year, measure, requesting_state, refusal_ground, value, file``. A row with
neither ``requesting_state`` nor ``refusal_ground`` is the state's figure for the year; a row
with ``requesting_state`` is its breakdown by requesting state (Art 18(2)(b)-(d)); a row with
``refusal_ground`` its refusals by ground (Art 18(2)(c)). A figure the document does not state
has no row. A pivot table over ``measure`` gives back every table of the JSON document.

File names come from the folder and are untrusted: a cell a spreadsheet would run as a formula
is written with a leading apostrophe (``neutralise_cell``, the OWASP remedy).
"""

from __future__ import annotations

import csv
import io

from spocschema.network.directory import neutralise_cell
from spocschema.statistics_network.compile import value_of
from spocschema.statistics_network.models import Measure, NetworkStatistics

CSV_COLUMNS = ("state", "year", "measure", "requesting_state", "refusal_ground", "value", "file")

#: The measure of each breakdown by requesting state, and the cell field it comes from.
BREAKDOWN = (
    (Measure.REQUESTS_RECEIVED, "received"),
    (Measure.REQUESTS_ANSWERED, "answered"),
    (Measure.REFUSALS, "refused"),
    (Measure.JUDICIAL_DEVIATIONS, "judicial_deviations"),
)


def tidy_rows(statistics: NetworkStatistics) -> list[tuple[str, ...]]:
    """The rows of the CSV (without the header), in the document's order."""
    files = {(row.state, row.year): row.file for row in statistics.figures}
    rows: list[tuple[str, ...]] = []
    for figures in statistics.figures:
        state, year = figures.state, str(figures.year)
        for measure in Measure:
            value = value_of(figures, measure)
            if value is not None:
                rows.append((state, year, measure.value, "", "", str(value), figures.file))
        for ground, count in figures.refusals_by_ground.items():
            rows.append(
                (state, year, Measure.REFUSALS.value, "", ground.value, str(count), figures.file)
            )
    for cell in statistics.exchange_matrix:
        file = files[(cell.requested_state, cell.year)]
        for measure, field in BREAKDOWN:
            rows.append(
                (
                    cell.requested_state,
                    str(cell.year),
                    measure.value,
                    cell.requesting_state,
                    "",
                    str(getattr(cell, field)),
                    file,
                )
            )
    return rows


def statistics_csv(statistics: NetworkStatistics) -> str:
    """The CSV text: RFC 4180, a header row, CRLF line ends, formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in tidy_rows(statistics):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue()
