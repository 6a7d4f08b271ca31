"""Admin 访问统计: a site's daily page views and unique visitors (chart and table) and its columns.

A unit's users see only their units' sites; the portal centre sees the portal and every unit.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from base.roles import is_portal_centre

from . import visits
from .chart import line_chart
from .rules import subjects
from .views import scoped_units

DAYS = 30
PORTAL = "portal"


def visible_subjects(user):
    return subjects(scoped_units(user), include_portal=is_portal_centre(user))


class VisitsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "supervision/admin/visits.html"
    page_title = gettext_lazy("Visit statistics")
    header_icon = "view"
    # Wagtail's default breadcrumbs (首页 alone) would hide the page's title in the header.
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")},
        {"url": "", "label": page_title},
    ]

    def get_subject(self, choices):
        requested = self.request.GET.get("site")
        if not choices:
            raise PermissionDenied
        if not requested:
            return choices[0]
        for subject in choices:
            if requested == str(subject.key or PORTAL):
                return subject
        raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices = visible_subjects(self.request.user)
        subject = self.get_subject(choices)
        end = timezone.localdate()
        start = end - datetime.timedelta(days=DAYS - 1)
        days = visits.per_day(subject, start, end)
        highest = max([views for _day, views, _visitors in days] + [10])
        chart = line_chart(
            [f"{day:%m-%d}" if n % 5 == 0 else "" for n, (day, *_n) in enumerate(days)],
            [
                (_("Page views"), "#0b5cad", [views for _d, views, _v in days]),
                (_("Unique visitors"), "#b3261e", [visitors for _d, _v, visitors in days]),
            ],
            _("Daily visits of %(name)s") % {"name": subject.name},
            maximum=highest,
        )
        context.update(
            {
                "subject": subject,
                "choices": [(str(s.key or PORTAL), s) for s in choices],
                "selected": str(subject.key or PORTAL),
                "days": days[::-1],
                "chart": chart,
                "columns": visits.per_column(subject, start, end),
                "start": start,
                "end": end,
                "total_views": sum(views for _d, views, _v in days),
            }
        )
        return context
