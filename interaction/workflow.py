"""Case operations: intake, triage and transfer, complaint acknowledgment, the disclosure
procedure (receipt, 补正, third-party pause, extension), reply drafting, approval and rating.

Every operation is atomic, records a `CaseEvent`, keeps the deadlines in step and
queues its notifications to be sent after commit.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base import mail
from subsites.models import Unit

from . import deadlines
from .models import (
    OUTCOMES_NEEDING_REASON,
    REASONS_BY_OUTCOME,
    CaseEvent,
    ClockPause,
    DeadlineKind,
    Kind,
    ReplyType,
    Status,
)
from .rules import format_due, rule
from .scoping import staff_emails


class WorkflowError(Exception):
    """An operation the case's state or the rules do not allow; the message is for the user."""


def _event(case, action, message, actor=None, note="", public=True):
    CaseEvent.objects.create(case=case, action=action, message=message, actor=actor, note=note, public=public)


def _require(condition, message):
    if not condition:
        raise WorkflowError(message)


# Which operations apply to a case in its kind and state: the handling screen offers exactly these,
# and each operation refuses a case its rule does not cover.
def can_transfer(case):
    return case.status in (Status.NEW, Status.PROCESSING)


def can_acknowledge(case):
    return (
        case.kind == Kind.COMPLAINT
        and case.status == Status.PROCESSING
        and not case.events.filter(action="acknowledged").exists()
    )


def can_confirm_receipt(case):
    return case.kind == Kind.DISCLOSURE and case.is_open and case.received_at is None


def can_request_correction(case):
    return (
        case.kind == Kind.DISCLOSURE
        and case.status == Status.PROCESSING
        and case.received_at is not None
        and case.correction_requested_at is None
    )


def can_receive_correction(case):
    return case.status == Status.CORRECTION


def _open_pause(case):
    return case.pauses.filter(ended_at__isnull=True).first()


def can_start_third_party(case):
    return (
        case.kind == Kind.DISCLOSURE
        and case.status == Status.PROCESSING
        and case.clock_start_at is not None
        and _open_pause(case) is None
    )


def can_end_third_party(case):
    return case.kind == Kind.DISCLOSURE and _open_pause(case) is not None


def can_extend(case):
    return (
        case.kind == Kind.DISCLOSURE
        and case.status == Status.PROCESSING
        and case.clock_start_at is not None
        and not case.extension_days
    )


def can_draft(case):
    """A handling unit answers a case being handled; a disclosure request once its receipt is confirmed."""
    return (
        bool(case.unit_id)
        and case.status == Status.PROCESSING
        and (case.kind != Kind.DISCLOSURE or case.received_at is not None)
    )


def awaits_approval(case):
    return case.status == Status.REVIEW


def _tell_staff(case, subject):
    mail.queue(
        staff_emails(case.unit),
        subject,
        f"{case.tracking_code} {case.get_kind_display()}：{case.title}",
        about=case,
    )


def handling_unit(case):
    """Who handles a new case: the county office a letter to the leaders, else the unit of the site used."""
    if case.kind == Kind.LEADER_MAIL:
        return Unit.objects.filter(code=settings.INTERACTION_LEADER_MAIL_UNIT, active=True).first()
    return case.origin_unit


@transaction.atomic
def submit(case, password):
    """Store a new case with its credentials and deadlines (the caller fills the fields)."""
    case.set_password(password)
    case.unit = handling_unit(case)
    if case.unit is not None:
        case.status = Status.PROCESSING
    if case.kind != Kind.DISCLOSURE:
        case.received_at = case.submitted_at
    case.save()
    _event(case, "submitted", _("Submitted"))
    deadlines.on_submitted(case)
    _tell_staff(case, _("New case %(code)s") % {"code": case.tracking_code})
    mail.queue(
        [case.email],
        _("Your case %(code)s was received") % {"code": case.tracking_code},
        _("Your tracking code is %(code)s. Keep your query password to follow the case.")
        % {"code": case.tracking_code},
        about=case,
    )
    return case


