"""Background tasks (django-tasks) of supervision; the management commands call the same functions."""
from django.conf import settings
from django.utils import translation
from django_tasks import task

from .links import LinkChecker
from .nightly import daily_check, scheduled_reports
from .probe import probe_sites
from .reports import build_monthly_report
from .rules import Period


@task()
def inspect_month(month=None):
    """Build the report of `month` ("YYYY-MM", default: the previous month); returns its id."""
    with translation.override(settings.LANGUAGE_CODE):
        period = Period.parse_month(month) if month else Period.previous_month()
        return build_monthly_report(period).pk


@task()
def nightly_checks(links=True):
    """The nightly self-check, the reports due today and (unless disabled) the link check."""
    with translation.override(settings.LANGUAGE_CODE):
        sent = daily_check()
        scheduled_reports()
        if links:
            LinkChecker().run()
        return sent


@task()
def probe_availability(base_url):
    results, _not_probed = probe_sites(base_url)
    return len(results)
