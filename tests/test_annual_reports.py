"""The national annual reports computed from a year of data, under a frozen clock: every number of the
政府网站工作年度报表 and of the 政府信息公开工作年度报告 (tables 二 to 四) is checked, through the Excel file
the unit's staff download, against counts this test makes from its own fixture; drafts stay with
their unit; the published reports are linked from the home page."""

import datetime
import uuid
from io import BytesIO, StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from content.annual_forms import APPLICANT_COLUMNS, REVIEW_GROUPS, REVIEW_RESULTS, WEBSITE_FORM, request_rows
from content.models import (
    AnnualReportPage,
    ColumnPage,
    ColumnType,
    InterpretationPage,
    InterviewPage,
    LeaderPage,
    NewMediaAccount,
    NewsPage,
    NoticePage,
    PolicyPage,
    QAPage,
    ResponseStatementPage,
    SurveyPage,
    TopicPage,
)
from content.vocabularies import PolicyKind, Validity
from interaction.models import ApplicantType, Case, Kind
from interaction.surveys import SurveyResponse
from subsites.models import SiteIdentity
from tests.factories import make_county_units, make_role_users
from tests.test_content_pages import address, column
from visits.models import DailyVisits

SH = ZoneInfo("Asia/Shanghai")
YEAR = 2026


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=SH)


# Items: (column slug, page class, first published, extra fields).
ITEMS = [
    ("gzdt", NewsPage, at(2026, 1, 5), {}),
    ("gzdt", NewsPage, at(2026, 6, 1), {}),
    ("gzdt", NewsPage, at(2026, 12, 31, 23), {}),
    ("gzdt", NewsPage, at(2025, 12, 31, 23), {}),
    ("tzgg", NoticePage, at(2026, 3, 3), {}),
    ("tzgg", NoticePage, at(2027, 1, 1, 1), {}),
    ("ldxx", LeaderPage, at(2026, 4, 1), {"position": "局长"}),
    ("ztzl", TopicPage, at(2025, 5, 1), {}),
    ("ztzl", TopicPage, at(2026, 5, 1), {}),
]
# Policies: (kind, issued, validity, first published).
POLICIES = [
    (PolicyKind.RULE, at(2026, 2, 1), Validity.VALID, at(2026, 2, 2)),
    (PolicyKind.RULE, at(2019, 2, 1), Validity.REPEALED, at(2026, 8, 1)),
    (PolicyKind.NORMATIVE, at(2026, 3, 1), Validity.VALID, at(2026, 3, 1)),
    (PolicyKind.NORMATIVE, at(2026, 9, 1), Validity.AMENDED, at(2026, 9, 2)),
    (PolicyKind.NORMATIVE, at(2025, 3, 1), Validity.VALID, at(2025, 3, 1)),
    (PolicyKind.NORMATIVE, at(2026, 10, 1), Validity.EXPIRED, at(2026, 10, 1)),
]
# 在线访谈: (slug, first published, starts, ends); the report counts those that started in the year.
INTERVIEWS = [
    ("ft1", at(2025, 12, 20), at(2025, 12, 30), at(2025, 12, 30, 12)),
    ("ft2", at(2026, 6, 1), at(2026, 6, 10), at(2026, 6, 10, 12)),
    ("ft3", at(2026, 12, 20), at(2027, 1, 5), at(2027, 1, 5, 12)),
]
# 回应关切: (slug, first published, withdrawn); a withdrawn statement was still a response of its year.
RESPONSES = [("hy1", at(2025, 12, 1), None), ("hy2", at(2026, 4, 1), at(2026, 5, 1)), ("hy3", at(2026, 9, 1), None)]
# Messages (咨询/投诉/建议): (kind, submitted, replied, published).
MESSAGES = [
    (Kind.CONSULTATION, at(2026, 3, 1), at(2026, 3, 3), True),
    (Kind.COMPLAINT, at(2026, 5, 1), at(2026, 5, 6), False),
    (Kind.SUGGESTION, at(2026, 12, 30), None, False),
    (Kind.CONSULTATION, at(2025, 6, 1), at(2025, 6, 2), True),
]
# Disclosure requests: (submitted, replied, outcome, applicant column, refusal reason); the applicant column is
# "natural" (自然人) or an organisation category.
REQUESTS = [
    (at(2025, 12, 20), at(2026, 1, 5), "disclosed", "natural", ""),
    (at(2025, 11, 1), at(2025, 11, 20), "disclosed", "natural", ""),
    (at(2026, 2, 1), at(2026, 2, 20), "partial", "business", ""),
    (at(2026, 4, 1), at(2026, 4, 20), "withheld", "research", "withheld_state_secret"),
    (at(2026, 5, 1), at(2026, 5, 20), "withheld", "natural", ""),
    (at(2026, 6, 1), at(2026, 6, 10), "not_processed", "natural", "not_processed_repeated"),
    (at(2026, 12, 28), None, "", "legal_service", ""),
    (at(2026, 6, 15), at(2027, 1, 4), "unavailable", "natural", "unavailable_not_held"),
    (at(2026, 7, 1), at(2026, 7, 9), "disclosed", "other", ""),
]
# 征集调查: (slug, opens and first published, closes, results published or None, responses submitted).
SURVEYS = [
    ("zj1", at(2025, 11, 1), at(2025, 12, 1), at(2026, 1, 10), [at(2025, 11, 5), at(2025, 11, 6)]),
    ("zj2", at(2026, 3, 1), at(2026, 4, 1), at(2026, 5, 1), [at(2026, 3, 2), at(2026, 3, 3), at(2026, 3, 4)]),
    ("zj3", at(2026, 11, 1), at(2027, 1, 15), None, [at(2026, 12, 1), at(2027, 1, 1)]),
]
# Site rows of the visit counters: (day, views, visitors).
VISITS = [
    (datetime.date(2026, 2, 1), 10, 4),
    (datetime.date(2026, 12, 31), 5, 2),
    (datetime.date(2025, 12, 31), 100, 50),
    (datetime.date(2027, 1, 1), 7, 7),
]
# 政务新媒体: (name, platform, opened, closed).
ACCOUNTS = [
    ("云溪教育", "wechat", datetime.date(2020, 1, 1), None),
    ("云溪教育微博", "weibo", datetime.date(2021, 1, 1), None),
    ("云溪教育抖音", "douyin", datetime.date(2021, 1, 1), datetime.date(2026, 6, 1)),
    ("云溪教育快手", "kuaishou", datetime.date(2027, 1, 1), None),
]


