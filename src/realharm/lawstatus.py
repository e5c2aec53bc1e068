"""The status of a law, computed from the dates in its data and the build date.

The data holds dates, not conclusions (``adopted_on``, ``in_force_since`` (applies from),
``transposition_deadline``, ``repealed_on``; a bill has ``status: bill`` and ``last_step_on``), so
a page built after a date shows the new status with no data edit. ``law_status`` is the one place
that decides; the words for each status are in data/ui/<lang>.yaml under ``laws.state``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Status:
    """``key`` names the sentence in data/ui (laws.state.<key>); ``dates`` fill it in (ISO dates)."""

    key: str
    dates: dict[str, str] = field(default_factory=dict)

    @property
    def is_law(self) -> bool:
        """Does it bind people today (in force, and not a directive or a bill)?"""
        return self.key == "in_force"


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def law_status(prov: dict, today: date) -> Status:
    """The status of one provision on ``today``.

    bill                    a bill (not law), with the date of its last step
    repealed                repealed_on has passed
    directive               a directive in force for Member States, transposition deadline ahead
    directive_due_passed    the same, once the transposition deadline has passed
    in_force                in_force_since has passed
    scheduled               adopted, applies from a future date
    unconfirmed             adopted, no in-force date known (with or without the adoption date)
    """
    if prov.get("status") == "bill":
        return Status("bill", {"last_step": prov["last_step_on"]})
    adopted, start = prov.get("adopted_on"), prov.get("in_force_since")
    repealed, deadline = prov.get("repealed_on"), prov.get("transposition_deadline")
    start_day, repealed_day = _day(start), _day(repealed)
    if repealed_day and repealed_day <= today:
        return Status("repealed", {"repealed": repealed})
    if start_day and start_day <= today:
        if deadline:
            key = "directive_due_passed" if _day(deadline) < today else "directive"
            return Status(key, {"in_force": start, "deadline": deadline})
        return Status("in_force", {"in_force": start})
    if start_day:
        return Status("scheduled" if adopted else "scheduled_no_date",
                      {"adopted": adopted, "in_force": start} if adopted else {"in_force": start})
    return Status("unconfirmed" if adopted else "unconfirmed_no_date", {"adopted": adopted} if adopted else {})


def build_date() -> date:
    """The build date; REALHARM_TODAY=YYYY-MM-DD sets another one (for tests)."""
    import os

    value = os.environ.get("REALHARM_TODAY")
    return date.fromisoformat(value) if value else date.today()


# Dates in a law entry that are steps of its history, and the words for each (data/ui laws.event).
STEP_FIELDS = ("adopted_on", "in_force_since", "transposition_deadline", "repealed_on", "last_step_on")


def dated_steps(prov: dict, today: date) -> list[tuple[str, str | None, dict | None]]:
    """(ISO date, step field, history line) of every step up to ``today``: each ``history`` line
    (field None), then each step field whose date no history line already describes (line None)."""
    steps = [(h["date"], None, h) for h in prov.get("history") or [] if (_day(h["date"]) or today) <= today]
    told = {when for when, _, _ in steps}
    for name in STEP_FIELDS:
        when = prov.get(name)
        day = _day(when)
        if day and day <= today and when not in told:
            steps.append((when, name, None))
            told.add(when)
    return steps
