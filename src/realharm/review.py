"""``python -m realharm review``: what needs checking again, as a report (it never fails).

- entries whose ``review_by`` date has come (due) or passed (overdue);
- dates coming within 60 days (a law starts to apply, a transposition deadline, a repeal, a
  ``review_by``), so that someone is ready to check the page on the day;
- bills with no recorded step for 6 months (``last_step_on`` and their ``history``).
"""

from __future__ import annotations

from datetime import date, timedelta

from .data import Dataset, add_months, iso_date

SOON_DAYS = 60
BILL_QUIET_MONTHS = 6
FUTURE_FIELDS = ("in_force_since", "transposition_deadline", "repealed_on", "review_by")


def _entries(dataset: Dataset):
    """(label, entry) of every service and law entry."""
    for kind, list_key in (("services", "services"), ("laws", "provisions")):
        for code, doc in sorted(getattr(dataset, kind).items()):
            for item in doc[list_key]:
                yield f"data/{kind}/{code.lower()}.yaml: {item['id']}", item


def review(dataset: Dataset, today: date) -> dict[str, list[str]]:
    """Section name -> lines, each 'file: entry: what'."""
    due, soon, quiet = [], [], []
    horizon = today + timedelta(days=SOON_DAYS)
    for label, item in _entries(dataset):
        review_by = iso_date(item.get("review_by"))
        if review_by and review_by <= today:
            state = "due today" if review_by == today else f"overdue by {(today - review_by).days} days"
            due.append((review_by, f"{label}: review_by {review_by.isoformat()} ({state}); "
                                   f"last checked {item.get('verified_on')}"))
        for name in FUTURE_FIELDS:
            when = iso_date(item.get(name))
            if when and today < when <= horizon:
                soon.append((when, f"{label}: {name} {when.isoformat()} (in {(when - today).days} days)"))
        if item.get("status") == "bill":
            steps = [iso_date(item.get("last_step_on"))] + [iso_date(h.get("date")) for h in item.get("history") or []]
            last = max((d for d in steps if d and d <= today), default=None)
            if last and add_months(last, BILL_QUIET_MONTHS) <= today:
                quiet.append((last, f"{label}: last recorded step {last.isoformat()} "
                                    f"({(today - last).days} days ago): look for news of the bill"))
    return {
        "Due or overdue for review": [line for _d, line in sorted(due)],
        f"Dates coming within {SOON_DAYS} days": [line for _d, line in sorted(soon)],
        f"Bills with no recorded step for {BILL_QUIET_MONTHS} months": [line for _d, line in sorted(quiet)],
    }


def report(dataset: Dataset, today: date) -> str:
    out = [f"Review report for {today.isoformat()}"]
    for title, lines in review(dataset, today).items():
        out += ["", f"{title} ({len(lines)}):"] + [f"  {line}" for line in lines or ["(none)"]]
    return "\n".join(out)
