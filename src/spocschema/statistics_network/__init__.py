"""The network's Art 18 statistics: many states' annual documents compiled side by side.

``compile_statistics(folder)`` returns a ``NetworkStatistics`` document (published schema
``network-statistics.schema.json``); ``statistics_csv`` writes it as tidy CSV, ``format_text``
for a terminal and ``spocschema.charts.render_network_statistics`` as an HTML page.
"""

from __future__ import annotations

from spocschema.statistics_network.compile import (
    NoStatisticsError,
    compile_statistics,
    statistics_files,
)
from spocschema.statistics_network.crosschecks import DEFAULT_TOLERANCE
from spocschema.statistics_network.models import (
    ExchangeCell,
    LeftOutDocument,
    LeftOutReason,
    Measure,
    MissingStatistics,
    NetworkStatistics,
    StateYearFigures,
    StatisticsFinding,
    YearChange,
    YearTotals,
)
from spocschema.statistics_network.text import format_text
from spocschema.statistics_network.tidy import CSV_COLUMNS, statistics_csv, tidy_rows

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_TOLERANCE",
    "ExchangeCell",
    "LeftOutDocument",
    "LeftOutReason",
    "Measure",
    "MissingStatistics",
    "NetworkStatistics",
    "NoStatisticsError",
    "StateYearFigures",
    "StatisticsFinding",
    "YearChange",
    "YearTotals",
    "compile_statistics",
    "format_text",
    "statistics_csv",
    "statistics_files",
    "tidy_rows",
]
