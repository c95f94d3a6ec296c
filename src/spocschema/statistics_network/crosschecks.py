"""Comparisons between states' statistics, limited to what Art 18(2) makes comparable.

Read in the German text of Art 18(2) (Directive (EU) 2023/977, equally authentic): point (a)
asks for "die Zahl der Informationsersuchen, die ihre zentralen Kontaktstellen und
gegebenenfalls ihre zuständigen Strafverfolgungsbehörden gestellt haben" — one number, with no
breakdown by the state asked. Points (b), (c) and (d) are broken down "nach den ersuchenden
Mitgliedstaaten", by the state that *asked*. So:

- *requests B received from A* (B's (b)) has **no counterpart** in A's document: A never says
  how many it sent to B. A pairwise A-to-B comparison is therefore not made; it would compare a
  figure with nothing.
- What the text does support is one comparison per state and year: A's total submitted (a)
  against the sum, over every other state's document, of the requests received from A (b).

Both sides of that sum count requests of the SPOC *and* of the competent authorities
(gegebenenfalls), so the scopes match. The sum can only grow as more states report: if it
exceeds A's own total, the question stands whoever is missing. If it falls short, the gap may
just be states that sent nothing, so the shortfall is raised only when every expected state
reported for that year. Either way a request sent on 31 December may be received on 1 January,
so differences within ``tolerance`` (a project reading, not the law) raise nothing.

Art 18(1) asks for statistics on the exchange "mit anderen Mitgliedstaaten gemäß dieser
Richtlinie". Requests from or to the Western Balkans partners are not exchanges under the
Directive, so they need not appear in a bound state's point (a) total: the comparison is made
only between states bound by the Directive (EU Member States and the Schengen associated
states), on both sides; a partner's voluntary statistics are compiled but not compared.

Refusals (c) and Art 5(2) cases (d) exist only on the requested state's side: nothing to
compare across states. Each finding is a data-quality question, never a breach: neither
document is shown to be wrong, only the two disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spocschema.codelists import EU_MEMBER_STATES, SCHENGEN_ASSOCIATED_STATES
from spocschema.legal import legal_basis
from spocschema.models.statistics import AnnualStatistics
from spocschema.statistics_network.models import StatisticsCrossCheck, StatisticsFinding

#: Relative difference that raises no question (5 % of the larger figure): the project's
#: allowance for requests counted in different calendar years by the two sides.
DEFAULT_TOLERANCE = 0.05

#: The states whose exchanges Art 18 counts: bound by the Directive.
BOUND_STATES = EU_MEMBER_STATES | SCHENGEN_ASSOCIATED_STATES


def sent_versus_received(
    documents: Sequence[tuple[str, AnnualStatistics]],
    *,
    expected: set[str],
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[StatisticsFinding]:
    """For each state and year: its requests submitted against those the others received.

    ``documents`` are (file, statistics) pairs, at most one per state and year; ``expected``
    the states expected to report, which decides whether a shortfall can be asked about. Only
    bound states' documents take part (see the module documentation).
    """
    by_year: dict[int, list[tuple[str, AnnualStatistics]]] = defaultdict(list)
    for file, stats in documents:
        if stats.reporting_state in BOUND_STATES:
            by_year[stats.year].append((file, stats))
    check = StatisticsCrossCheck.SENT_VERSUS_RECEIVED
    basis = legal_basis(check.legal_basis)
    findings = []
    for year in sorted(by_year):
        entries = sorted(by_year[year], key=lambda e: e[1].reporting_state)
        reporting = {stats.reporting_state for _, stats in entries}
        for file, stats in entries:
            state = stats.reporting_state
            reported = stats.requests_sent.total
            others = [
                (other_file, pair.received)
                for other_file, other in entries
                if other.reporting_state != state
                and (pair := other.requests_received.by_requesting_state.get(state)) is not None
                and pair.received
            ]
            counted = sum(received for _, received in others)
            complete = not ((expected & BOUND_STATES) - reporting - {state})
            margin = tolerance * max(reported, counted)
            if counted > reported and counted - reported > margin:
                message = (
                    f"In {year} the other states' statistics record {counted:,} requests "
                    f"received from {state}, more than the {reported:,} {state} reports as "
                    f"submitted: do both sides count the same requests (Art 18(2)(a) and (b))?"
                )
            elif complete and reported > counted and reported - counted > margin:
                message = (
                    f"In {year} {state} reports {reported:,} requests submitted, but all other "
                    f"expected states together record only {counted:,} received from it: are "
                    f"requests to states outside the set, or ones not yet received, counted?"
                )
            else:
                continue
            findings.append(
                StatisticsFinding(
                    check=check,
                    year=year,
                    state=state,
                    message=message,
                    document=file,
                    compared_with=[other_file for other_file, _ in others],
                    reported=reported,
                    counterpart_total=counted,
                    complete=complete,
                    legal_basis=basis,
                )
            )
    return findings
