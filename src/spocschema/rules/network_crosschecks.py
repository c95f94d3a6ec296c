"""Checks that need several profiles at once, as pure functions of the loaded profiles.

Each function takes the valid profiles of a set (with the file each came from) and returns
typed findings; none reads files or runs the per-profile checker, so they are cheap to test on
generated data. Each check is a registered rule (``SPOC-N-*``) with the metadata every rule
declares. Severity follows what is at stake: ``error`` for an obligation of bound states (EU
Member States and Schengen associated states) read on the text, ``warning`` for a gap of bound
states that is not (yet) a breach or a consistency note on the set (duplicate identifiers, a
state missing from it: no article speaks of identifiers or of sets), ``info`` for partners,
which align voluntarily.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from spocschema import codelists
from spocschema.enums import StateStatus
from spocschema.legal import legal_basis
from spocschema.models.profile import SpocProfile
from spocschema.network.models import (
    CrossCheck,
    CrossCheckFinding,
    GroupCoverage,
    LanguageLink,
    NetworkGroup,
    SienaReadiness,
    stated,
)
from spocschema.report import Severity, TestBasis, Verification
from spocschema.rules.documents import DocumentRule, rule_table

ENGLISH = "en"

#: Art 13 (SIENA) binds from this day (Art 22(1), second subparagraph).
SIENA_OBLIGATION_DATE = date(2027, 6, 12)

#: Bound states: Art 11(1) and Art 13 are obligations for them, not alignment.
BOUND_STATUSES = frozenset({StateStatus.EU_MEMBER_STATE, StateStatus.SCHENGEN_ASSOCIATED})

#: The states each group is made of, from the code lists.
GROUP_STATES: dict[NetworkGroup, frozenset[str]] = {
    NetworkGroup.EU_MEMBER_STATES: codelists.EU_MEMBER_STATES,
    NetworkGroup.SCHENGEN_ASSOCIATED: codelists.SCHENGEN_ASSOCIATED_STATES,
    NetworkGroup.WESTERN_BALKANS: codelists.WESTERN_BALKANS_PARTNERS,
}


NETWORK_RULES = rule_table(
    "network-report",
    DocumentRule(
        "SPOC-N-0001",
        "Art 14(1)",
        "A state has one SPOC: one profile per state in the set",
        "{state} has {count} profiles in the set; a state has exactly one SPOC",
        ("Art 14(1)",),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-N-0002",
        "Art 14(1)",
        "A SPOC identifier names one SPOC across the set",
        "SPOC identifier {identifier!r} is used by {count} profiles",
        ("Art 14(1)",),
        verification=Verification.READ_DE,
        test_basis=TestBasis.CONSISTENCY,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-N-0003",
        "Art 4(1)",
        "A designated authority identifier names one authority within its state's list",
        "designated authority identifier {identifier!r} appears {count} times in one list",
        ("Art 4(1)",),
        verification=Verification.READ_DE,
        test_basis=TestBasis.CONSISTENCY,
        fixed_severity=Severity.WARNING,
    ),
    DocumentRule(
        "SPOC-N-0004",
        "Art 11(1)",
        "English is on every list, so that every pair of bound states shares a language",
        "{state} does not list English",
        ("Art 11(1)",),
        verification=Verification.UNVERIFIED,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-N-0005",
        "Art 13(1)",
        "Each SPOC is directly connected to SIENA and uses it by default (from 12 June 2027)",
        "{state}'s SPOC is not ready for SIENA",
        ("Art 13(1)", "Art 13(3)"),
        verification=Verification.READ_DE,
        test_basis=TestBasis.TEXT,
    ),
    DocumentRule(
        "SPOC-N-0006",
        "Art 14(1)",
        "Every state the set is expected to cover has a profile in it",
        "no profile for {state}",
        ("Art 14(1)",),
        verification=Verification.READ_DE,
        test_basis=TestBasis.CONSISTENCY,
        fixed_severity=Severity.WARNING,
    ),
)

#: The registered rule of each cross-check.
RULE_OF_CHECK: dict[CrossCheck, DocumentRule] = {
    check: NETWORK_RULES[rule_id]
    for check, rule_id in (
        (CrossCheck.ONE_SPOC_PER_STATE, "SPOC-N-0001"),
        (CrossCheck.UNIQUE_SPOC_IDENTIFIER, "SPOC-N-0002"),
        (CrossCheck.UNIQUE_AUTHORITY_IDENTIFIER, "SPOC-N-0003"),
        (CrossCheck.ENGLISH_LINK, "SPOC-N-0004"),
        (CrossCheck.SIENA_READINESS, "SPOC-N-0005"),
        (CrossCheck.MISSING_STATE, "SPOC-N-0006"),
    )
}


@dataclass(frozen=True)
class Entry:
    """A valid profile of the set and the file it came from."""

    file: str
    profile: SpocProfile

    @property
    def country(self) -> str:
        return self.profile.state.country

    @property
    def bound(self) -> bool:
        return self.profile.state.status in BOUND_STATUSES

    @property
    def languages(self) -> frozenset[str]:
        languages = self.profile.languages
        return frozenset(languages.working_languages) if languages is not None else frozenset()


def _finding(
    check: CrossCheck,
    severity: Severity,
    message: str,
    states: Iterable[str],
    files: Iterable[str],
    identifier: str | None = None,
) -> CrossCheckFinding:
    rule = RULE_OF_CHECK[check]
    return CrossCheckFinding(
        check=check,
        rule_id=rule.rule_id,
        test_basis=rule.test_basis,
        severity=severity,
        message=message,
        states=list(dict.fromkeys(states)),
        files=list(dict.fromkeys(files)),
        legal_basis=legal_basis(check.legal_basis),
        **stated(identifier=identifier),
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _names(codes: Iterable[str], limit: int = 8) -> str:
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return shown + (f" and {len(codes) - limit} more" if len(codes) > limit else "")


def one_spoc_per_state(entries: Sequence[Entry]) -> list[CrossCheckFinding]:
    """A state with more than one profile in the set: Art 14(1) allows exactly one SPOC."""
    by_state: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_state[entry.country].append(entry)
    findings = []
    for country, group in sorted(by_state.items()):
        if len(group) < 2:
            continue
        bound = any(e.bound for e in group)
        findings.append(
            _finding(
                CrossCheck.ONE_SPOC_PER_STATE,
                Severity.ERROR if bound else Severity.INFO,
                f"{codelists.country_name(country)} ({country}) has {len(group)} profiles in "
                "the set; a state has exactly one SPOC.",
                [country],
                [e.file for e in group],
            )
        )
    return findings


def unique_spoc_identifiers(entries: Sequence[Entry]) -> list[CrossCheckFinding]:
    """The same SPOC identifier in profiles of different files."""
    by_identifier: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.profile.spoc.identifier is not None:
            by_identifier[entry.profile.spoc.identifier].append(entry)
    findings = []
    for identifier, group in sorted(by_identifier.items()):
        if len(group) < 2:
            continue
        states = sorted({e.country for e in group})
        findings.append(
            _finding(
                CrossCheck.UNIQUE_SPOC_IDENTIFIER,
                RULE_OF_CHECK[CrossCheck.UNIQUE_SPOC_IDENTIFIER].severity,
                f"SPOC identifier {identifier!r} is used by {len(group)} profiles "
                f"({_names(states)}); an identifier names one SPOC.",
                states,
                [e.file for e in group],
                identifier=identifier,
            )
        )
    return findings


def unique_authority_identifiers(entries: Sequence[Entry]) -> list[CrossCheckFinding]:
    """Designated authority identifiers repeated within a state's list (Art 4(1)).

    Identifiers are unique per state's list, as the profile schema documents; with one SPOC per
    state (checked separately), the pair (state, identifier) is then unique network-wide.
    """
    findings = []
    for entry in entries:
        designated = entry.profile.designated_authorities
        if designated is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for authority in designated.authorities:
            if authority.identifier is not None:
                counts[authority.identifier] += 1
        for identifier, count in sorted(counts.items()):
            if count < 2:
                continue
            findings.append(
                _finding(
                    CrossCheck.UNIQUE_AUTHORITY_IDENTIFIER,
                    RULE_OF_CHECK[CrossCheck.UNIQUE_AUTHORITY_IDENTIFIER].severity
                    if entry.bound
                    else Severity.INFO,
                    f"Designated authority identifier {identifier!r} appears {count} times in "
                    f"the list of {entry.country}; each authority needs its own identifier.",
                    [entry.country],
                    [entry.file],
                    identifier=identifier,
                )
            )
    return findings


def language_links(entries: Sequence[Entry]) -> list[LanguageLink]:
    """Every pair of states in the set with the working languages they share.

    A state with several profiles (itself a finding) counts with the union of their lists.
    """
    languages: dict[str, set[str]] = defaultdict(set)
    bound: dict[str, bool] = defaultdict(bool)
    for entry in entries:
        languages[entry.country] |= entry.languages
        bound[entry.country] = bound[entry.country] or entry.bound
    links = []
    for first, second in combinations(sorted(languages), 2):
        shared = sorted(languages[first] & languages[second])
        links.append(
            LanguageLink(
                states=[first, second],
                shared_languages=shared,
                english=ENGLISH in shared,
                bound_pair=bound[first] and bound[second],
            )
        )
    return links


def english_link(
    entries: Sequence[Entry], links: Sequence[LanguageLink]
) -> list[CrossCheckFinding]:
    """Profiles whose list lacks English, with the states they then share no language with."""
    no_common: dict[str, list[str]] = defaultdict(list)
    for link in links:
        if not link.shared_languages:
            first, second = link.states
            no_common[first].append(second)
            no_common[second].append(first)
    findings = []
    for entry in sorted(entries, key=lambda e: (e.country, e.file)):
        if ENGLISH in entry.languages:
            continue
        if entry.profile.languages is None:  # unstated is not assessable, never "no English"
            findings.append(
                _finding(
                    CrossCheck.ENGLISH_LINK,
                    Severity.INFO,
                    f"{entry.country}'s profile does not state its working languages, so "
                    "whether English links it to the other SPOCs cannot be assessed.",
                    [entry.country],
                    [entry.file],
                )
            )
            continue
        stranded = sorted(no_common.get(entry.country, []))
        listed = (
            "does not list any working language"
            if not entry.languages
            else ("does not list English")
        )
        tail = (
            f"; it shares no language at all with {len(stranded)} state(s): {_names(stranded)}"
            if stranded
            else "; it still shares another language with every state in the set"
        )
        findings.append(
            _finding(
                CrossCheck.ENGLISH_LINK,
                Severity.ERROR if entry.bound else Severity.INFO,
                f"{entry.country} {listed}, so English does not link it to the other SPOCs{tail}.",
                [entry.country, *stranded],
                [entry.file],
            )
        )
    return findings


def siena_readiness(profile: SpocProfile) -> SienaReadiness:
    """Readiness for SIENA as the default channel, from what the profile states."""
    siena = profile.channels.siena if profile.channels is not None else None
    if siena is None:
        return SienaReadiness.NOT_STATED
    if not siena.connected:
        return SienaReadiness.NOT_CONNECTED
    if siena.direct_connection and siena.default_channel and siena.competent_authorities_connected:
        return SienaReadiness.READY
    return SienaReadiness.PARTIAL


def _siena_unstated(profile: SpocProfile) -> bool:
    """True if the profile shows no SIENA gap, only facts it leaves out."""
    siena = profile.channels.siena if profile.channels is not None else None
    if siena is None:
        return True
    if not siena.connected:
        return False
    facts = (siena.direct_connection, siena.default_channel, siena.competent_authorities_connected)
    return False not in facts and None in facts


def siena_findings(entries: Sequence[Entry], as_of: date) -> list[CrossCheckFinding]:
    """SPOCs not ready for SIENA: a warning before 12 June 2027, an error from that day.

    Only a gap the profile states (not connected, or a connection fact stated false) counts;
    a profile that leaves the facts out gets an info note that readiness cannot be assessed.
    """
    in_force = as_of >= SIENA_OBLIGATION_DATE
    findings = []
    for entry in sorted(entries, key=lambda e: (e.country, e.file)):
        readiness = siena_readiness(entry.profile)
        if readiness is SienaReadiness.READY:
            continue
        if _siena_unstated(entry.profile):  # no stated gap: not assessable, not "not ready"
            findings.append(
                _finding(
                    CrossCheck.SIENA_READINESS,
                    Severity.INFO,
                    f"{entry.country}'s profile does not state enough about its SIENA "
                    "connection to assess its readiness (Art 13).",
                    [entry.country],
                    [entry.file],
                )
            )
            continue
        if not entry.bound:
            severity = Severity.INFO
        else:
            severity = Severity.ERROR if in_force else Severity.WARNING
        when = "binding since 12 June 2027" if in_force else "binding from 12 June 2027"
        why = _lower_first(readiness.meaning)
        findings.append(
            _finding(
                CrossCheck.SIENA_READINESS,
                severity,
                f"{entry.country}'s SPOC is not ready for SIENA ({why}); "
                f"SIENA as the default channel is {when}.",
                [entry.country],
                [entry.file],
            )
        )
    return findings


def coverage(entries: Sequence[Entry], expected: Iterable[NetworkGroup]) -> list[GroupCoverage]:
    """Which states of each expected group have a profile in the set."""
    present_states = {entry.country for entry in entries}
    result = []
    for group in expected:
        states = sorted(GROUP_STATES[group])
        result.append(
            GroupCoverage(
                group=group,
                expected=states,
                present=[s for s in states if s in present_states],
                missing=[s for s in states if s not in present_states],
            )
        )
    return result


def missing_states(groups: Sequence[GroupCoverage]) -> list[CrossCheckFinding]:
    """One finding per expected state without a profile (a warning; info for partners)."""
    findings = []
    for group in groups:
        partner = group.group is NetworkGroup.WESTERN_BALKANS
        for country in group.missing:
            findings.append(
                _finding(
                    CrossCheck.MISSING_STATE,
                    Severity.INFO if partner else Severity.WARNING,
                    f"No profile for {codelists.country_name(country)} ({country}); the set is "
                    f"expected to cover {_lower_first(group.group.meaning)}.",
                    [country],
                    [],
                )
            )
    return findings


def run_all(
    entries: Sequence[Entry], *, as_of: date, expected: Sequence[NetworkGroup]
) -> tuple[list[CrossCheckFinding], list[LanguageLink], list[GroupCoverage]]:
    """Every cross-check; findings most severe first, then by check and state."""
    links = language_links(entries)
    groups = coverage(entries, expected)
    findings = [
        *one_spoc_per_state(entries),
        *unique_spoc_identifiers(entries),
        *unique_authority_identifiers(entries),
        *english_link(entries, links),
        *siena_findings(entries, as_of),
        *missing_states(groups),
    ]
    order = {check: index for index, check in enumerate(CrossCheck)}
    findings.sort(key=lambda f: (-f.severity.rank, order[f.check], f.states, f.files))
    return findings, links, groups
