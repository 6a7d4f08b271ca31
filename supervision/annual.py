"""Annual reports: draft 政府网站工作年度报表 and 政府信息公开工作年度报告 pages with statistics computed
from the data, and reminders to each site's staff until they are published."""

import datetime
from collections import Counter, defaultdict

from django.apps import apps
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from base.mail import OnceMailer
from content.annual_forms import NOT_COUNTED
from content.models import (
    AnnualReportPage,
    ColumnPage,
    ColumnType,
    InterpretationPage,
    InterviewPage,
    ItemPage,
    NewMediaAccount,
    Platform,
    PolicyPage,
    QAPage,
    ResponseStatementPage,
    ServiceItemPage,
    SurveyPage,
    TopicPage,
)
from content.models.columns import FIXED_INFO_TYPES
from content.vocabularies import PolicyKind, Validity
from interaction.models import ApplicantType, Case, DisclosureOutcome, Kind
from interaction.scoping import staff_emails
from interaction.surveys import SurveyResponse
from subsites.models import SiteIdentity

from . import visits
from .rules import Profile, subjects
from .rules.base import Period, setting

REPORT_COLUMN_TYPES = [ColumnType.DISCLOSURE_REPORT, ColumnType.DISCLOSURE, ColumnType.DISCLOSURE_GUIDE]
KINDS = [AnnualReportPage.Kind.WEBSITE, AnnualReportPage.Kind.DISCLOSURE]


