"""Annual reports: draft 政府网站工作年度报表 and 政府信息公开工作年度报告 pages with statistics computed
from the data, and reminders to each site's staff until they are published."""
import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.models import AnnualReportPage, ColumnPage, ColumnType, InterpretationPage, QAPage
from interaction.models import Case, DisclosureOutcome, Kind, Status
from interaction.scoping import staff_emails
from operations.mail import OnceMailer

from .rules import Profile, subjects
from .rules.base import Period, setting

REPORT_COLUMN_TYPES = [ColumnType.DISCLOSURE_REPORT, ColumnType.DISCLOSURE, ColumnType.DISCLOSURE_GUIDE]
KINDS = [AnnualReportPage.Kind.WEBSITE, AnnualReportPage.Kind.DISCLOSURE]


def _in_year(pages, year):
    period = Period.whole_year(year)
    return pages.filter(first_published_at__gte=period.start, first_published_at__lt=period.end)


def statistics(subject, year):
    """The figures of a site's annual reports (the portal's cover the whole county)."""
    home = Page.objects.get(path=subject.home_path)
    columns = {c.path: c.get_column_type_display() for c in ColumnPage.objects.descendant_of(home)}
    per_type = {}
    items = _in_year(Page.objects.descendant_of(home).live().exclude(
        pk__in=ColumnPage.objects.values("pk")), year)
    for path in items.values_list("path", flat=True):
        label = columns.get(path[:-Page.steplen])
        if label:
            per_type[label] = per_type.get(label, 0) + 1
    interpretations = sum(_in_year(model.objects.descendant_of(home).live(), year).count()
                          for model in (InterpretationPage, QAPage))
    cases = Case.objects.filter(submitted_at__gte=Period.whole_year(year).start,
                                submitted_at__lt=Period.whole_year(year).end)
    if subject.unit is not None:
        cases = cases.filter(unit=subject.unit)
    messages = cases.exclude(kind=Kind.DISCLOSURE)
    answered = [c.replied_at - c.submitted_at for c in messages.filter(replied_at__isnull=False)]
    average = round(sum(d.total_seconds() for d in answered) / 86400 / len(answered), 1) if answered else 0
    requests = {}
    outcomes = (cases.filter(kind=Kind.DISCLOSURE).order_by().values_list("status", "disclosure_outcome")
                .annotate(n=Count("id")))
    for status, outcome, count in outcomes:
        label = DisclosureOutcome(outcome).label if outcome else (
            "已答复" if status == Status.REPLIED else "尚未办结")
        requests[label] = requests.get(label, 0) + count
    return {"per_type": per_type, "interpretations": interpretations, "received": messages.count(),
            "answered": len(answered), "average_days": average,
            "requests": requests}


def _body(subject, year, kind, figures):
    """The draft's text: generated content, in Chinese as published."""
    rows = "".join(f"<tr><td>{escape(label)}</td><td>{count}</td></tr>"
                   for label, count in sorted(figures["per_type"].items()))
    requests = "；".join(f"{label}{n}件" for label, n in figures["requests"].items()) or "无"
    heading = "政府网站工作年度报表" if kind == AnnualReportPage.Kind.WEBSITE else "政府信息公开工作年度报告"
    return (f"<h2>{escape(subject.name)}{year}年度{heading}（草稿，数据由平台自动统计）</h2>"
            f"<h3>一、信息发布</h3><table><tr><th>栏目类型</th><th>发布数量（条）</th></tr>{rows}</table>"
            f"<h3>二、解读回应</h3><p>发布政策解读、便民问答{figures['interpretations']}篇。</p>"
            f"<h3>三、互动交流</h3><p>收到留言{figures['received']}件，办结{figures['answered']}件，"
            f"平均办理时间{figures['average_days']}天。</p>"
            f"<h3>四、依申请公开</h3><p>{requests}。</p>")


def report_column(subject):
    home = Page.objects.get(path=subject.home_path)
    columns = ColumnPage.objects.child_of(home)
    for column_type in REPORT_COLUMN_TYPES:
        column = columns.filter(column_type=column_type).first()
        if column is not None:
            return column
    return columns.first()


def existing(subject, year, kind):
    home = Page.objects.get(path=subject.home_path)
    return AnnualReportPage.objects.descendant_of(home).filter(year=year, report_kind=kind).first()


def generate_drafts(year):
    """Create the missing annual report drafts of `year` for every site; returns the pages created."""
    created = []
    for subject in subjects():
        figures = statistics(subject, year)
        column = report_column(subject)
        for kind in KINDS:
            if column is None or existing(subject, year, kind):
                continue
            title = (f"{subject.name}{year}年度政府网站工作年度报表" if kind == AnnualReportPage.Kind.WEBSITE
                     else f"{subject.name}{year}年政府信息公开工作年度报告")
            page = AnnualReportPage(title=title, slug=f"annual-{kind}-{year}", report_kind=kind, year=year,
                                    body=_body(subject, year, kind, figures), live=False,
                                    issued_at=timezone.now())
            column.add_child(instance=page)
            page.save_revision()
            created.append(page)
    return created


def due_date(subject, year, kind):
    name = "website_report_due" if kind == AnnualReportPage.Kind.WEBSITE else (
        "government_disclosure_report_due" if subject.unit is None else "disclosure_report_due")
    month, day = setting(Profile.COUNTY, name)
    return datetime.date(year + 1, month, day)


def pending(today, units=None, include_portal=True):
    """[(subject, kind, due date, page or None)] of last year's reports not yet published."""
    year = today.year - 1
    if (today.month, today.day) < (1, 2):
        return []
    result = []
    for subject in subjects(units, include_portal):
        for kind in KINDS:
            page = existing(subject, year, kind)
            if page is None or not page.live:
                result.append((subject, kind, due_date(subject, year, kind), page))
    return result


def send_reminders(today):
    """E-mail each site's staff about its unpublished annual reports (from 2 January until published),
    each person at most once a day; raises operations.mail.MailNotSent as daily_check does."""
    with OnceMailer() as mailer:
        for subject, kind, due, _page in pending(today):
            label = AnnualReportPage.Kind(kind).label
            days = (due - today).days
            text = (_("%(report)s of %(name)s is due on %(due)s (%(days)d days left).") if days >= 0
                    else _("%(report)s of %(name)s was due on %(due)s and is overdue."))
            mailer.send(staff_emails(subject.unit), f"annual-report-reminder:{subject.key or 'portal'}:{kind}",
                        today.isoformat(), _("Reminder: publish the annual report"), text % {
                            "report": label, "name": subject.name, "due": due.isoformat(), "days": days})
    return mailer.sent
