"""Generate a folder of fictional SPOC profiles, one per state of the Heads-of-SPOC network.

Every profile is the bundled compliant example re-dressed for one state: 27 EU Member States,
4 Schengen associated states and 6 Western Balkans partners, all fictional (example.org
domains, +000 numbers, names marked "fictional"). Tests then break the set on purpose: a state
twice, a shared identifier, a list without English, states left out.

Run as a script to write a folder for a demonstration:
``python tests/network_fixtures.py OUT_DIR`` (then ``spocschema network OUT_DIR --html x.html``).
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from spocschema import codelists

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "compliant-profile.json"

#: Every state the network expects, in a stable order.
ALL_STATES: tuple[str, ...] = (
    *sorted(codelists.EU_MEMBER_STATES),
    *sorted(codelists.SCHENGEN_ASSOCIATED_STATES),
    *sorted(codelists.WESTERN_BALKANS_PARTNERS),
)

#: Second working languages handed out in turn (fictional, not the states' real lists).
_SECOND_LANGUAGES = sorted(codelists.EU_OFFICIAL_LANGUAGES - {"en"})

Edit = Callable[[dict[str, Any]], None]


def _status(country: str) -> tuple[str, str]:
    if country in codelists.EU_MEMBER_STATES:
        return "eu_member_state", "schengen_acquis_only" if country == "DK" else "full"
    if country in codelists.SCHENGEN_ASSOCIATED_STATES:
        return "schengen_associated", "full"
    return "partner_aligning", "not_bound"


def profile_for(country: str, index: int = 0) -> dict[str, Any]:
    """A fictional, compliant profile for one state."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document = copy.deepcopy(document)
    code = country.lower()
    name = codelists.country_name(country)
    status, application = _status(country)
    document["state"] = {
        "country": country,
        "status": status,
        "directive_application": application,
    }
    spoc = document["spoc"]
    spoc["identifier"] = f"spoc-fictional-{code}"
    spoc["name"] = f"Fictional SPOC of {name}"
    spoc["official_names"] = [{"language": "en", "name": spoc["name"]}]
    spoc["acronym"] = f"SPOC-{country}"
    spoc["parent_authority"] = f"Fictional National Police of {name}"
    second = _SECOND_LANGUAGES[index % len(_SECOND_LANGUAGES)]
    document["languages"]["working_languages"] = ["en", second]
    document["resources"]["translation"]["in_house_languages"] = ["en", second]
    document["contact_points"] = [
        {
            "kind": "email",
            "value": f"spoc-desk@police-{code}.example.org",
            "label": "24/7 desk mailbox (fictional)",
            "functional": True,
            "around_the_clock": True,
        },
        {
            "kind": "telephone",
            "value": f"+000 0000 {index:04d}",
            "label": "24/7 desk line (fictitious number)",
            "functional": True,
            "around_the_clock": True,
        },
    ]
    if status == "partner_aligning":
        for unit in document["organisation"]["composition"]:
            if unit["unit_type"] == "sirene_bureau":
                unit.update(
                    included=False,
                    state_is_bound=False,
                    justification="Not part of the Schengen Information System (fictional).",
                )
                unit.pop("name", None)
    return document


def write_network(
    directory: Path,
    *,
    states: Iterable[str] = ALL_STATES,
    omit: Iterable[str] = (),
    edits: Mapping[str, Edit] | None = None,
    extra: Mapping[str, dict[str, Any]] | None = None,
    yaml_every: int = 5,
) -> list[Path]:
    """Write one profile per state into ``directory``; returns the files written.

    ``omit`` leaves states out, ``edits`` changes a state's profile before it is written,
    ``extra`` adds further files (name -> document); every ``yaml_every``-th state is YAML.
    """
    directory.mkdir(parents=True, exist_ok=True)
    skipped = set(omit)
    edits = edits or {}
    written = []
    for index, country in enumerate(states):
        if country in skipped:
            continue
        document = profile_for(country, index)
        if country in edits:
            edits[country](document)
        if yaml_every and index % yaml_every == yaml_every - 1:
            path = directory / f"{country.lower()}.yaml"
            path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        else:
            path = directory / f"{country.lower()}.json"
            path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    for name, document in (extra or {}).items():
        path = directory / name
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/network_fixtures.py OUT_DIR")
    for path in write_network(Path(sys.argv[1])):
        print(path)
