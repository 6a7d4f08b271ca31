"""Near-due and overdue deadlines: what the dashboard shows and what the alert command e-mails."""

from django.utils import timezone
from django.utils.translation import gettext as _

from base import mail

from .models import Deadline, DeadlineState
from .rules import due_after, rule
from .scoping import staff_emails
from .workdays import WorkCalendar


def near_due_deadlines(deadlines):
    """Open deadlines not yet overdue that fall due within the `near_due` rule."""
    now = timezone.now()
    amount, unit = rule("near_due")
    horizon = due_after(now, amount, unit, WorkCalendar())
    return deadlines.filter(state=DeadlineState.OPEN, due_at__gte=now, due_at__lte=horizon)


def send_alerts():
    """E-mail each near-due and overdue deadline once; overdue ones also go to the portal centre."""
    now, sent = timezone.now(), 0
    open_deadlines = Deadline.objects.filter(state=DeadlineState.OPEN).select_related("case", "case__unit")
    for deadline in near_due_deadlines(open_deadlines.filter(alerted_near=False)):
        case = deadline.case
        mail.queue(
            staff_emails(case.unit),
            _("Case %(code)s is nearly due") % {"code": case.tracking_code},
            f"{deadline.get_kind_display()}：{deadline.explanation}",
            about=case,
        )
        Deadline.objects.filter(pk=deadline.pk).update(alerted_near=True)
        sent += 1
    for deadline in open_deadlines.filter(alerted_overdue=False, due_at__lt=now):
        case = deadline.case
        recipients = set(staff_emails(case.unit)) | set(staff_emails(None))
        mail.queue(
            sorted(recipients),
            _("Case %(code)s is overdue") % {"code": case.tracking_code},
            f"{deadline.get_kind_display()}：{deadline.explanation}",
            about=case,
        )
        Deadline.objects.filter(pk=deadline.pk).update(alerted_overdue=True)
        sent += 1
    return sent
