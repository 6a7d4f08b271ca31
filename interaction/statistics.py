"""Monthly figures per handling unit: received, answered, on time, average working days, satisfaction."""

from base.time import local_date, month_bounds

from .models import Case, DeadlineKind, Satisfaction
from .workdays import WorkCalendar


def _on_time(case):
    reply = next((d for d in case.deadlines.all() if d.kind == DeadlineKind.REPLY), None)
    return reply is not None and reply.due_at is not None and case.replied_at <= reply.due_at


def monthly_rows(year, month):
    """One row per unit that received cases submitted in the month."""
    start, end = month_bounds(year, month)
    cases = (
        Case.objects.filter(submitted_at__gte=start, submitted_at__lt=end, unit__isnull=False)
        .select_related("unit")
        .prefetch_related("deadlines")
        .order_by("unit__sort_order", "unit__code")
    )
    calendar, rows = WorkCalendar(), {}
    for case in cases:
        row = rows.setdefault(
            case.unit_id,
            {"unit": case.unit, "received": 0, "answered": 0, "on_time": 0, "days": [], "rated": 0, "satisfied": 0},
        )
        row["received"] += 1
        if case.replied_at:
            row["answered"] += 1
            row["on_time"] += _on_time(case)
            start_day = local_date(case.received_at or case.submitted_at)
            row["days"].append(calendar.workdays_between(start_day, local_date(case.replied_at)))
        if case.rating:
            row["rated"] += 1
            row["satisfied"] += case.rating >= Satisfaction.BASICALLY
    for row in rows.values():
        days = row.pop("days")
        row["average_days"] = round(sum(days) / len(days), 1) if days else None
        row["satisfaction"] = round(100 * row["satisfied"] / row["rated"]) if row["rated"] else None
    return list(rows.values())
