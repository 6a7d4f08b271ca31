"""在线访谈 through the public pages and the admin: upcoming / live / ended, questions sent beforehand with
captcha and rate limit and shown only once selected, the live transcript's JSON feed, photos afterwards,
and isolation between units."""

from datetime import timedelta

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from content.models import ColumnPage, ColumnType, InterviewGuest, InterviewPage, InterviewPhoto, PortalHomePage
from interaction.interviews import InterviewQuestion, QuestionStatus, TranscriptEntry
from tests.factories import make_county, make_role_users
from tests.test_interaction_support import captcha_answer


def interview(parent, title, starts=-1, ends=2, publish=True):
    """An interview starting and ending `starts` / `ends` hours from now."""
    now = timezone.now()
    page = InterviewPage(
        title=title,
        intro="<p>围绕课后服务与家长交流</p>",
        starts_at=now + timedelta(hours=starts),
        ends_at=now + timedelta(hours=ends),
    )
    page.guests = [InterviewGuest(name="李明", title="县教育局局长")]
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    return InterviewPage.objects.get(pk=page.pk)


def interview_column(unit):
    column = ColumnPage(title="在线访谈", slug="zxft", column_type=ColumnType.INTERVIEWS)
    unit.home_page.add_child(instance=column)
    return column


class InterviewTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county()
        cls.live = interview(interview_column(cls.dept), "县教育局局长谈课后服务")
        cls.upcoming = interview(interview_column(cls.town), "溪头镇镇长谈乡村振兴", starts=24, ends=26)
        portal_column = ColumnPage.objects.child_of(PortalHomePage.objects.get()).get(column_type=ColumnType.INTERVIEWS)
        cls.ended = interview(portal_column, "县长谈营商环境", starts=-48, ends=-46)
        image = Image.objects.create(title="访谈现场", file=get_test_image_file())
        InterviewPhoto.objects.create(page=cls.ended, image=image, caption="访谈现场照片")
        cls.first = TranscriptEntry.objects.create(page=cls.live, speaker="主持人", text="欢迎收看本期访谈。")
        cls.second = TranscriptEntry.objects.create(page=cls.live, speaker="李明", text="课后服务已覆盖全县学校。")
        TranscriptEntry.objects.create(page=cls.ended, speaker="县长", text="营商环境持续改善。")

    def setUp(self):
        cache.clear()

    def get(self, page, **kwargs):
        host = page.get_site().hostname
        return self.client.get(page.url, HTTP_HOST=host, **kwargs)

    def feed(self, page, after=0):
        return self.client.get(reverse("interaction:interview_transcript", args=[page.pk]), {"after": after})


class InterviewPageChecks:
    def test_an_upcoming_interview_is_announced_with_guests_and_takes_questions(self):
        response = self.get(self.upcoming)
        self.assertContains(response, "访谈预告")
        self.assertContains(response, "溪头镇镇长谈乡村振兴")
        self.assertContains(response, reverse("interaction:interview_ask", args=[self.upcoming.pk]))
        self.assertNotContains(response, "文字直播")
        self.assertNotContains(response, "interview.js")

    def test_a_live_interview_shows_the_transcript_and_polls_for_more(self):
        response = self.get(self.live)
        self.assertContains(response, "正在直播")
        self.assertContains(response, "李明（县教育局局长）")
        self.assertContains(response, "文字直播")
        self.assertContains(response, "课后服务已覆盖全县学校。")  # without JavaScript: on reload
        self.assertContains(response, f'data-feed="{reverse("interaction:interview_transcript", args=[self.live.pk])}"')
        self.assertContains(response, "js/interview.js")

    def test_an_ended_interview_shows_the_archived_transcript_and_photos(self):
        response = self.get(self.ended)
        self.assertContains(response, "访谈已结束")
        self.assertContains(response, "访谈实录")
        self.assertContains(response, "营商环境持续改善。")
        self.assertContains(response, "访谈现场照片")
        self.assertNotContains(response, "data-feed")
        self.assertNotContains(response, "向嘉宾提问")

    def test_the_portal_home_leads_to_the_interview_column(self):
        self.assertContains(self.client.get("/"), '<a href="http://gov.test/zxft/">在线访谈</a>', html=True)


class TranscriptFeedChecks:
    def test_the_feed_returns_only_entries_after_the_given_id(self):
        data = self.feed(self.live, after=self.first.pk).json()
        self.assertEqual(data["state"], "live")
        self.assertEqual([entry["id"] for entry in data["entries"]], [self.second.pk])
        self.assertEqual(data["entries"][0]["speaker"], "李明")
        self.assertEqual(len(self.feed(self.live).json()["entries"]), 2)
        self.assertEqual(self.feed(self.live, after=self.second.pk).json()["entries"], [])
        self.assertEqual(len(self.feed(self.live, after="x").json()["entries"]), 2)

    def test_a_page_not_live_shows_no_entries(self):
        draft = interview(self.live.get_parent(), "未审签的访谈", publish=False)
        TranscriptEntry.objects.create(page=draft, speaker="主持人", text="不应公开的内容")
        self.assertEqual(self.feed(draft).status_code, 404)
        self.live.unpublish()
        self.assertEqual(self.feed(self.live).status_code, 404)


