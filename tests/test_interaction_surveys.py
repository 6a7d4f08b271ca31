"""征集调查 through the public pages and the admin: period, questions, one response per visitor, captcha and
rate limit, moderation of published opinions, published results, unit isolation and the supervision rule."""

import re
from datetime import timedelta

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from content.models import ColumnPage, ColumnType, PortalHomePage, SurveyPage, SurveyQuestion
from interaction.surveys import OpinionStatus, SurveyResponse
from supervision.rules.base import Period
from supervision.rules.registry import evaluate
from tests.factories import make_county, make_role_users, make_user
from tests.test_interaction_support import captcha_answer


def survey(parent, title, opens=-1, closes=10, results=""):
    now = timezone.now()
    page = SurveyPage(
        title=title,
        body="<p>征求意见说明</p>",
        opens_at=now + timedelta(days=opens),
        closes_at=now + timedelta(days=closes),
        results=results,
    )
    page.questions = [
        SurveyQuestion(text="您是否赞成延长开放时间？", kind="single", options="赞成\n不赞成\n无所谓"),
        SurveyQuestion(text="您常用哪些服务？", kind="multiple", options="办证\n咨询\n缴费", required=False),
        SurveyQuestion(text="其他建议", kind="text", required=False),
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def answers(page, **overrides):
    single, multiple, text = page.questions.all()
    data = {
        f"q{single.pk}": "赞成",
        f"q{multiple.pk}": ["办证", "缴费"],
        f"q{text.pk}": "",
        "opinion": "建议周末也开放，我的电话13812345678。",
        "name": "王小明",
        "phone": "13812345678",
        "publish_consent": "on",
        **captcha_answer(),
    }
    data.update(overrides)
    return data


class SurveyTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county()
        portal = PortalHomePage.objects.get()
        cls.column = ColumnPage.objects.child_of(portal).get(column_type=ColumnType.SURVEYS)
        cls.open_survey = survey(cls.column, "关于政务服务中心延时服务的意见征集")
        dept_column = ColumnPage(title="征集调查", slug="zjdc", column_type=ColumnType.SURVEYS)
        cls.dept.home_page.add_child(instance=dept_column)
        cls.dept_survey = survey(dept_column, "教育局课后服务问卷", opens=-20, closes=-2)

    def setUp(self):
        cache.clear()

    def form_url(self, page):
        return reverse("interaction:survey", args=[page.pk])


class PublicSurveyChecks:
    def test_the_page_shows_the_period_and_leads_to_the_form(self):
        response = self.client.get(self.open_survey.url)
        self.assertContains(response, "征集中")
        self.assertContains(response, self.form_url(self.open_survey))
        form = self.client.get(self.form_url(self.open_survey))
        self.assertContains(form, "您是否赞成延长开放时间？")
        self.assertContains(form, 'type="checkbox"')
        self.assertContains(form, "验证码")

    def test_a_response_is_stored_once_per_visitor(self):
        url = self.form_url(self.open_survey)
        response = self.client.post(url, answers(self.open_survey), follow=True)
        self.assertContains(response, "感谢您的参与")
        stored = SurveyResponse.objects.get()
        single, multiple, _text = self.open_survey.questions.all()
        self.assertEqual(stored.answers, {str(single.pk): "赞成", str(multiple.pk): ["办证", "缴费"]})
        self.assertEqual(stored.status, OpinionStatus.PENDING)
        again = self.client.post(url, answers(self.open_survey), follow=True)
        self.assertContains(again, "您已参与本次征集")
        self.assertEqual(SurveyResponse.objects.count(), 1)
        self.assertNotContains(self.client.get(url), '<form method="post"')

    def test_bad_input_gets_a_chinese_error_and_keeps_what_was_typed(self):
        url = self.form_url(self.open_survey)
        single = self.open_survey.questions.first()
        response = self.client.post(
            url, answers(self.open_survey, **{f"q{single.pk}": "", "phone": "12345", "captcha_1": "wrong"})
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "必需字段", status_code=400)
        self.assertContains(response, "请输入11位手机号", status_code=400)
        self.assertContains(response, "验证码错误", status_code=400)
        self.assertContains(response, "建议周末也开放", status_code=400)
        self.assertEqual(SurveyResponse.objects.count(), 0)

    def test_an_empty_response_is_refused(self):
        data = answers(self.open_survey, opinion="")
        single, multiple, _text = self.open_survey.questions.all()
        single.required = False
        single.save()
        del data[f"q{single.pk}"], data[f"q{multiple.pk}"]
        response = self.client.post(self.form_url(self.open_survey), data)
        self.assertContains(response, "请至少回答一个问题或填写意见", status_code=400)

    def test_markup_is_refused(self):
        response = self.client.post(
            self.form_url(self.open_survey), answers(self.open_survey, opinion="<script>alert(1)</script>")
        )
        self.assertContains(response, "请不要在内容中使用HTML标签", status_code=400)

    @override_settings(INTERACTION_RATE_LIMIT=(1, 3600))
    def test_rate_limit_keeps_the_text(self):
        url = self.form_url(self.open_survey)
        self.client.post(url, answers(self.open_survey))
        other = self.client_class()
        response = other.post(url, answers(self.open_survey, opinion="第二位市民的意见"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "第二位市民的意见", status_code=429)
        self.assertEqual(SurveyResponse.objects.count(), 1)

    def test_closed_and_upcoming_consultations_take_no_response(self):
        closed = self.client.post(self.form_url(self.dept_survey), answers(self.dept_survey))
        self.assertContains(closed, "已结束")
        upcoming = survey(self.column, "尚未开始的征集", opens=3, closes=10)
        self.assertContains(self.client.get(self.form_url(upcoming)), "尚未开始")
        self.assertEqual(SurveyResponse.objects.count(), 0)

    def test_a_draft_consultation_has_no_form(self):
        draft = SurveyPage(title="草稿征集", opens_at=timezone.now(), closes_at=timezone.now() + timedelta(days=5))
        self.column.add_child(instance=draft)
        draft.unpublish()
        self.assertEqual(self.client.get(self.form_url(draft)).status_code, 404)

    def test_results_show_figures_and_only_moderated_consented_opinions_masked(self):
        page = self.dept_survey
        single, multiple, _text = page.questions.all()
        rows = [
            ("赞成", True, OpinionStatus.PUBLISHED, "请增加托管名额，电话13812345678"),
            ("赞成", False, OpinionStatus.PUBLISHED, "不同意公开的意见"),
            ("不赞成", True, OpinionStatus.PENDING, "尚未审核的意见"),
        ]
        for n, (choice, consent, status, opinion) in enumerate(rows):
            SurveyResponse.objects.create(
                page=page,
                visitor_key=str(n),
                answers={str(single.pk): choice},
                opinion=opinion,
                name="欧阳小明",
                publish_consent=consent,
                status=status,
            )
        page.results = "<p>共收到意见3条，采纳2条。</p>"
        page.save_revision().publish()
        response = self.client.get(page.url, HTTP_HOST=self.dept.site.hostname)
        self.assertContains(response, "共收到意见3条，采纳2条")
        self.assertContains(response, "共收到 3 份")
        self.assertContains(response, '<th scope="row">赞成</th><td>2</td><td>67%</td>', html=False)
        self.assertContains(response, "请增加托管名额，电话138****5678")
        self.assertContains(response, "欧***")
        self.assertNotContains(response, "不同意公开的意见")
        self.assertNotContains(response, "尚未审核的意见")
        self.assertIsNotNone(SurveyPage.objects.get(pk=page.pk).results_published_at)


class SurveyAdminTest(SurveyTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor, _reviewer, _leader = make_role_users(cls.dept)
        cls.town_editor, *_ = make_role_users(cls.town)
        cls.response = SurveyResponse.objects.create(
            page=cls.dept_survey, visitor_key="a", opinion="希望增加课后服务", publish_consent=True
        )
        cls.silent = SurveyResponse.objects.create(
            page=cls.dept_survey, visitor_key="b", opinion="不公开", publish_consent=False
        )

    def edit_url(self, response):
        return reverse("interaction_survey:edit", args=[response.pk])

    def test_unit_staff_moderate_their_responses(self):
        self.client.force_login(self.editor)
        listing = self.client.get(reverse("interaction_survey:index"))
        self.assertContains(listing, "教育局课后服务问卷")
        self.assertContains(listing, f"{timezone.localtime(self.response.submitted_at):%Y-%m-%d %H:%M}")  # not UTC
        self.assertContains(listing, "待审核")
        page = self.client.get(self.edit_url(self.response))
        self.assertContains(page, "希望增加课后服务")
        self.client.post(self.edit_url(self.response), {"status": OpinionStatus.PUBLISHED})
        self.response.refresh_from_db()
        self.assertEqual(self.response.status, OpinionStatus.PUBLISHED)

    def test_an_opinion_without_consent_cannot_be_published(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.edit_url(self.silent), {"status": OpinionStatus.PUBLISHED})
        self.assertContains(response, "作者未同意公开")
        self.silent.refresh_from_db()
        self.assertEqual(self.silent.status, OpinionStatus.PENDING)

    def test_other_units_see_nothing(self):
        self.client.force_login(self.town_editor)
        self.assertNotContains(self.client.get(reverse("interaction_survey:index")), "教育局课后服务问卷")
        self.assertEqual(self.client.get(self.edit_url(self.response)).status_code, 404)
        self.client.post(self.edit_url(self.response), {"status": OpinionStatus.HIDDEN})
        self.response.refresh_from_db()
        self.assertEqual(self.response.status, OpinionStatus.PENDING)

    def test_the_portal_centre_sees_every_unit(self):
        self.client.force_login(make_user("admin", superuser=True))
        self.assertContains(self.client.get(reverse("interaction_survey:index")), "教育局课后服务问卷")

    def test_the_survey_column_offers_only_the_survey_page_type(self):
        column = ColumnPage.objects.child_of(self.dept.home_page).get(slug="zjdc")
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[column.pk]))
        offered = set(re.findall(r'href="/admin/pages/add/(\w+/\w+)/%d/"' % column.pk, response.content.decode()))
        self.assertEqual(offered, {"content/surveypage", "content/columnpage"})


class SurveyRuleChecks:
    def findings(self, days_later=0):
        with freeze_time(timezone.now() + timedelta(days=days_later)):
            period = Period.current_month()
            return {
                subject.key: {f.rule: f for f in findings}
                for subject, findings in evaluate(period)
                if subject.key in (None, self.dept.pk)
            }

    def test_a_closed_consultation_without_results_is_flagged_after_the_grace_period(self):
        soon = self.findings()
        self.assertEqual(soon[self.dept.pk]["survey_results"].level, "ok")
        later = self.findings(40)
        finding = later[self.dept.pk]["survey_results"]
        self.assertEqual(finding.level, "warning")
        self.assertEqual([entry["title"] for entry in finding.items], ["教育局课后服务问卷"])
        self.dept_survey.results = "<p>已采纳</p>"
        self.dept_survey.save_revision().publish()
        self.assertEqual(self.findings(40)[self.dept.pk]["survey_results"].level, "ok")


class SurveyTest(PublicSurveyChecks, SurveyRuleChecks, SurveyTestBase):
    """The checks above on one shared tree, built once (SurveyTestBase.setUpTestData)."""
