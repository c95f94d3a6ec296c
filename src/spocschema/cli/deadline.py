"""Compute the Art 5 time limit of one request: when the reply is due and how much time is left.

Instants are RFC 3339 date-times with an offset (``2024-03-01T09:30:00+01:00``, or ``Z`` for
UTC); a time without an offset is refused, because the due instant would be a guess. A calendar
day counts as 24 hours from the moment of receipt; see ``spocschema.deadlines`` for why.

Exit codes: 0 if time is left at ``--at`` (default: now), 1 if the limit has passed, 2 for an
error in the arguments.
"""

from __future__ import annotations

import argparse
import json
import sys

HELP = "compute the Art 5 reply deadline of one request"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--received", required=True, metavar="INSTANT", help="when the SPOC received the request"
    )
    urgency = parser.add_mutually_exclusive_group(required=True)
    urgency.add_argument("--urgent", dest="urgent", action="store_true", help="urgent request")
    urgency.add_argument(
        "--not-urgent", dest="urgent", action="store_false", help="non-urgent request"
    )
    access = parser.add_mutually_exclusive_group()
    access.add_argument(
        "--direct", dest="access", action="store_const", const="direct",
        help="the information is directly accessible to the SPOC",
    )  # fmt: skip
    access.add_argument(
        "--indirect", dest="access", action="store_const", const="indirect",
        help="the information is indirectly accessible (needed for urgent requests)",
    )  # fmt: skip
    parser.add_argument(
        "--suspend",
        action="append",
        default=[],
        metavar="START/END",
        help="a clarification period (Art 6(3)); END may be empty while it is open; repeatable",
    )
    parser.add_argument(
        "--judicial-delay",
        metavar="DURATION",
        help="expected delay announced for judicial authorisation (Art 5(2)), e.g. PT12H",
    )
    parser.add_argument("--at", metavar="INSTANT", help="instant to evaluate (default: now)")
    parser.add_argument(
        "--time-zone",
        metavar="ZONE",
        help="show instants in this IANA zone (default: the offset of --received)",
    )
    from spocschema.cli.options import add_format_argument, add_output_argument

    add_format_argument(parser)
    add_output_argument(parser)


def run(args: argparse.Namespace) -> int:
    from spocschema.cli.options import write_output

    return write_output(args, lambda: _run(args), "spocschema deadline")


def _run(args: argparse.Namespace) -> int:
    from datetime import datetime, timedelta, timezone, tzinfo
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from spocschema.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
    from spocschema.deadlines import (
        DeadlineError,
        Suspension,
        compute_deadline,
        format_duration,
        parse_fixed_duration,
    )
    from spocschema.display import printable
    from spocschema.instants import parse_date_time

    def fail(message: str) -> int:
        print(f"spocschema deadline: {printable(message)}", file=sys.stderr)
        return EXIT_ERROR

    if args.urgent and args.access is None:
        return fail("an urgent request needs --direct or --indirect (Art 5(1)(a) or (b))")
    if args.time_zone is not None and not args.time_zone.strip():
        return fail(
            "--time-zone is empty: give an IANA name such as Europe/Lisbon, or leave it out"
        )
    try:
        received = parse_date_time(args.received)
        at = datetime.now(timezone.utc) if args.at is None else parse_date_time(args.at)
        suspensions = [Suspension.parse(text) for text in args.suspend]
        if at < received:
            return fail(
                f"--at {printable(args.at)} is before --received {printable(args.received)}: "
                "the request had not been received yet"
            )
        still_open = [t for t, s in zip(args.suspend, suspensions, strict=True) if s.end is None]
        if len(still_open) > 1:
            return fail(
                f"{len(still_open)} open suspensions ({', '.join(map(printable, still_open))}): "
                "only one clarification can be awaited at a time; give the END of the others"
            )
        delay = None if args.judicial_delay is None else parse_fixed_duration(args.judicial_delay)
        deadline = compute_deadline(
            received,
            urgent=args.urgent,
            access=args.access,
            suspensions=suspensions,
            judicial_delay=delay,
        )
        remaining = deadline.remaining(at)
    except (DeadlineError, ValueError) as error:
        return fail(str(error))
    zone: tzinfo = received.tzinfo or timezone.utc
    if args.time_zone is not None:
        try:
            zone = ZoneInfo(args.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return fail(f"unknown time zone {args.time_zone!r}")

    def show(instant: datetime | None) -> str | None:
        return None if instant is None else instant.astimezone(zone).isoformat()

    suspended = deadline.suspended_for
    result = {
        "limit": deadline.limit.iso_duration,
        "legal_basis": deadline.limit.legal_basis,
        "received_at": show(deadline.received_at),
        "suspended_for": None if suspended is None else format_duration(suspended),
        "suspensions_ignored": len(deadline.ignored_suspensions),
        "statutory_due": show(deadline.statutory_due),
        "judicial_delay": format_duration(deadline.judicial_delay),
        "due": show(deadline.due),
        "at": show(at),
        "remaining": format_duration(remaining),
        "overdue": remaining < timedelta(0),
        "clock_stopped": deadline.suspended,
    }
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(f"limit:          {deadline.limit.iso_duration} ({deadline.limit.legal_basis}: "
              f"{deadline.limit.meaning})")  # fmt: skip
        print(f"received:       {result['received_at']}")
        if deadline.suspensions:
            print(f"suspended for:  {result['suspended_for'] or 'open (clarification awaited)'}")
        if deadline.ignored_suspensions:
            from spocschema.cli.wording import plural

            ignored = plural(len(deadline.ignored_suspensions), "suspension")
            print(f"ignored:        {ignored} that began after the limit had run out")
        if deadline.judicial_delay:
            print(f"statutory due:  {result['statutory_due'] or '-'}")
            print(f"judicial delay: {result['judicial_delay']} (Art 5(2))")
        stopped = "clock stopped until the clarification arrives"
        print(f"due:            {result['due'] or stopped}")
        from spocschema.cli.wording import human_duration

        state = "overdue by" if result["overdue"] else "remaining:"
        print(f"at {result['at']}: {state} {human_duration(remaining)}")
    return EXIT_FINDINGS if result["overdue"] else EXIT_OK
