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


class CorrectPublicationTimeView(PortalAdministratorOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """First publication times are set by the system; only the portal administrator may correct one."""

    form_class = PublicationTimeCorrectionForm
    template_name = "moderation/correct_publication_time.html"
    page_title = gettext_lazy("Correct first publication time")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"], first_published_at__isnull=False)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_initial(self):
        return {"first_published_at": timezone.localtime(self.page.first_published_at)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)

    def form_valid(self, form):
        old = self.page.first_published_at
        new = form.cleaned_data["first_published_at"]
        self.page.first_published_at = new
        self.page.save(update_fields=["first_published_at"], clean=False)
        log(instance=self.page.specific, action="moderation.correct_publication_time", user=self.request.user,
            data={"old": old.isoformat(), "new": new.isoformat(), "reason": form.cleaned_data["reason"]})
        messages.success(self.request, _("The first publication time was corrected and logged."))
        return redirect(reverse("wagtailadmin_pages:history", args=[self.page.pk]))