def in_year(moment):
    return moment is not None and moment.astimezone(SH).year == YEAR


def make_case(unit, kind, submitted, replied, n, **fields):
    return Case.objects.create(
        kind=kind,
        tracking_code=f"T{n:06d}",
        password_hash="x",
        submission_token=uuid.uuid4(),
        title="事项",
        body="内容",
        name="王五",
        phone="13800000000",
        unit=unit,
        submitted_at=submitted,
        replied_at=replied,
        status="replied" if replied else "processing",
        **fields,
    )


class AnnualReportNumbersTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county_units()
        cls.editor = make_role_users(cls.dept)[0]
        cls.other_editor = make_role_users(cls.town)[0]
        identity = SiteIdentity.for_site(cls.dept.site)
        identity.site_name, identity.organizer, identity.site_code = "云溪县教育局", "云溪县教育局", "3399000002"
        identity.icp_number, identity.police_number = "浙ICP备12345678号", "浙公网安备33000002000001号"
        identity.save()
        cls.pages = []
        for n, (slug, model, moment, extra) in enumerate(ITEMS):
            cls.pages.append(
                cls.publish(moment, column(cls.dept, slug), model(title=f"信息{n}", slug=f"i{n}", **extra))
            )
        cls.policies = [
            cls.publish(
                published,
                column(cls.dept, "zcwj"),
                PolicyPage(
                    title=f"文件{n}",
                    slug=f"p{n}",
                    policy_kind=kind,
                    issuing_authority="云溪县教育局",
                    issued_at=issued,
                    written_date=issued.date(),
                    validity=validity,
                    interpretation_exempt=True,
                    exemption_reason="内部管理",
                ),
            )
            for n, (kind, issued, validity, published) in enumerate(POLICIES)
        ]
        cls.interpretations = [
            cls.publish(
                at(2026, 2, 3),
                column(cls.dept, "zcjd"),
                InterpretationPage(title="解读", slug="jd", policy=cls.policies[0], body="<p>解读。</p>"),
            ),
            cls.publish(
                at(2026, 2, 4),
                column(cls.dept, "zcjd"),
                QAPage(title="问答", slug="wd", policy=cls.policies[0], body="<p>问答。</p>"),
            ),
        ]
        surveys = ColumnPage(title="征集调查", slug="zjdc", column_type=ColumnType.SURVEYS)
        cls.dept.home_page.add_child(instance=surveys)
        for slug, opens, closes, results, answered in SURVEYS:
            survey = cls.publish(opens, surveys, SurveyPage(title=slug, slug=slug, opens_at=opens, closes_at=closes))
            for n, moment in enumerate(answered):
                SurveyResponse.objects.filter(
                    pk=SurveyResponse.objects.create(page=survey, visitor_key=f"{slug}-{n}", opinion="意见").pk
                ).update(submitted_at=moment)
            if results:
                with freeze_time(results):
                    survey.results = "<p>采纳情况。</p>"
                    survey.save_revision().publish()
        interviews = ColumnPage(title="在线访谈", slug="zxft", column_type=ColumnType.INTERVIEWS)
        cls.dept.home_page.add_child(instance=interviews)
        for slug, published, starts, ends in INTERVIEWS:
            cls.publish(published, interviews, InterviewPage(title=slug, slug=slug, starts_at=starts, ends_at=ends))
        responses = ColumnPage(title="回应关切", slug="hygz", column_type=ColumnType.RESPONSES)
        cls.dept.home_page.add_child(instance=responses)
        for slug, published, withdrawn in RESPONSES:
            statement = cls.publish(published, responses, ResponseStatementPage(title=slug, slug=slug))
            ResponseStatementPage.objects.filter(pk=statement.pk).update(withdrawn_at=withdrawn)
        for n, (kind, submitted, replied, published) in enumerate(MESSAGES):
            make_case(cls.dept, kind, submitted, replied, n, published=published)
        make_case(cls.town, Kind.CONSULTATION, at(2026, 3, 1), at(2026, 3, 2), 90)  # another unit's
        for n, (submitted, replied, outcome, applicant, reason) in enumerate(REQUESTS, start=100):
            organisation = (
                {}
                if applicant == "natural"
                else {"applicant_type": ApplicantType.LEGAL_PERSON, "organisation_category": applicant}
            )
            make_case(
                cls.dept,
                Kind.DISCLOSURE,
                submitted,
                replied,
                n,
                disclosure_outcome=outcome,
                disclosure_reason=reason,
                **organisation,
            )
        for day, views, visitors in VISITS:
            DailyVisits.objects.create(site=cls.dept.site, day=day, views=views, visitors=visitors)
        DailyVisits.objects.create(
            site=cls.dept.site, day=datetime.date(2026, 2, 1), views=9, visitors=3, column=column(cls.dept, "gzdt")
        )  # a column row: not added again
        for name, platform, opened, closed in ACCOUNTS:
            NewMediaAccount.objects.create(
                unit=cls.dept,
                name=name,
                platform=platform,
                opened_on=opened,
                closed_on=closed,
                close_reason="整合" if closed else "",
                last_updated=opened,
            )
        with freeze_time(at(2027, 1, 2, 1)):
            call_command("generate_annual_reports", stdout=StringIO())
        reports = AnnualReportPage.objects.filter(year=YEAR, owner_unit=cls.dept)
        cls.website = reports.get(report_kind="website")
        cls.disclosure = reports.get(report_kind="disclosure")

    @classmethod
    def publish(cls, moment, parent, page):
        with freeze_time(moment):
            parent.add_child(instance=page)
            page.save_revision().publish()
        return page.__class__.objects.get(pk=page.pk)

    def workbook(self, page, user=None):
        client = Client()
        if user:
            client.force_login(user)
        response = client.get(reverse("annual_report_xlsx", args=[page.pk]))
        if response.status_code != 200:
            return response.status_code
        book = load_workbook(BytesIO(response.content))
        return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]

    def test_every_number_of_the_website_report(self):
        sheets = self.workbook(self.website, self.editor)
        shown = {row[0]: row[1] for sheet in sheets for row in sheet[2:]}
        items = [(slug, moment) for slug, _model, moment, _extra in ITEMS if slug != "ztzl"]
        items += [("zcwj", published) for *_rest, published in POLICIES] + [("zcjd", at(2026, 2, 3))] * 2
        items += [("zjdc", opens) for _slug, opens, *_rest in SURVEYS]
        items += [("zxft", published) for _slug, published, *_rest in INTERVIEWS]
        items += [("hygz", published) for _slug, published, _withdrawn in RESPONSES]
        this_year = [slug for slug, moment in items if in_year(moment)]
        indexed = [
            p
            for p in [*self.pages, *self.policies, *self.interpretations]
            if getattr(p, "index_number", "") and in_year(p.first_published_at)
        ]
        messages = [m for m in MESSAGES if in_year(m[1])]
        answered = [m for m in messages if m[2]]
        days = [(replied - submitted).total_seconds() / 86400 for _k, submitted, replied, _p in answered]
        expected = {
            "网站名称": "云溪县教育局",
            "首页网址": "http://jyj.gov.test",
            "主办单位": "云溪县教育局",
            "网站类型": "部门网站",
            "政府网站标识码": "3399000002",
            "ICP备案号": "浙ICP备12345678号",
            "公安机关备案号": "浙公网安备33000002000001号",
            "独立用户访问总量（个）": sum(v for d, _n, v in VISITS if d.year == YEAR),
            "网站总访问量（次）": sum(n for d, n, _v in VISITS if d.year == YEAR),
            "总数（条）": len(this_year),
            "概况类信息更新量（条）": this_year.count("ldxx"),
            "政务动态信息更新量（条）": this_year.count("gzdt") + this_year.count("tzgg"),
            "信息公开目录信息更新量（条）": len(indexed),
            "维护数量（个）": 2,
            "新开设数量（个）": 1,
            "解读信息发布总数（条）": 2,
            "解读材料数量（条）": 1,
            "便民问答数量（条）": 1,
            "是否发布服务事项目录": "否",
            "政务服务事项数量（项）": 0,
            "是否使用统一平台": "是",
            "收到留言数量（条）": len(messages),
            "办结留言数量（条）": len(answered),
            "平均办理时间（天）": round(sum(days) / len(days), 1),
            "公开答复数量（条）": len([m for m in answered if m[3]]),
            "是否有移动新媒体": "是",
            "微博名称": "云溪教育微博",
            "微信名称": "云溪教育",
            "其他": "—",
            "搜索即服务": "是",
            "无障碍浏览": "是",
            "征集调查期数（期）": len([s for s in SURVEYS if in_year(s[1])]),
            "收到意见数量（条）": len([m for s in SURVEYS for m in s[4] if in_year(m)]),
            "公布调查结果期数（期）": len([s for s in SURVEYS if in_year(s[3])]),
            "在线访谈期数（期）": len([i for i in INTERVIEWS if in_year(i[2])]),
            "回应公众关注热点或重大舆情数量（次）": len([r for r in RESPONSES if in_year(r[1])]),
        }
        for label, value in expected.items():
            self.assertEqual(shown.pop(label), value, label)
        self.assertEqual(set(shown.values()), {"—"})  # what the platform cannot count yet
        self.assertEqual(len(sheets), len(WEBSITE_FORM))

    def test_every_number_of_the_disclosure_report(self):
        draft = self.disclosure.get_latest_revision_as_object()
        office = {
            "permits": 12,
            "penalties": 3,
            "coercions": 1,
            "review_upheld": 2,
            "review_corrected": 1,
            "direct_suit_pending": 1,
            "suit_after_review_other": 4,
        }
        for name, value in office.items():
            setattr(draft, name, value)
        draft.save_revision(user=self.editor)
        active, decisions, requests, review = self.workbook(self.disclosure, self.editor)

        def policy_counts(kind):
            mine = [p for p in POLICIES if p[0] == kind]
            return [
                len([p for p in mine if in_year(p[1])]),
                len([p for p in mine if p[2] in (Validity.REPEALED, Validity.EXPIRED) and in_year(p[3])]),
                len([p for p in mine if p[2] in (Validity.VALID, Validity.AMENDED)]),
            ]

        self.assertEqual(
            active[2:],
            [["规章", *policy_counts(PolicyKind.RULE)], ["行政规范性文件", *policy_counts(PolicyKind.NORMATIVE)]],
        )
        self.assertEqual([row[1] for row in decisions[2:]], [12, 3, 1, 0])

        open_at_start = [r for r in REQUESTS if r[0].year < YEAR and not (r[1] and r[1].year < YEAR)]
        new = [r for r in REQUESTS if in_year(r[0])]
        handled = [r for r in open_at_start + new if in_year(r[1])]
        refusal_labels = {key: label for key, label in request_rows() if key}
        expected_rows = {
            "一、本年新收政府信息公开申请数量": new,
            "二、上年结转政府信息公开申请数量": open_at_start,
            "（七）总计": handled,
            "四、结转下年度继续办理": [r for r in open_at_start + new if r not in handled],
        }
        for outcome in ("disclosed", "partial"):
            expected_rows[refusal_labels[outcome]] = [r for r in handled if r[2] == outcome]
        for r in handled:
            if r[2] not in ("disclosed", "partial"):
                label = refusal_labels[r[4] or f"{r[2]}_unrecorded"]
                expected_rows.setdefault(label, []).append(r)
        columns = [key for key, _label in APPLICANT_COLUMNS]
        expected = {
            label: [len([r for r in rows if column in ("total", r[3])]) for column in columns]
            for label, rows in expected_rows.items()
        }
        shown = {row[0]: row[1:] for row in requests[2:] if row[1] not in ("", None)}  # headings have no numbers
        self.assertEqual({label: values for label, values in shown.items() if any(values)}, expected)
        self.assertEqual(requests[1], ["申请人情况", *(label for _k, label in APPLICANT_COLUMNS)])

        self.assertEqual(
            review[2:],
            [
                [
                    heading,
                    *(values := [office.get(f"{prefix}_{suffix}", 0) for suffix, _l in REVIEW_RESULTS]),
                    sum(values),
                ]
                for prefix, heading in REVIEW_GROUPS
            ],
        )

    def test_drafts_stay_with_their_unit_and_published_reports_are_on_the_home_page(self):
        self.assertFalse(self.website.live)
        self.assertEqual(self.workbook(self.website), 404)
        self.assertEqual(self.workbook(self.website, self.other_editor), 404)
        home = Client().get("/", HTTP_HOST="jyj.gov.test").content.decode()
        self.assertNotIn("年度报表", home)
        self.website.get_latest_revision().publish()
        home = Client().get("/", HTTP_HOST="jyj.gov.test").content.decode()
        self.assertIn(f">{self.website.title}</a>", home)
        self.assertIsInstance(self.workbook(self.website), list)
        host, path = address(self.website)
        page = Client().get(path, HTTP_HOST=host).content.decode()
        self.assertIn('<caption id="report-table-1">一、网站基本信息</caption>', page)
        self.assertIn('<th scope="row">网站总访问量（次）</th><td>15</td>', page)
