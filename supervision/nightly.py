"""The nightly self-check: national veto indicators for every site with early warnings e-mailed to
the unit's staff when a finding gets worse, plus the scheduled reports of the 1st and 2 January.
Each warning goes to each person at most once a day, however often the check runs."""
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction.scoping import staff_emails
from operations.mail import OnceMailer

from . import annual
from .models import DailyCheck, InspectionReport
from .publishing import submit_bulletin
from .reports import build_aggregate_report, build_monthly_report
from .rules import Level, Period, Profile, evaluate
from .rules.base import LEVEL_ORDER


def daily_check(now=None):
    """Store today's national indicators per site; returns the number of warning e-mails sent.

    Raises operations.mail.MailNotSent when some could not be sent: running it again sends them."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with OnceMailer() as mailer:
        for subject, findings in evaluate(Period.current_month(now), profiles={Profile.NATIONAL}):
            level = max((f.level for f in findings), key=LEVEL_ORDER.get, default=Level.OK)
            before = DailyCheck.objects.filter(unit=subject.unit, day__lt=today).order_by("-day").first()
            before_levels = {f["rule"]: f["level"] for f in (before.findings if before else [])}
            DailyCheck.objects.update_or_create(day=today, unit=subject.unit, defaults={
                "level": level, "findings": [f.as_dict() for f in findings]})
            worse = [f for f in findings
                     if LEVEL_ORDER[f.level] > LEVEL_ORDER[before_levels.get(f.rule, Level.OK)]]
            if worse:
                lines = [f"{f.title}：{f.measured}（{f.threshold}）— {Level(f.level).label}" for f in worse]
                mailer.send(staff_emails(subject.unit), f"self-check:{subject.key or 'portal'}",
                            today.isoformat(),
                            _("Website self-check of %(name)s: %(count)d indicators need attention") % {
                                "name": subject.name, "count": len(worse)}, "\n".join(lines))
    return mailer.sent


def scheduled_reports(now=None):
    """On the 1st: last month's report (and the half-year / year when one ends) with its bulletin
    submitted for approval; on 2 January: the annual report drafts. Reminders run every night.
    Running again the same day (a retried task) leaves the reports already submitted as they are."""
    today = timezone.localdate(now or timezone.now())
    due = []
    if today.day == 1:
        due.append((build_monthly_report, Period.previous_month(now)))
        if today.month in (1, 7):
            year = today.year if today.month == 7 else today.year - 1
            due.append((build_aggregate_report, Period.half(year, 1 if today.month == 7 else 2)))
        if today.month == 1:
            due.append((build_aggregate_report, Period.whole_year(today.year - 1)))
    done = []
    for build, period in due:
        if not InspectionReport.objects.filter(period_kind=period.kind, year=period.year, number=period.number,
                                               bulletin__isnull=False).exists():
            report = build(period)
            submit_bulletin(report)
            done.append(report)
    if (today.month, today.day) == (1, 2):
        annual.generate_drafts(today.year - 1)
    annual.send_reminders(today)
    return done
