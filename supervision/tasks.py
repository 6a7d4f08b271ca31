"""Background tasks (django-tasks) of supervision; the management commands call the same functions."""

from django.conf import settings
from django.utils import translation
from django_tasks import task

from base.jobs import once_per

from .nightly import NightlyFailed, failure_message, run_nightly
from .probe import probe_sites
from .reports import build_monthly_report
from .rules import Period


@task()
def inspect_month(month=None):
    """Build the report of `month` ("YYYY-MM", default: the previous month); returns its id."""
    with translation.override(settings.LANGUAGE_CODE):
        period = Period.parse_month(month) if month else Period.previous_month()
        return build_monthly_report(period).pk


def _nightly(links):
    with translation.override(settings.LANGUAGE_CODE):
        results = run_nightly(links=links)
        if error := failure_message(results):
            raise NightlyFailed(error)
        return [result.line() for result in results]


@task()
def nightly_checks(links=True):
    """The nightly job (supervision.nightly), once a day whichever worker takes it (None for the others);
    raises NightlyFailed after running every step when some failed, so that the queue records the
    failure and retries (which redoes what is missing: a failed run releases the day)."""
    return once_per("nightly_checks", "day", lambda: _nightly(links))


@task()
def probe_availability(base_url):
    """The availability probe, once an hour whichever worker takes it (None for the others)."""
    return once_per("probe_availability", "hour", lambda: len(probe_sites(base_url)[0]))
