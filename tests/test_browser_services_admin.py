"""The public services as the staff run them in the Wagtail admin, in a real browser (tests/browser/
services_admin.mjs): the unit's editor publishes a consented 征集调查 opinion and selects an 在线访谈 question
and types a transcript entry; the county office drafts the 领导信箱 reply (an empty reply is refused with a
Chinese error and the reason typed kept) and its reviewer sends it; the 回应关切 publisher publishes a statement by the emergency route;
the editor registers a 政务新媒体 account (bad dates refused, the text kept). Each flow starts from the admin
menu and ends with its Chinese success message; no admin screen visited shows English. Then the public
pages show the result (the citizen masked) and another unit's editor does not see the letter.
(The public side: tests/test_browser_services.py; each rule in detail: tests/test_interaction_*.py,
tests/test_moderation_responses.py, tests/test_new_media.py.)
"""

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from content.models import ColumnPage, ColumnType, NewMediaAccount, NewMediaPage, ResponseStatementPage
from home.provisioning import portal_home
from interaction.interviews import InterviewQuestion, QuestionStatus, TranscriptEntry
from interaction.models import Kind, Status
from interaction.surveys import OpinionStatus, SurveyResponse
from moderation.responses import PUBLISHER_GROUP
from tests.admin_text import untranslated
from tests.factories import PASSWORD, make_county, make_role_users, make_unit, make_user
from tests.test_browser_a11y import CHROMIUM, ROOT, BrowserTestCase
from tests.test_content_pages import publish
from tests.test_interaction_interviews import interview, interview_column
from tests.test_interaction_support import submit
from tests.test_interaction_surveys import survey

SCRIPT = ROOT / "tests" / "browser" / "services_admin.mjs"
TIMEOUT = 600
OPINION = "请增加课后托管名额，电话13812345678"
QUESTION = "课后服务延时到几点？"
TRANSCRIPT = "课后服务每天延时到下午六点，费用由财政补助。"
LETTER = "关于城区停车难的建议"
REPLY = "县住建局已规划新建停车场两处，年内开工。"
STATEMENT = "关于城区供水管网改造停水的情况说明"
ACCOUNT = "云溪教育视频号"


class ServicesAdminInTheBrowserTest(BrowserTestCase):
    what = "browser test of the services' admin"

    def setUp(self):
        super().setUp()
        self.dept, self.town = make_county()
        self.office = make_unit("zfb", name="云溪县人民政府办公室", seed=1)
        self.editor = make_role_users(self.dept)[0]
        self.town_editor = make_role_users(self.town)[0]
        self.office_editor, self.office_reviewer, _leader = make_role_users(self.office)
        publishers, _created = Group.objects.get_or_create(name=PUBLISHER_GROUP)
        self.publisher = make_user("hygz", [publishers], full_name="发布人")
        column = ColumnPage(title="征集调查", slug="zjdc", column_type=ColumnType.SURVEYS)
        self.dept.home_page.add_child(instance=column)
        self.survey = survey(column, "教育局课后服务问卷", opens=-20, closes=-2)
        single = self.survey.questions.first()
        self.opinion = SurveyResponse.objects.create(
            page=self.survey,
            visitor_key="a",
            answers={str(single.pk): "赞成"},
            opinion=OPINION,
            name="欧阳小明",
            publish_consent=True,
        )
        self.interview = interview(interview_column(self.dept), "县教育局局长谈课后服务")
        self.question = InterviewQuestion.objects.create(page=self.interview, text=QUESTION, name="李女士")
        self.letter, _password = submit(Client(), "leader_mail", title=LETTER, name="张先生", publish_consent="on")
        publish(portal_home(), NewMediaPage(title="政务新媒体", slug="zwxmt"))

    def run_script(self, screens):
        spec = {
            "base": self.live_server_url,
            "password": PASSWORD,
            "screens": screens,
            "editor": self.editor.username,
            "officeEditor": self.office_editor.username,
            "officeReviewer": self.office_reviewer.username,
            "publisher": self.publisher.username,
            "survey": {"title": self.survey.title, "opinion": OPINION},
            "interview": {"title": self.interview.title, "question": QUESTION, "transcript": TRANSCRIPT},
            "letter": {"title": LETTER, "code": self.letter.tracking_code, "reply": REPLY},
            "statement": STATEMENT,
            "account": ACCOUNT,
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            json.dump(spec, file)
            file.flush()
            return subprocess.run(
                ["node", str(SCRIPT), file.name],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                env={**os.environ, "CHROMIUM": CHROMIUM},
            )

    def test_the_staff_run_each_service_in_the_admin(self):
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as screens:
            result = self.run_script(screens)
            print(result.stdout)
            print(f"services admin flows in {time.monotonic() - started:.1f}s")
            self.assertEqual(result.returncode, 0, f"browser checks failed:\n{result.stdout}\n{result.stderr}")
            data = [u.username for u in (self.editor, self.office_editor, self.office_reviewer, self.publisher)] + [
                self.letter.email
            ]
            english = {
                path.name: words
                for path in sorted(Path(screens).glob("*.html"))
                if (words := untranslated(path.read_text(), data))
            }
            self.assertGreaterEqual(len(list(Path(screens).glob("*.html"))), 10)
        self.assertEqual(english, {}, "English on the admin screens visited")

        self.opinion.refresh_from_db()
        self.assertEqual(self.opinion.status, OpinionStatus.PUBLISHED)
        results = self.client.get(self.survey.url, HTTP_HOST=self.dept.site.hostname).content.decode()
        self.assertIn("请增加课后托管名额，电话138****5678", results)
        self.assertIn("欧***", results)
        self.assertNotIn("13812345678", results)

        self.question.refresh_from_db()
        self.assertEqual(self.question.status, QuestionStatus.SELECTED)
        self.assertEqual(TranscriptEntry.objects.get().page_id, self.interview.pk)
        transcript = self.client.get(self.interview.url, HTTP_HOST=self.dept.site.hostname).content.decode()
        self.assertIn(QUESTION, transcript)
        self.assertIn(TRANSCRIPT, transcript)

        self.letter.refresh_from_db()
        self.assertEqual((self.letter.kind, self.letter.unit), (Kind.LEADER_MAIL, self.office))
        self.assertEqual((self.letter.status, self.letter.reply_body), (Status.REPLIED, REPLY))
        reply = self.client.get(reverse("interaction:reply", args=[self.letter.tracking_code])).content.decode()
        self.assertIn(REPLY, reply)
        self.assertNotIn("张先生", reply)
        other = Client()
        other.force_login(self.town_editor)
        self.assertNotContains(other.get(reverse("interaction_case:index")), LETTER)
        self.assertEqual(other.get(reverse("interaction_case:handle", args=[self.letter.pk])).status_code, 404)

        self.assertTrue(ResponseStatementPage.objects.get(title=STATEMENT).live)
        self.assertIn(STATEMENT, self.client.get("/", HTTP_HOST=settings.PORTAL_DOMAIN).content.decode())

        self.assertEqual(NewMediaAccount.objects.get(name=ACCOUNT).unit, self.dept)
        registry = self.client.get("/zwxmt/", HTTP_HOST=settings.PORTAL_DOMAIN).content.decode()
        self.assertIn(ACCOUNT, registry)
