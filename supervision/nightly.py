"""The nightly job (`run_supervision_checks` and the `nightly_checks` task both call run_nightly):
the self-check of the national veto indicators with early warnings e-mailed to the unit's staff
when a finding gets worse, the reports due today, annual-report reminders and the link check.

Every step runs, whatever happened to the ones before it, and running the job again the same day
redoes only what is missing: each warning or reminder goes to each person at most once a day, a
report already submitted is kept, the link check runs once a day.
"""

import logging
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.mail import MailNotSent, OnceMailer
from interaction.scoping import staff_emails

from . import annual
from .links import LinkChecker, summary
from .models import DailyCheck, InspectionReport, LinkCheckRun
from .publishing import submit_bulletin
from .reports import build_aggregate_report, build_monthly_report
from .rules import Level, Period, Profile, evaluate
from .rules.base import LEVEL_ORDER, overall_level

logger = logging.getLogger(__name__)


def daily_check(now=None):
    """Store today's national indicators per site; returns the number of warning e-mails sent.

    Raises base.mail.MailNotSent when some could not be sent: running it again sends them."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with OnceMailer() as mailer:
        for subject, findings in evaluate(Period.current_month(now), profiles={Profile.NATIONAL}):
            level = overall_level(f.level for f in findings)
            before = DailyCheck.objects.filter(unit=subject.unit, day__lt=today).order_by("-day").first()
            before_levels = {f["rule"]: f["level"] for f in (before.findings if before else [])}
            DailyCheck.objects.update_or_create(
                day=today, unit=subject.unit, defaults={"level": level, "findings": [f.as_dict() for f in findings]}
            )
            worse = [f for f in findings if LEVEL_ORDER[f.level] > LEVEL_ORDER[before_levels.get(f.rule, Level.OK)]]
            if worse:
                lines = [f"{f.title}：{f.measured}（{f.threshold}）— {Level(f.level).label}" for f in worse]
                mailer.send(
                    staff_emails(subject.unit),
                    f"self-check:{subject.key or 'portal'}",
                    today.isoformat(),
                    _("Website self-check of %(name)s: %(count)d indicators need attention")
                    % {"name": subject.name, "count": len(worse)},
                    "\n".join(lines),
                )
    return mailer.sent


def scheduled_reports(now=None):
    """On the 1st: last month's report (and the half-year / year when one ends) with its bulletin
    submitted for approval, each in its own transaction. Running again the same day (a retried
    task) leaves the reports already submitted as they are; returns the reports submitted now."""
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
        if not InspectionReport.objects.filter(
            period_kind=period.kind, year=period.year, number=period.number, bulletin__isnull=False
        ).exists():
            report = build(period)
            submit_bulletin(report)
            done.append(report)
    return done


class NightlyFailed(Exception):
    """Some steps of the nightly job failed (each is logged); the others ran."""


@dataclass(frozen=True)
class StepResult:
    step: str  # the step's name
    ok: bool
    message: str  # what the step did, or why it failed

    def line(self):
        template = _("%(step)s: done. %(message)s") if self.ok else _("%(step)s: FAILED. %(message)s")
        return template % {"step": self.step, "message": self.message}


def _reports(now):
    reports = scheduled_reports(now)
    if not reports:
        return _("No report due today.")
    return " ".join(
        _("Inspection report %(label)s generated and submitted.") % {"label": report.period.label} for report in reports
    )


def _link_check(today):
    done = LinkCheckRun.objects.filter(finished_at__date=today).first()
    if done is not None:  # a retried or repeated job; `check_links` checks again on demand
        return _("Already done today. %(summary)s") % {"summary": summary(done)}
    return summary(LinkChecker().run())


def _steps(now, links):
    """(name, function returning its message) of each step due tonight, in order."""
    today = timezone.localdate(now)
    yield _("Self-check"), lambda: _("%(count)d warning e-mails sent.") % {"count": daily_check(now)}
    yield _("Scheduled reports"), lambda: _reports(now)
    if (today.month, today.day) == (1, 2):
        yield (
            _("Annual report drafts"),
            lambda: _("%(count)d drafts created.") % {"count": len(annual.generate_drafts(today.year - 1))},
        )
    yield (
        _("Annual report reminders"),
        lambda: _("%(count)d reminder e-mails sent.") % {"count": annual.send_reminders(today)},
    )
    if links:
        yield _("Link check"), lambda: _link_check(today)


def _failure(error):
    if isinstance(error, MailNotSent):
        return _(
            "Some e-mails were not sent (the mail server is unreachable or refused them); "
            "running the job again sends them."
        )
    text = " ".join(str(error).split())  # one line, whatever the database said
    return _("Unexpected error %(error)s; details are in the log.") % {
        "error": f"{error.__class__.__name__}: {text}"[:200]
    }


def _run_step(name, function):
    """Run one step; a failure is logged and returned, and leaves the database usable for the next.

    The steps keep what they wrote before failing (a mail recorded as sent stays sent), as they do
    in autocommit where the job normally runs; the reports step commits each report atomically.
    Inside a caller's transaction (a test, a task run inline) a step runs in a savepoint, rolled
    back only when a database error broke it; in autocommit a broken connection is replaced."""
    nested = connection.in_atomic_block
    with transaction.atomic() if nested else nullcontext():
        try:
            return StepResult(name, True, function())
        except Exception as error:
            logger.exception("nightly step %s failed", name)
            if nested and isinstance(error, DatabaseError):
                transaction.set_rollback(True)
            elif not nested:
                connection.close_if_unusable_or_obsolete()
            return StepResult(name, False, _failure(error))


def run_nightly(links=True):
    """Run every step due tonight in order; returns their StepResults."""
    return [_run_step(name, function) for name, function in _steps(timezone.now(), links)]


def failure_message(results):
    """The error naming the failed steps, or "" when all of them succeeded."""
    failed = [result.step for result in results if not result.ok]
    if not failed:
        return ""
    return _("The nightly job ran every step; these failed: %(steps)s.") % {"steps": "、".join(failed)}
