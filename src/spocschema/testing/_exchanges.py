"""Strategies for the documents a case management system handles: requests, records, statistics.

Like the profile strategies, these are read off the models. Exchange records also obey the
cross-field rules the record model states in its JSON Schema (a refused request names its
ground, an incoming one has its receipt time), and consistent statistics are made by the
library's own aggregator from generated records, so their totals add up by construction.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from hypothesis import strategies as st

from spocschema import codelists
from spocschema.models.request import InformationRequest
from spocschema.models.statistics import AnnualStatistics, ExchangeRecord
from spocschema.testing._derive import instants, model_documents, replied_in_order

__all__ = [
    "exchange_record_documents",
    "exchange_records",
    "information_request_documents",
    "information_requests",
    "statistics_report_documents",
    "statistics_reports",
]


def information_request_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Well-formed information request documents (Art 4), as JSON-compatible dicts."""
    return model_documents(InformationRequest)


def information_requests() -> st.SearchStrategy[InformationRequest]:
    """Well-formed information requests, as validated models."""
    return information_request_documents().map(InformationRequest.model_validate)


def exchange_record_documents(*, year: int | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Well-formed exchange records (one CMS export line each), as JSON-compatible dicts.

    With ``year``, every instant in the record falls inside that calendar year in UTC, so the
    record counts towards that year's statistics.
    """
    records = model_documents(ExchangeRecord)
    if year is None:
        return records
    inside = instants(datetime(year, 1, 1, 14), datetime(year, 12, 31, 10))

    @st.composite
    def in_year(draw: st.DrawFn) -> dict[str, Any]:
        record = dict(draw(records))
        for key in ("sent_at", "received_at", "replied_at"):
            if key in record:
                record[key] = draw(inside)
        return replied_in_order(record)

    return in_year()


def exchange_records(*, year: int | None = None) -> st.SearchStrategy[ExchangeRecord]:
    """Well-formed exchange records, as validated models (see ``exchange_record_documents``)."""
    return exchange_record_documents(year=year).map(ExchangeRecord.model_validate)


def statistics_report_documents(*, consistent: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Art 18 annual statistics documents.

    ``consistent=True`` (the default): the statistics of a generated year of exchanges, made by
    ``spocschema.statistics.aggregate``, so every breakdown sums to its total. ``False``: any
    document the model accepts, whether or not its figures add up (for testing a checker).
    """
    if not consistent:
        return model_documents(AnnualStatistics)
    return _aggregated().map(lambda stats: stats.to_document())


def statistics_reports(*, consistent: bool = True) -> st.SearchStrategy[AnnualStatistics]:
    """Art 18 annual statistics, as validated models (see ``statistics_report_documents``)."""
    return statistics_report_documents(consistent=consistent).map(AnnualStatistics.model_validate)


@st.composite
def _aggregated(draw: st.DrawFn) -> AnnualStatistics:
    from spocschema.statistics import aggregate

    state = draw(st.sampled_from(sorted(codelists.EU_MEMBER_STATES)))
    year = draw(st.integers(min_value=2024, max_value=2034))
    records = draw(
        st.lists(exchange_records(year=year), max_size=12, unique_by=lambda r: r.exchange_id)
    )  # each exchange_id once: the aggregator refuses a repeated one
    counted = [record for record in records if record.counterpart_state != state]
    return aggregate(counted, reporting_state=state, year=year, time_zone=timezone.utc)
