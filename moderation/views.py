"""Admin views of moderation: the audit report by unit, and correcting a first publication time."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_filters import ModelChoiceFilter
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from subsites.models import Unit

from . import unpublishing
from .checks import publication_errors
from .models import PublicationOverride, UnpublishRequest


class PortalAdministratorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UnitAuditFilterSet(SiteHistoryReportFilterSet):
    unit = ModelChoiceFilter(label=gettext_lazy("Unit"), queryset=Unit.objects.all(), method="filter_unit")

    def filter_unit(self, queryset, name, unit):
        """Entries about the unit's pages, or about the unit itself, its groups and their members."""
        if queryset.model is PageLogEntry:
            if unit.home_page_id is None:
                return queryset.none()
            return queryset.filter(page__path__startswith=unit.home_page.path)
        group_ids = [str(group.pk) for group in unit.unit_groups()]
        members = get_user_model().objects.filter(groups__in=unit.unit_groups()).values_list("pk", flat=True)
        member_ids = [str(pk) for pk in members.distinct()]
        return queryset.filter(
            Q(content_type__model="unit", object_id=str(unit.pk))
            | Q(content_type__model="group", object_id__in=group_ids)
            | Q(content_type__model="user", object_id__in=member_ids)
        )


class UnitAuditReportView(PortalAdministratorOnlyMixin, LogEntriesView):
    """Wagtail's site history with a unit filter; exports to Excel (?export=xlsx) like every report."""

    page_title = gettext_lazy("Audit log by unit")
    filterset_class = UnitAuditFilterSet
    index_url_name = "moderation_audit"
    index_results_url_name = "moderation_audit_results"


class PublicationTimeCorrectionForm(forms.Form):
    first_published_at = forms.DateTimeField(label=gettext_lazy("First publication time"), widget=AdminDateTimeInput())
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        widget=forms.Textarea,
        max_length=500,
        error_messages={"required": gettext_lazy("Give the reason for the correction; it is kept in the audit log.")},
    )


class PageReasonView(WagtailAdminTemplateMixin, FormView):
    """An action on one page that needs a reason or a decision (kept in the audit log)."""

    template_name = "moderation/reason_form.html"
    pages = Page.objects.all()
    intro = submit_label = ""
    breadcrumbs_items = []  # Wagtail's full header: the action as title, the page as subtitle

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(self.pages, pk=kwargs["page_id"])
        if not self.permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def permitted(self, user):
        return user.is_superuser

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, intro=self.intro, submit_label=self.submit_label, **kwargs)


class CorrectPublicationTimeView(PortalAdministratorOnlyMixin, PageReasonView):
    """First publication times are set by the system; only the portal administrator may correct one."""

    form_class = PublicationTimeCorrectionForm
    pages = Page.objects.filter(first_published_at__isnull=False)
    page_title = gettext_lazy("Correct first publication time")
    header_icon = "time"
    intro = gettext_lazy(
        "First publication times are set by the system. A correction is recorded in the audit log with its reason."
    )
    submit_label = gettext_lazy("Correct and log")

    def get_initial(self):
        return {"first_published_at": timezone.localtime(self.page.first_published_at)}

    def form_valid(self, form):
        old = self.page.first_published_at
        new = form.cleaned_data["first_published_at"]
        self.page.first_published_at = new
        self.page.save(update_fields=["first_published_at"], clean=False)
        log(
            instance=self.page.specific,
            action="moderation.correct_publication_time",
            user=self.request.user,
            data={"old": old.isoformat(), "new": new.isoformat(), "reason": form.cleaned_data["reason"]},
        )
        messages.success(self.request, _("The first publication time was corrected and logged."))
        return redirect(reverse("wagtailadmin_pages:history", args=[self.page.pk]))


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for publishing despite the findings"),
        widget=forms.Textarea,
        max_length=1000,
        error_messages={"required": gettext_lazy("Give the reason; it is kept in the audit log.")},
    )


class PublicationOverrideView(PortalAdministratorOnlyMixin, PageReasonView):
    """The portal administrator records why a page may go live although it fails a check (used once)."""

    form_class = OverrideForm
    page_title = gettext_lazy("Override the publication checks")
    header_icon = "warning"
    intro = gettext_lazy(
        "The next publication of this page that fails a check goes ahead on this override; "
        "the reason and the findings are recorded in the audit log."
    )
    submit_label = gettext_lazy("Record the override")

    def get_context_data(self, **kwargs):
        revision = self.page.get_latest_revision()
        page = revision.as_object() if revision else self.page.specific
        return super().get_context_data(findings=publication_errors(page), **kwargs)

    def form_valid(self, form):
        PublicationOverride.objects.create(
            page=self.page, reason=form.cleaned_data["reason"], granted_by=self.request.user
        )
        messages.success(self.request, _("The override is recorded; publish the page again."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))


class UnpublishRequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it must go offline"),
        widget=forms.Textarea,
        max_length=1000,
        error_messages={"required": gettext_lazy("Give the reason; it is kept in the audit log.")},
    )


class RequestUnpublicationView(PageReasonView):
    """The unit's staff ask to take one of its live items offline; the unit's sign-off decides."""

    form_class = UnpublishRequestForm
    page_title = gettext_lazy("Request to take offline")
    header_icon = "download"
    intro = gettext_lazy(
        "The unit's reviewer (the main leader for an item marked sensitive) signs off the "
        "request; the page goes offline when it is approved. The request and the decision "
        "are kept in the audit log."
    )
    submit_label = gettext_lazy("Submit the request")

    def permitted(self, user):
        return unpublishing.may_request(user, self.page) and not pending_request(self.page)

    def form_valid(self, form):
        unpublishing.request_unpublication(self.page, self.request.user, form.cleaned_data["reason"])
        messages.success(self.request, _("The request is submitted for sign-off."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))


class UnpublishDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", gettext_lazy("Approve: take it offline")), ("reject", gettext_lazy("Reject"))],
        error_messages={"required": gettext_lazy("Choose approve or reject.")},
    )


class DecideUnpublicationView(PageReasonView):
    form_class = UnpublishDecisionForm
    page_title = gettext_lazy("Sign off taking offline")
    header_icon = "download"
    submit_label = gettext_lazy("Record the decision")

    def permitted(self, user):
        self.unpublish_request = pending_request(self.page)
        return self.unpublish_request is not None and unpublishing.may_decide(user, self.unpublish_request)

    def get_context_data(self, **kwargs):
        requester = self.unpublish_request.requested_by
        intro = _("%(user)s asks to take this page offline. Reason: %(reason)s") % {
            "user": (requester.get_full_name() or requester.get_username()) if requester else "",
            "reason": self.unpublish_request.reason,
        }
        return super().get_context_data(**kwargs) | {"intro": intro}

    def form_valid(self, form):
        approve = form.cleaned_data["decision"] == "approve"
        unpublishing.decide(self.unpublish_request, self.request.user, approve)
        messages.success(self.request, _("The page was taken offline.") if approve else _("The request was rejected."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))


def pending_request(page):
    return UnpublishRequest.objects.filter(page=page, status=UnpublishRequest.Status.PENDING).first()
