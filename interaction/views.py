"""Public pages: the forms, the receipt, case tracking and rating, published replies, statistics."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from base import ratelimit
from base.client import client_address
from subsites.models import Unit

from . import workflow
from .forms import CaseForm, CorrectionForm, RatingForm, TrackForm
from .models import Case, DeadlineKind, DeadlineState, Kind, Status, scoped_cases
from .statistics import monthly_rows

RECEIPTS = "interaction_receipts"
TRACKED = "interaction_tracked"


def index(request):
    return render(request, "interaction/index.html", {"unit": _site_unit(request)})


def _site_unit(request):
    site = Site.find_for_request(request)
    return Unit.objects.filter(site=site, active=True).first() if site else None


def _existing_submission(token):
    try:
        return Case.objects.filter(submission_token=uuid.UUID(str(token))).first()
    except ValueError:
        return None


def submit(request, kind):
    unit = _site_unit(request)
    if kind not in Kind.values or (kind == Kind.LEADER_MAIL and unit is not None):
        raise Http404  # the 领导信箱 is the county's, on the portal
    form = CaseForm(kind)
    if request.method == "POST":
        existing = _existing_submission(request.POST.get("submission_token"))
        if existing:  # the same form sent twice: one case
            return redirect("interaction:receipt", token=existing.submission_token)
        if not ratelimit.allow(request, "submit", settings.INTERACTION_RATE_LIMIT):
            messages.error(request, _("Too many submissions from your network; please try again later."))
            form = CaseForm(kind, initial=request.POST.dict())  # unbound: keeps the text, spares the captcha
            return render(
                request, "interaction/submit.html", {"form": form, "kind": Kind(kind), "unit": unit}, status=429
            )
        if request.POST.get("refresh_captcha"):  # 换一题: a new question, nothing typed is lost
            form = CaseForm(kind, initial=request.POST.dict())
            return render(request, "interaction/submit.html", {"form": form, "kind": Kind(kind), "unit": unit})
        form = CaseForm(kind, request.POST, request.FILES)
        if form.is_valid():
            return _store(request, form, kind, unit)
    return render(request, "interaction/submit.html", {"form": form, "kind": Kind(kind), "unit": unit})


def _store(request, form, kind, unit):
    case = form.save(commit=False)
    case.kind, case.origin_unit = kind, unit
    case.submission_token = form.cleaned_data["submission_token"]
    case.submitter_ip = client_address(request) or None
    case.tracking_code, password = Case.new_credentials()
    try:
        workflow.submit(case, password)
    except IntegrityError:
        if _existing_submission(case.submission_token):
            return redirect("interaction:receipt", token=case.submission_token)
        raise
    receipts = request.session.get(RECEIPTS, {})
    receipts[str(case.submission_token)] = password
    request.session[RECEIPTS] = receipts
    return redirect("interaction:receipt", token=case.submission_token)


def receipt(request, token):
    case = get_object_or_404(Case, submission_token=token)
    password = request.session.get(RECEIPTS, {}).get(str(token))
    return render(request, "interaction/receipt.html", {"case": case, "password": password})


def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "track", settings.INTERACTION_RATE_LIMIT):
            form.add_error(None, _("Too many attempts; please try again later."))
        else:
            case = Case.objects.filter(tracking_code=form.cleaned_data["code"].strip().upper()).first()
            if case and case.check_password(form.cleaned_data["password"].strip().upper()):
                request.session[TRACKED] = request.session.get(TRACKED, []) + [case.pk]
                return redirect("interaction:case", code=case.tracking_code)
            form.add_error(None, _("The tracking code or query password is wrong."))
    return render(request, "interaction/track.html", {"form": form})


def _tracked_case(request, code):
    """The case, if this visitor has opened it with its query password; None otherwise.

    An unknown code is answered like a known one not yet opened, so that the page does not tell
    which tracking codes exist."""
    return Case.objects.filter(tracking_code=code, pk__in=request.session.get(TRACKED, [])).first()


def case_detail(request, code):
    """The tracking page; its form rates the reply."""
    case = _tracked_case(request, code)
    if case is None:
        return redirect("interaction:track")
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.rate(case, form.cleaned_data["rating"], form.cleaned_data["comment"])
            messages.success(request, _("Thank you for your rating."))
            return redirect("interaction:case", code=code)
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
    return _render_case(request, case, rating_form=form)


def correct(request, code):
    """补正 sent online by the applicant of a disclosure request."""
    case = _tracked_case(request, code)
    if case is None:
        return redirect("interaction:track")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.submit_correction(case, form.cleaned_data["text"])
            messages.success(request, _("Your correction was received; the time limit restarts today."))
            return redirect("interaction:case", code=code)
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
    return _render_case(request, case, correction_form=form, status=400 if request.method == "POST" else 200)


def _render_case(request, case, rating_form=None, correction_form=None, status=200):
    window = case.deadlines.filter(kind=DeadlineKind.APPLICANT_CORRECTION, state=DeadlineState.OPEN).first()
    return render(
        request,
        "interaction/case.html",
        {
            "case": case,
            "events": case.events.filter(public=True),
            "deadlines": case.deadlines.all(),
            "rating_form": rating_form or RatingForm(),
            "can_rate": case.status == Status.REPLIED and case.rating is None,
            "correction_form": correction_form or CorrectionForm(),
            "can_correct": case.status == Status.CORRECTION and window is not None and timezone.now() <= window.due_at,
        },
        status=status,
    )


def replies(request):
    """The published replies of this site's unit (on the portal: of the whole county)."""
    published = (
        scoped_cases(_site_unit(request)).filter(published=True).select_related("reply_unit").order_by("-replied_at")
    )
    results = Paginator(published, 20).get_page(request.GET.get("page"))
    return render(request, "interaction/replies.html", {"results": results})


def reply_detail(request, code):
    case = get_object_or_404(Case, tracking_code=code, published=True)
    return render(request, "interaction/reply_detail.html", {"case": case})


def statistics(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        rows = monthly_rows(year, month)
    except ValueError:
        raise Http404 from None
    return render(
        request,
        "interaction/statistics.html",
        {
            "rows": rows,
            "year": year,
            "month": month,
            "months": range(1, 13),
            "years": range(today.year - 4, today.year + 1),
        },
    )
