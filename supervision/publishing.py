"""The 通报 of an inspection report: a draft page on the portal, submitted to the portal's workflow."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from base.publication import template_publication
from content.models import ColumnPage, ColumnType
from subsites.provisioning import grant_portal_groups, portal_home

from .models import InspectionBulletinPage, PeriodKind

# The portal column that lists the bulletins (generated content, in Chinese like the blueprint's titles).
BULLETIN_COLUMN = {"slug": "wzjctb", "title": "政府网站检查通报", "column_type": ColumnType.NOTICES,
                   "description": "全县政府网站内容保障检查情况通报"}
KIND_TITLES = {PeriodKind.MONTH: "月度", PeriodKind.HALF: "半年", PeriodKind.YEAR: "年度"}


def bulletin_column():
    """The portal's bulletin column, created (and published) the first time it is needed."""
    home = portal_home()
    column = ColumnPage.objects.child_of(home).filter(slug=BULLETIN_COLUMN["slug"]).first()
    if column is None:
        column = ColumnPage(**BULLETIN_COLUMN)
        home.add_child(instance=column)
        with template_publication():
            column.save_revision().publish()
        grant_portal_groups(column)
    return column


def _body(report):
    results = list(report.results.all())
    units = [r for r in results if r.unit_id]
    vetoed = sum(r.vetoes > 0 for r in units)
    warned = sum(r.vetoes == 0 and r.warnings > 0 for r in units)
    return (f"<p>根据县政府网站内容保障工作要求，县政府门户网站编辑部对{report.period.label}全县{len(units)}个"
            f"镇（街道）、部门网站内容保障情况进行了检查。检查结果通报如下：达标{len(units) - vetoed - warned}个，"
            f"存在预警事项{warned}个，触及单项否决指标{vetoed}个。</p>"
            f"<p>请存在问题的单位对照检查明细及时整改。</p>")


def default_submitter():
    """Who submits scheduled bulletins: the first active portal administrator."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


@transaction.atomic
def submit_bulletin(report, user=None):
    """Create the report's bulletin as a draft (once) and start the portal workflow on it."""
    user = user or default_submitter()
    page = report.bulletin
    if page is None:
        page = InspectionBulletinPage(
            title=f"关于{report.period.label}全县政府网站内容保障{KIND_TITLES[report.period_kind]}检查情况的通报",
            slug=f"inspection-{report.period_kind}-{report.year}-{report.number}",
            body=_body(report), report=report, issued_at=timezone.now(), source="县政府门户网站编辑部",
            live=False, owner=user,
        )
        bulletin_column().add_child(instance=page)
        report.bulletin = page
        report.save(update_fields=["bulletin"])
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None and not page.live:
        workflow.start(page, user)
    return page
