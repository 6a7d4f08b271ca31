"""The 通报 of an inspection report: a draft page on the portal, submitted to the portal's workflow.

Only a period that has ended gets a bulletin. The portal column that lists the bulletins is created
unpublished and goes live with the first bulletin that is approved (never as an empty column).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from content.models import ColumnPage, ColumnType
from home.provisioning import grant_portal_groups, portal_home

from .models import InspectionBulletinPage, PeriodKind
from .rules.base import Level

# The portal column that lists the bulletins (generated content, in Chinese like the blueprint's titles).
BULLETIN_COLUMN = {
    "slug": "wzjctb",
    "title": "政府网站检查通报",
    "column_type": ColumnType.NOTICES,
    "description": "全县政府网站内容保障检查情况通报",
}
KIND_TITLES = {PeriodKind.MONTH: "月度", PeriodKind.HALF: "半年", PeriodKind.YEAR: "年度"}


def bulletin_column():
    """The portal's bulletin column, created unpublished the first time it is needed."""
    home = portal_home()
    column = ColumnPage.objects.child_of(home).filter(slug=BULLETIN_COLUMN["slug"]).first()
    if column is None:
        column = ColumnPage(**BULLETIN_COLUMN, live=False)
        home.add_child(instance=column)
        column.save_revision()
        grant_portal_groups(column)
    return column


@receiver(page_published, sender=InspectionBulletinPage)
def publish_bulletin_column(sender, instance, revision=None, **kwargs):
    """An approved bulletin takes its column live with it (through the publication gate)."""
    column = instance.get_parent().specific
    if isinstance(column, ColumnPage) and not column.live:
        (column.get_latest_revision() or column.save_revision()).publish(user=revision.user if revision else None)


def _body(report):
    results = list(report.results.all())
    units = [r for r in results if r.unit_id]
    counts = {level: sum(r.level == level for r in units) for level in Level}
    unmeasured = f"，部分指标未监测{counts[Level.UNMEASURED]}个（不计为达标）" if counts[Level.UNMEASURED] else ""
    return (
        f"<p>根据县政府网站内容保障工作要求，县政府门户网站编辑部对{report.period.label}全县{len(units)}个"
        f"镇（街道）、部门网站内容保障情况进行了检查。检查结果通报如下：达标{counts[Level.OK]}个，"
        f"存在预警事项{counts[Level.WARNING]}个，触及单项否决指标{counts[Level.VETO]}个{unmeasured}。</p>"
        f"<p>请存在问题的单位对照检查明细及时整改。</p>"
    )


def default_submitter():
    """Who submits scheduled bulletins: the first active portal administrator."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


@transaction.atomic
def submit_bulletin(report, user=None):
    """Create the report's bulletin as a draft (once) and start the portal workflow on it; refused
    (ValidationError) for a period that has not ended."""
    if report.period.end > timezone.now():
        raise ValidationError(
            _("A bulletin can only be made for a period that has ended; %(label)s has not ended yet.")
            % {"label": report.period.label}
        )
    user = user or default_submitter()
    page = report.bulletin
    if page is None:
        page = InspectionBulletinPage(
            title=f"关于{report.period.label}全县政府网站内容保障{KIND_TITLES[report.period_kind]}检查情况的通报",
            slug=f"inspection-{report.period_kind}-{report.year}-{report.number}",
            body=_body(report),
            report=report,
            issued_at=timezone.now(),
            source="县政府门户网站编辑部",
            live=False,
            owner=user,
        )
        bulletin_column().add_child(instance=page)
        report.bulletin = page
        report.save(update_fields=["bulletin"])
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None and not page.live:
        workflow.start(page, user)
    return page
