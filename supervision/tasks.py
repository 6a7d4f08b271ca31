"""Background tasks (django-tasks) of supervision; the management commands call the same functions."""
from django.conf import settings
from django.utils import translation
from django_tasks import task

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


@task()
def nightly_checks(links=True):
    """The nightly job (supervision.nightly); raises NightlyFailed after running every step when
    some failed, so that the queue records the failure and retries (which redoes what is missing)."""
    with translation.override(settings.LANGUAGE_CODE):
        results = run_nightly(links=links)
        if error := failure_message(results):
            raise NightlyFailed(error)
        return [result.line() for result in results]


@task()
def probe_availability(base_url):
    results, _not_probed = probe_sites(base_url)
    return len(results)