class QuestionChecks:
    def ask_url(self, page):
        return reverse("interaction:interview_ask", args=[page.pk])

    def data(self, **overrides):
        return {
            "text": "课后服务收费标准是多少？我的电话13812345678",
            "name": "王小明",
            **captcha_answer(),
            **overrides,
        }

    def test_a_question_waits_for_selection_before_it_is_shown(self):
        response = self.client.post(self.ask_url(self.upcoming), self.data(), follow=True)
        self.assertContains(response, "问题已收到")
        question = InterviewQuestion.objects.get()
        self.assertEqual(question.status, QuestionStatus.PENDING)
        self.assertNotContains(self.get(self.upcoming), "课后服务收费标准")
        question.status = QuestionStatus.SELECTED
        question.save()
        page = self.get(self.upcoming)
        self.assertContains(page, "网友提问选登")
        self.assertContains(page, "课后服务收费标准是多少？我的电话138****5678")
        self.assertContains(page, "王**")

    def test_bad_input_gets_a_chinese_error_and_keeps_what_was_typed(self):
        response = self.client.post(self.ask_url(self.live), self.data(text="", captcha_1="wrong", name="赵六"))
        self.assertContains(response, "必需字段", status_code=400)
        self.assertContains(response, "验证码错误", status_code=400)
        self.assertContains(response, "赵六", status_code=400)
        markup = self.client.post(self.ask_url(self.live), self.data(text="<b>问题</b>"))
        self.assertContains(markup, "请不要在内容中使用HTML标签", status_code=400)
        self.assertContains(markup, "&lt;b&gt;问题&lt;/b&gt;", status_code=400)
        self.assertEqual(InterviewQuestion.objects.count(), 0)

    @override_settings(INTERACTION_RATE_LIMIT=(1, 3600))
    def test_rate_limit_keeps_the_text(self):
        self.client.post(self.ask_url(self.live), self.data())
        response = self.client_class().post(self.ask_url(self.live), self.data(text="第二位网友的问题"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "第二位网友的问题", status_code=429)
        self.assertEqual(InterviewQuestion.objects.count(), 1)

    def test_an_ended_interview_takes_no_question(self):
        response = self.client.post(self.ask_url(self.ended), self.data())
        self.assertContains(response, "本期访谈已结束")
        self.assertEqual(InterviewQuestion.objects.count(), 0)


class InterviewTest(InterviewPageChecks, TranscriptFeedChecks, QuestionChecks, InterviewTestBase):
    """The checks above on one shared tree, built once (InterviewTestBase.setUpTestData)."""


class InterviewAdminTest(InterviewTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor, *_ = make_role_users(cls.dept)
        cls.town_editor, *_ = make_role_users(cls.town)
        cls.question = InterviewQuestion.objects.create(page=cls.live, text="课后服务几点结束？")

    def test_unit_staff_select_their_questions(self):
        self.client.force_login(self.editor)
        url = reverse("interaction_interview_question:edit", args=[self.question.pk])
        self.assertContains(self.client.get(reverse("interaction_interview_question:index")), "课后服务几点结束？")
        self.assertContains(self.client.get(url), "<dd>课后服务几点结束？</dd>", html=True)  # read where it is selected
        self.client.post(url, {"status": QuestionStatus.SELECTED})
        self.question.refresh_from_db()
        self.assertEqual(self.question.status, QuestionStatus.SELECTED)

    def test_other_units_cannot_select_the_questions(self):
        self.client.force_login(self.town_editor)
        url = reverse("interaction_interview_question:edit", args=[self.question.pk])
        self.assertNotContains(self.client.get(reverse("interaction_interview_question:index")), "课后服务几点结束？")
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.post(url, {"status": QuestionStatus.SELECTED})
        self.question.refresh_from_db()
        self.assertEqual(self.question.status, QuestionStatus.PENDING)

    def entry(self, page, text):
        return {
            "page": page.pk,
            "speaker": "李明",
            "text": text,
            "spoken_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        }

    def test_editors_add_transcript_entries_that_the_feed_then_returns(self):
        self.assertNotContains(self.get(self.live), "第三段发言")  # now in the page cache
        self.assertEqual(self.feed(self.live, after=self.second.pk).json()["entries"], [])
        editor = self.client_class()
        editor.force_login(self.editor)
        response = editor.post(reverse("interaction_transcript:add"), self.entry(self.live, "第三段发言"))
        self.assertEqual(response.status_code, 302)
        entries = self.feed(self.live, after=self.second.pk).json()["entries"]
        self.assertEqual([entry["text"] for entry in entries], ["第三段发言"])
        self.assertContains(self.get(self.live), "第三段发言")  # a reload without JavaScript shows it

    def test_entries_of_another_unit_cannot_be_added_or_edited(self):
        self.client.force_login(self.town_editor)
        response = self.client.post(reverse("interaction_transcript:add"), self.entry(self.live, "冒名发言"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "选择一个有效的选项")
        self.assertFalse(TranscriptEntry.objects.filter(text="冒名发言").exists())
        edit = reverse("interaction_transcript:edit", args=[self.first.pk])
        self.assertEqual(self.client.get(edit).status_code, 404)
        self.client.post(edit, self.entry(self.upcoming, "改写"))
        self.first.refresh_from_db()
        self.assertEqual(self.first.text, "欢迎收看本期访谈。")
        self.assertNotContains(self.client.get(reverse("interaction_transcript:index")), "欢迎收看本期访谈")
        self.assertEqual(
            self.client.post(reverse("interaction_transcript:delete", args=[self.first.pk])).status_code, 404
        )
        self.assertTrue(TranscriptEntry.objects.filter(pk=self.first.pk).exists())
