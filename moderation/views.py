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

from .checks import publication_errors
from .models import PublicationOverride


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
    first_published_at = forms.DateTimeField(label=gettext_lazy("First publication time"),
                                             widget=AdminDateTimeInput())
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"), widget=forms.Textarea, max_length=500,
        error_messages={"required": gettext_lazy("Give the reason for the correction; it is kept in the audit log.")},
    )


class PageReasonView(PortalAdministratorOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """An administrator's action on one page that needs a reason (kept in the audit log)."""

    template_name = "moderation/reason_form.html"
    pages = Page.objects.all()
    intro = submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(self.pages, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, intro=self.intro, submit_label=self.submit_label, **kwargs)


class CorrectPublicationTimeView(PageReasonView):
    """First publication times are set by the system; only the portal administrator may correct one."""

    form_class = PublicationTimeCorrectionForm
    pages = Page.objects.filter(first_published_at__isnull=False)
    page_title = gettext_lazy("Correct first publication time")
    header_icon = "time"
    intro = gettext_lazy("First publication times are set by the system. A correction is recorded in the audit "
                         "log with its reason.")
    submit_label = gettext_lazy("Correct and log")

    def get_initial(self):
        return {"first_published_at": timezone.localtime(self.page.first_published_at)}

    def form_valid(self, form):
        old = self.page.first_published_at
        new = form.cleaned_data["first_published_at"]
        self.page.first_published_at = new
        self.page.save(update_fields=["first_published_at"], clean=False)
        log(instance=self.page.specific, action="moderation.correct_publication_time", user=self.request.user,
            data={"old": old.isoformat(), "new": new.isoformat(), "reason": form.cleaned_data["reason"]})
        messages.success(self.request, _("The first publication time was corrected and logged."))
        return redirect(reverse("wagtailadmin_pages:history", args=[self.page.pk]))


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for publishing despite the findings"), widget=forms.Textarea, max_length=1000,
        error_messages={"required": gettext_lazy("Give the reason; it is kept in the audit log.")},
    )


class PublicationOverrideView(PageReasonView):
    """The portal administrator records why a page may go live although it fails a check (used once)."""

    form_class = OverrideForm
    page_title = gettext_lazy("Override the publication checks")
    header_icon = "warning"
    intro = gettext_lazy("The next publication of this page that fails a check goes ahead on this override; "
                         "the reason and the findings are recorded in the audit log.")
    submit_label = gettext_lazy("Record the override")

    def get_context_data(self, **kwargs):
        revision = self.page.get_latest_revision()
        page = revision.as_object() if revision else self.page.specific
        return super().get_context_data(findings=publication_errors(page), **kwargs)

    def form_valid(self, form):
        PublicationOverride.objects.create(page=self.page, reason=form.cleaned_data["reason"],
                                           granted_by=self.request.user)
        messages.success(self.request, _("The override is recorded; publish the page again."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