@transaction.atomic
def transfer(case, actor, unit, important=False, note=""):
    """转办: hand the case to `unit`; the citizen sees where it went and how to reach it."""
    _require(can_transfer(case), _("This case cannot be transferred now."))
    _require(unit.active, _("This unit is not active."))
    case.unit = unit
    if case.status == Status.NEW:
        case.status = Status.PROCESSING
    if important and case.kind == Kind.COMPLAINT and not case.important:
        case.important = True
        deadlines.on_important(case)
        _event(case, "important", _("Marked as an important complaint"), actor, public=False)
    case.save()
    message = _("Transferred to %(unit)s, phone %(phone)s") % {
        "unit": unit.name,
        "phone": unit.phone or _("not listed"),
    }
    _event(case, "transferred", message, actor, note)
    _tell_staff(case, _("Case %(code)s transferred to your unit") % {"code": case.tracking_code})
    mail.queue([case.email], _("Case %(code)s") % {"code": case.tracking_code}, message, about=case)


@transaction.atomic
def acknowledge(case, actor, workdays):
    """Acknowledge a complaint and state its handling limit in working days."""
    _require(case.kind == Kind.COMPLAINT, _("Only complaints are acknowledged."))
    _require(can_acknowledge(case), _("Already acknowledged."))
    _require(
        0 < workdays <= rule("complaint_reply")[0],
        _("The handling limit must be between 1 and %(max)d working days.") % {"max": rule("complaint_reply")[0]},
    )
    deadlines.on_acknowledged(case, workdays)
    reply = case.deadlines.get(kind=DeadlineKind.REPLY)
    message = _("Complaint accepted; it will be handled within %(limit)s") % {"limit": reply.explanation}
    _event(case, "acknowledged", message, actor)
    mail.queue([case.email], _("Case %(code)s") % {"code": case.tracking_code}, message, about=case)


@transaction.atomic
def confirm_receipt(case, actor):
    """Both sides confirmed an online disclosure request: this is its received date."""
    _require(can_confirm_receipt(case), _("Receipt can only be confirmed once, for disclosure requests."))
    case.received_at = case.clock_start_at = timezone.now()
    case.save()
    deadlines.on_received(case)
    _event(case, "received", _("Request received on %(date)s") % {"date": format_due(case.received_at)}, actor)


@transaction.atomic
def request_correction(case, actor, text):
    """补正: one notice, within the correction window, listing everything to correct; the
    applicant's own window to send the correction opens."""
    _require(case.kind == Kind.DISCLOSURE and case.received_at, _("Confirm receipt first."))
    _require(can_request_correction(case), _("A correction may be requested only once."))
    window = case.deadlines.get(kind=DeadlineKind.CORRECTION)
    _require(timezone.now() <= window.due_at, _("The period for requesting a correction has passed."))
    case.correction_requested_at = timezone.now()
    case.status = Status.CORRECTION
    case.save()
    deadlines.close(case, [DeadlineKind.CORRECTION])
    deadlines.on_correction_requested(case)
    _event(case, "correction_requested", _("Please correct your request: %(items)s") % {"items": text}, actor)
    mail.queue([case.email], _("Case %(code)s") % {"code": case.tracking_code}, text, about=case)


def _restart_after_correction(case):
    case.status = Status.PROCESSING
    case.clock_start_at = case.corrected_at = timezone.now()
    case.save()
    deadlines.close(case, [DeadlineKind.APPLICANT_CORRECTION])
    deadlines.recompute_disclosure(case)


@transaction.atomic
def correction_received(case, actor):
    """The corrected request arrived by other means (post, in person)."""
    _require(can_receive_correction(case), _("No correction is awaited."))
    _restart_after_correction(case)
    _event(case, "corrected", _("Corrected request received; the time limit restarts"), actor)


@transaction.atomic
def submit_correction(case, text):
    """The applicant sends the correction online from the tracking page: once, within their window."""
    _require(case.status == Status.CORRECTION, _("No correction is awaited."))
    # Requests put into 补正 before the window was recorded have none: they may still be corrected.
    window = case.deadlines.filter(kind=DeadlineKind.APPLICANT_CORRECTION).first()
    _require(window is None or timezone.now() <= window.due_at, _("The period for sending the correction has passed."))
    case.correction_text = text
    _restart_after_correction(case)
    _event(case, "corrected", _("Corrected request received; the time limit restarts"))
    _tell_staff(case, _("Correction received for %(code)s") % {"code": case.tracking_code})


@transaction.atomic
def start_third_party(case, actor, reason):
    _require(
        case.kind == Kind.DISCLOSURE and case.status == Status.PROCESSING and case.clock_start_at,
        _("Third parties can be consulted only while a received request is being handled."),
    )
    _require(can_start_third_party(case), _("A consultation is already open."))
    pause = ClockPause.objects.create(case=case, started_at=timezone.now(), reason=reason)
    deadlines.on_third_party(case, pause)
    _event(case, "paused", _("Third-party opinion requested; this time does not count"), actor, reason)