def _in_year(pages, year, field="first_published_at"):
    period = Period.whole_year(year)
    return pages.filter(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


def _items(home):
    """(live pages below `home` other than columns and topics — counted as 专栏专题 —, {column path: column
    type}): items are those whose parent is a column."""
    columns = dict(ColumnPage.objects.descendant_of(home).values_list("path", "column_type"))
    pages = (
        Page.objects.descendant_of(home)
        .live()
        .exclude(pk__in=ColumnPage.objects.values("pk"))
        .exclude(pk__in=TopicPage.objects.values("pk"))
    )
    return pages, columns


def _cases(subject, year):
    cases = Case.objects.all() if subject.unit is None else Case.objects.filter(unit=subject.unit)
    return cases, Period.whole_year(year)


def _site(subject):
    return Site.objects.filter(root_page__path=subject.home_path).first()


def _accounts(subject, year):
    """The 政务新媒体 accounts open at the end of `year` (the portal's: the whole county's)."""
    end = datetime.date(year, 12, 31)
    accounts = NewMediaAccount.objects.filter(opened_on__lte=end).exclude(closed_on__lte=end)
    return accounts if subject.unit is None else accounts.filter(unit=subject.unit)


def _names(accounts, platforms):
    return "、".join(a.name for a in accounts if a.platform in platforms) or NOT_COUNTED


def website_figures(subject, year):
    """The numbers of the 政府网站工作年度报表 (keys of content.annual_forms.WEBSITE_FORM)."""
    home = Page.objects.get(path=subject.home_path)
    site = _site(subject)
    identity = SiteIdentity.for_site(site) if site else None
    pages, columns = _items(home)
    per_type = Counter(
        columns[path[: -Page.steplen]]
        for path in _in_year(pages, year).values_list("path", flat=True)
        if path[: -Page.steplen] in columns
    )
    directory = sum(
        _in_year(model.objects.descendant_of(home).live(), year).exclude(index_number="").count()
        for model in apps.get_models()
        if issubclass(model, ItemPage)
    )
    topics = TopicPage.objects.descendant_of(home).live()
    interpretations = _in_year(InterpretationPage.objects.descendant_of(home).live(), year).count()
    questions = _in_year(QAPage.objects.descendant_of(home).live(), year).count()
    services = ServiceItemPage.objects.descendant_of(home).live().count()
    cases, _period = _cases(subject, year)
    messages = _in_year(cases.exclude(kind=Kind.DISCLOSURE), year, "submitted_at")
    answered = [c.replied_at - c.submitted_at for c in messages.filter(replied_at__isnull=False)]
    average = round(sum(d.total_seconds() for d in answered) / 86400 / len(answered), 1) if answered else 0
    views, visitors = visits.year_totals(subject, year)
    accounts = list(_accounts(subject, year))
    return {
        "site_name": (identity and identity.site_name) or subject.name,
        "site_url": site.root_url if site else "",
        "organizer": (identity and identity.organizer) or subject.name,
        "site_type": "政府门户网站" if subject.unit is None else "部门网站",
        "site_code": identity.site_code if identity else "",
        "icp": identity.icp_number if identity else "",
        "police": identity.police_number if identity else "",
        "visitors": visitors,
        "views": views,
        "published_total": sum(per_type.values()),
        "published_overview": sum(per_type[t] for t in FIXED_INFO_TYPES),
        "published_news": per_type[ColumnType.NEWS] + per_type[ColumnType.NOTICES],
        "published_directory": directory,
        "topics_maintained": topics.count(),
        "topics_new": _in_year(topics, year).count(),
        "interpretations_total": interpretations + questions,
        "interpretation_materials": interpretations,
        "interpretation_qa": questions,
        "services_catalogue": services > 0,
        "services_items": services,
        "unified_platform": True,
        "messages_received": messages.count(),
        "messages_answered": len(answered),
        "messages_days": average,
        "messages_published": messages.filter(replied_at__isnull=False, published=True).count(),
        **survey_figures(home, year),
        **response_and_interview_figures(home, year),
        **outside_the_platform(),
        "new_media": bool(accounts),
        "weibo": _names(accounts, {Platform.WEIBO}),
        "wechat": _names(accounts, {Platform.WECHAT, Platform.CHANNELS}),
        "new_media_other": _names(accounts, set(Platform) - {Platform.WEIBO, Platform.WECHAT, Platform.CHANNELS}),
        "search": True,
        "accessibility": True,
    }


def survey_figures(home, year):
    """征集调查 of the site in the year: consultations opened (first published), opinions received, results
    published."""
    surveys = SurveyPage.objects.descendant_of(home).live()
    period = Period.whole_year(year)
    return {
        "surveys": _in_year(surveys, year).count(),
        "survey_opinions": SurveyResponse.objects.filter(
            page__in=surveys, submitted_at__gte=period.start, submitted_at__lt=period.end
        ).count(),
        "survey_results": _in_year(surveys, year, "results_published_at").count(),
    }


def response_and_interview_figures(home, year):
    """回应关切 statements first published in the year (withdrawn ones too: the response was made) and
    在线访谈 held in it (by their start)."""
    period = Period.whole_year(year)
    interviews = InterviewPage.objects.descendant_of(home).live()
    return {
        "responses": _in_year(ResponseStatementPage.objects.descendant_of(home).live(), year).count(),
        "interviews": interviews.filter(starts_at__gte=period.start, starts_at__lt=period.end).count(),
    }


def outside_the_platform():
    """What the platform cannot know: registrations and cases on the province's service platform,
    security checks by the county's assessor. Shown as "—" for the office to fill in."""
    return dict.fromkeys(
        (
            "registered_users",
            "cases_handled",
            "security_checks",
            "security_problems",
            "security_fixed",
        ),
        NOT_COUNTED,
    )


def request_dimensions(requests):
    """{case id: (applicant column, refusal reason)} of disclosure requests: the column is a key of
    content.annual_forms.APPLICANT_COLUMNS ("natural" for 自然人, else the organisation's category), the reason
    a key of its REFUSALS ("" when not recorded). Requests stored before the form asked (empty applicant
    type) count as 自然人, the form's default."""
    return {
        pk: ("natural" if applicant in ("", ApplicantType.NATURAL_PERSON) else (category or "other"), reason or "")
        for pk, applicant, category, reason in requests.values_list(
            "pk", "applicant_type", "organisation_category", "disclosure_reason"
        )
    }


def _request_counts(subject, year):
    """Table 三 of the disclosure report: {row key: {column key: count}}."""
    cases, period = _cases(subject, year)
    requests = cases.filter(kind=Kind.DISCLOSURE, submitted_at__lt=period.end).exclude(replied_at__lt=period.start)
    dimensions = request_dimensions(requests)
    counts = defaultdict(Counter)
    for pk, submitted, replied, outcome in requests.values_list(
        "pk", "submitted_at", "replied_at", "disclosure_outcome"
    ):
        column, reason = dimensions[pk]
        rows = ["new" if submitted >= period.start else "carried_in"]
        if replied is None or replied >= period.end:
            rows.append("carried_out")
        else:
            outcome = outcome or DisclosureOutcome.OTHER
            refusal = outcome not in (DisclosureOutcome.DISCLOSED, DisclosureOutcome.PARTIAL)
            rows += ["handled", (reason or f"{outcome}_unrecorded") if refusal else outcome]
        for row in rows:
            counts[row][column] += 1
            counts[row]["total"] += 1
    return {row: dict(columns) for row, columns in counts.items()}


def _policy_counts(home, year, kind):
    policies = PolicyPage.objects.descendant_of(home).filter(policy_kind=kind)
    ended = (Validity.REPEALED, Validity.EXPIRED)
    return {
        "new": _in_year(policies.live(), year, "issued_at").count(),
        "repealed": _in_year(policies.filter(validity__in=ended), year, "last_published_at").count(),
        "valid": policies.live().exclude(validity__in=ended).count(),
    }


def disclosure_figures(subject, year):
    """The numbers of the 政府信息公开工作年度报告 tables 二 and 三 (content.annual_forms)."""
    home = Page.objects.get(path=subject.home_path)
    figures = {"requests": _request_counts(subject, year)}
    for prefix, kind in (("rule", PolicyKind.RULE), ("normative", PolicyKind.NORMATIVE)):
        figures.update({f"{prefix}_{key}": n for key, n in _policy_counts(home, year, kind).items()})
    return figures


def _body(subject, year, kind, figures):
    """The draft's text around the tables (Chinese, as published); the office completes what it asks for."""
    if kind == AnnualReportPage.Kind.WEBSITE:
        return (
            f"<p>{escape(subject.name)}{year}年度政府网站工作年度报表。表中数据由平台根据本年度数据自动统计；"
            f"标“{NOT_COUNTED}”的项目平台无法统计，请主办单位核实后在此说明。</p>"
        ), ""
    requests = figures["requests"]
    received = requests.get("new", {}).get("total", 0)
    handled = requests.get("handled", {}).get("total", 0)
    body = (
        f"<h2>一、总体情况</h2><p>（一）主动公开。{year}年主动公开规章{figures['rule_new']}件、行政规范性文件"
        f"{figures['normative_new']}件。</p><p>（二）依申请公开。本年新收政府信息公开申请{received}件，"
        f"办结{handled}件。</p><p>（三）政府信息管理。（请填写）</p><p>（四）平台建设。（请填写）</p>"
        "<p>（五）监督保障。（请填写）</p>"
    )
    closing = "<h2>五、存在的主要问题及改进情况</h2><p>（请填写）</p><h2>六、其他需要报告的事项</h2><p>（请填写）</p>"
    return body, closing


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
        column = report_column(subject)
        for kind in KINDS:
            if column is None or existing(subject, year, kind):
                continue
            figures = (website_figures if kind == AnnualReportPage.Kind.WEBSITE else disclosure_figures)(subject, year)
            title = (
                f"{subject.name}{year}年度政府网站工作年度报表"
                if kind == AnnualReportPage.Kind.WEBSITE
                else f"{subject.name}{year}年政府信息公开工作年度报告"
            )
            body, closing = _body(subject, year, kind, figures)
            page = AnnualReportPage(
                title=title,
                slug=f"annual-{kind}-{year}",
                report_kind=kind,
                year=year,
                body=body,
                closing=closing,
                figures=figures,
                live=False,
                issued_at=timezone.now(),
            )
            column.add_child(instance=page)
            page.save_revision()
            created.append(page)
    return created


def due_date(subject, year, kind):
    name = (
        "website_report_due"
        if kind == AnnualReportPage.Kind.WEBSITE
        else ("government_disclosure_report_due" if subject.unit is None else "disclosure_report_due")
    )
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
    each person at most once a day; raises base.mail.MailNotSent as daily_check does."""
    with OnceMailer() as mailer:
        for subject, kind, due, _page in pending(today):
            label = AnnualReportPage.Kind(kind).label
            days = (due - today).days
            text = (
                _("%(report)s of %(name)s is due on %(due)s (%(days)d days left).")
                if days >= 0
                else _("%(report)s of %(name)s was due on %(due)s and is overdue.")
            )
            mailer.send(
                staff_emails(subject.unit),
                f"annual-report-reminder:{subject.key or 'portal'}:{kind}",
                today.isoformat(),
                _("Reminder: publish the annual report"),
                text % {"report": label, "name": subject.name, "due": due.isoformat(), "days": days},
            )
    return mailer.sent
