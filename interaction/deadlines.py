"""The deadline engine: opens, recomputes, pauses and closes the stored deadlines of a case."""

from django.utils import timezone
from django.utils.translation import gettext as _

from base.time import local_date

from .models import ClockPause, Deadline, DeadlineKind, DeadlineState, Kind, Status
from .rules import describe, due_after, rule
from .workdays import WorkCalendar

RUNNING = (DeadlineState.OPEN, DeadlineState.PAUSED)
# A letter to the county leaders has the deadlines of a consultation.
FIRST_REPLY_RULE = {
    Kind.CONSULTATION: "consultation_reply",
    Kind.SUGGESTION: "suggestion_reply",
    Kind.LEADER_MAIL: "consultation_reply",
}


def _store(case, kind, due, explanation, state=DeadlineState.OPEN):
    Deadline.objects.update_or_create(
        case=case,
        kind=kind,
        defaults={"due_at": due, "explanation": explanation, "state": state, "closed_at": None},
    )


def open_rule(case, kind, rule_name, start, calendar, amount=None):
    default_amount, unit = rule(rule_name)
    amount = amount or default_amount
    due = due_after(start, amount, unit, calendar)
    _store(case, kind, due, describe(amount, unit, due, calendar))


def close(case, kinds, state=DeadlineState.MET):
    case.deadlines.filter(kind__in=kinds, state__in=RUNNING).update(state=state, closed_at=timezone.now())


def on_submitted(case):
    calendar = WorkCalendar()
    if case.kind in FIRST_REPLY_RULE:
        open_rule(case, DeadlineKind.REPLY, FIRST_REPLY_RULE[case.kind], case.submitted_at, calendar)
    if case.kind == Kind.COMPLAINT:
        open_rule(case, DeadlineKind.ACK, "complaint_ack", case.submitted_at, calendar)
    if case.kind != Kind.DISCLOSURE:
        open_rule(case, DeadlineKind.FLOOR, "national_floor", case.submitted_at, calendar)


def on_important(case):
    open_rule(case, DeadlineKind.IMPORTANT, "complaint_important", case.submitted_at, WorkCalendar())


def on_acknowledged(case, workdays):
    close(case, [DeadlineKind.ACK])
    open_rule(case, DeadlineKind.REPLY, "complaint_reply", timezone.now(), WorkCalendar(), workdays)


def on_received(case):
    """A disclosure request is received: the correction window opens and the reply clock starts."""
    open_rule(case, DeadlineKind.CORRECTION, "disclosure_correction", case.received_at, WorkCalendar())
    recompute_disclosure(case)


def on_correction_requested(case):
    """The reply clock stops; the applicant's window to send the correction opens."""
    open_rule(
        case,
        DeadlineKind.APPLICANT_CORRECTION,
        "disclosure_applicant_correction",
        case.correction_requested_at,
        WorkCalendar(),
    )
    recompute_disclosure(case)


def on_third_party(case, pause):
    open_rule(case, DeadlineKind.THIRD_PARTY, "disclosure_third_party", pause.started_at, WorkCalendar())
    recompute_disclosure(case)


def on_replied(case):
    close(case, [DeadlineKind.ACK, DeadlineKind.REPLY, DeadlineKind.IMPORTANT, DeadlineKind.FLOOR])
    close(
        case,
        [DeadlineKind.CORRECTION, DeadlineKind.APPLICANT_CORRECTION, DeadlineKind.THIRD_PARTY],
        DeadlineState.CANCELLED,
    )


def paused_workdays(case, calendar):
    """Working days spent on closed third-party consultations, each capped at the legal maximum."""
    cap, _unit = rule("disclosure_third_party")
    return sum(
        min(cap, calendar.workdays_between(local_date(p.started_at), local_date(p.ended_at)))
        for p in ClockPause.objects.filter(case=case, ended_at__isnull=False)
    )


def recompute_disclosure(case):
    """Reply deadline of a disclosure request from its clock start, pauses and extension."""
    if case.status == Status.CORRECTION:
        _store(
            case,
            DeadlineKind.REPLY,
            None,
            _("Stopped until the corrected request arrives; the clock then restarts"),
            DeadlineState.PAUSED,
        )
        return
    if case.pauses.filter(ended_at__isnull=True).exists():
        _store(
            case,
            DeadlineKind.REPLY,
            None,
            _("Paused while a third party is consulted; this time does not count"),
            DeadlineState.PAUSED,
        )
        return
    calendar = WorkCalendar()
    base, _unit = rule("disclosure_reply")
    paused = paused_workdays(case, calendar)
    due = due_after(case.clock_start_at, base + case.extension_days + paused, "workdays", calendar)
    extra = ""
    if case.extension_days:
        extra += _(", extended by %(days)d working days") % {"days": case.extension_days}
    if paused:
        extra += _(", %(days)d working days of third-party consultation not counted") % {"days": paused}
    _store(case, DeadlineKind.REPLY, due, describe(base, "workdays", due, calendar, extra))