@transaction.atomic
def end_third_party(case, actor):
    pause = _open_pause(case)
    _require(pause is not None, _("No consultation is open."))
    pause.ended_at = timezone.now()
    pause.save()
    deadlines.close(case, [DeadlineKind.THIRD_PARTY])
    deadlines.recompute_disclosure(case)
    _event(case, "resumed", _("Third-party consultation finished; the time limit resumes"), actor)


@transaction.atomic
def extend(case, actor, days, approver, reason):
    """Extend a disclosure reply once, by at most the legal maximum, with the office head's approval."""
    maximum = rule("disclosure_extension_max")[0]
    _require(
        case.kind == Kind.DISCLOSURE and case.clock_start_at, _("Only received disclosure requests can be extended.")
    )
    _require(approver.strip(), _("An extension needs the approval of the disclosure office's head."))
    _require(can_extend(case), _("The time limit may be extended only once."))
    _require(0 < days <= maximum, _("An extension is at most %(max)d working days.") % {"max": maximum})
    case.extension_days, case.extension_approver = days, approver.strip()
    case.save()
    deadlines.recompute_disclosure(case)
    reply = case.deadlines.get(kind=DeadlineKind.REPLY)
    message = _("Time limit extended (%(reason)s): %(limit)s") % {"reason": reason, "limit": reply.explanation}
    _event(case, "extended", message, actor, _("Approved by %(name)s") % {"name": case.extension_approver})
    mail.queue([case.email], _("Case %(code)s") % {"code": case.tracking_code}, message, about=case)


@transaction.atomic
def draft_reply(case, actor, text, reply_type="", outcome="", reason="", reason_category=""):
    """Draft the reply: a disclosure request states its outcome (a refusal also the annual report's
    reason category), other cases whether they are answered; a refusal or a question that cannot be
    answered states the reason."""
    _require(can_draft(case), _("This case cannot be replied to now."))
    reason = reason.strip()
    if case.kind == Kind.DISCLOSURE:
        _require(outcome, _("Choose the outcome of the disclosure request."))
        _require(
            reason or outcome not in OUTCOMES_NEEDING_REASON,
            _("State the reason for not disclosing all of the information."),
        )
        categories = REASONS_BY_OUTCOME.get(outcome, [])
        _require(
            not categories or reason_category in categories,
            _("Choose the reason category that belongs to this outcome."),
        )
        reply_type, reason_category = "", reason_category if categories else ""
    else:
        _require(reply_type, _("Choose the reply type."))
        _require(reason or reply_type != ReplyType.CANNOT_ANSWER, _("State why the question cannot be answered."))
        outcome = reason_category = ""
    case.reply_draft, case.status = text, Status.REVIEW
    case.reply_type, case.disclosure_outcome, case.reply_reason = reply_type, outcome, reason
    case.disclosure_reason = reason_category
    case.save()
    _event(case, "drafted", _("Reply drafted"), actor, public=False)
    mail.queue(
        staff_emails(case.unit),
        _("Reply to %(code)s awaits approval") % {"code": case.tracking_code},
        text,
        about=case,
    )


@transaction.atomic
def return_draft(case, actor, note):
    _require(awaits_approval(case), _("No reply awaits approval."))
    case.status = Status.PROCESSING
    case.save()
    _event(case, "returned", _("Draft reply returned"), actor, note, public=False)


@transaction.atomic
def approve_reply(case, actor):
    """The reviewer approves the draft: it is sent, and published if the citizen agreed."""
    _require(awaits_approval(case), _("No reply awaits approval."))
    case.reply_body, case.reply_unit, case.replied_at = case.reply_draft, case.unit, timezone.now()
    case.status, case.published = Status.REPLIED, case.publish_consent
    case.save()
    deadlines.on_replied(case)
    _event(case, "replied", _("Replied by %(unit)s") % {"unit": case.unit.name}, actor)
    body = "\n\n".join(filter(None, [case.reply_body, case.reply_reason]))
    mail.queue([case.email], _("Reply to your case %(code)s") % {"code": case.tracking_code}, body, about=case)


@transaction.atomic
def rate(case, rating, comment):
    _require(case.status == Status.REPLIED and case.rating is None, _("This reply cannot be rated."))
    case.rating, case.rating_comment, case.rated_at = rating, comment, timezone.now()
    case.save()
    _event(case, "rated", _("Rated: %(rating)s") % {"rating": case.get_rating_display()})
