"""The portal's public services in a real browser at phone width (tests/browser/services.mjs): 征集调查,
在线访谈 and 领导信箱 each refuse bad input with a Chinese error that keeps what was typed, then take the
citizen's submission; a live interview's transcript grows without a reload; the 回应关切 statement opens from the portal home; the 政务新媒体 registry lists the
accounts; every page passes axe-core. Then the database holds exactly the accepted submissions.
(Isolation between units and the admin side of each service: tests/test_interaction_{surveys,interviews,
leader_mail}.py, tests/test_moderation_responses.py, tests/test_new_media.py.)
"""

import datetime
import json
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from content.models import ColumnPage, ColumnType, NewMediaAccount, NewMediaPage, ResponseStatementPage
from home.provisioning import portal_home
from interaction.interviews import InterviewQuestion, TranscriptEntry
from interaction.models import Case, Kind
from interaction.surveys import SurveyResponse
from tests.factories import make_county
from tests.test_browser_a11y import BrowserTestCase
from tests.test_content_pages import publish
from tests.test_interaction_interviews import interview
from tests.test_interaction_surveys import survey

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "browser" / "services.mjs"
TIMEOUT = 600
LIVE_ENTRY = "家庭医生签约后，65岁以上老人每年可享受一次免费体检。"


class PublicServicesInTheBrowserTest(BrowserTestCase):
    what = "browser test of the public services"

    def test_a_citizen_uses_each_service_on_a_phone(self):
        dept, _town = make_county()
        home = portal_home()
        columns = {c.column_type: c for c in ColumnPage.objects.child_of(home)}
        consultation = survey(columns[ColumnType.SURVEYS], "关于政务服务中心延时服务的意见征集")
        session = interview(columns[ColumnType.INTERVIEWS], "县教育局局长谈课后服务", starts=1, ends=3)
        live = interview(columns[ColumnType.INTERVIEWS], "县卫健局谈家庭医生签约", starts=-1, ends=2)
        statement = publish(
            columns[ColumnType.RESPONSES],
            ResponseStatementPage(title="关于城区供水管网改造停水的情况说明", body="<p>停水安排如下。</p>"),
        )
        publish(home, NewMediaPage(title="政务新媒体", slug="zwxmt"))
        NewMediaAccount.objects.create(
            unit=dept,
            name="云溪教育",
            platform="wechat",
            opened_on=datetime.date(2020, 1, 1),
            last_updated=timezone.now(),
        )
        port = int(self.live_server_url.rsplit(":", 1)[1])
        for site in Site.objects.all():  # saved one by one: Wagtail's cache of site root paths is renewed
            site.port = port
            site.save()
        portal = f"http://{settings.PORTAL_DOMAIN}:{port}"
        site = Site.objects.get(is_default_site=True)
        spec = {
            "resolver": f"MAP {settings.PORTAL_DOMAIN} 127.0.0.1, MAP *.{settings.PORTAL_DOMAIN} 127.0.0.1",
            "portal": portal + "/",
            "survey": {
                "page": portal + consultation.relative_url(site),
                "form": f"{portal}/interaction/survey/{consultation.pk}/",
            },
            "interview": {
                "page": portal + session.relative_url(site),
                "ask": f"{portal}/interaction/interview/{session.pk}/ask/",
            },
            "live": {"page": portal + live.relative_url(site), "entry": LIVE_ENTRY},
            "statement": statement.title,
            "newMedia": {"page": portal + "/zwxmt/", "account": "云溪教育"},
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            json.dump(spec, file)
            file.flush()
            output, returncode = self.run_script(file.name, live)
        print(output)
        self.assertEqual(returncode, 0, f"browser checks failed:\n{output}")

        response = SurveyResponse.objects.get()  # the refused attempt stored nothing
        self.assertEqual((response.page_id, response.name, response.phone), (consultation.pk, "王小明", "13812345678"))
        self.assertIn("周末也开放", response.opinion)
        question = InterviewQuestion.objects.get()
        self.assertEqual((question.page_id, question.name), (session.pk, "李女士"))
        letter = Case.objects.get(kind=Kind.LEADER_MAIL)
        self.assertEqual((letter.title, letter.phone), ("关于城区停车难的建议", "13900001111"))

    @staticmethod
    def run_script(spec_path, live):
        """Runs the script; when it has the live interview open, the host adds a transcript entry."""
        script = subprocess.Popen(
            ["node", str(SCRIPT), spec_path], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        lines = []
        for line in script.stdout:
            lines.append(line)
            if line.startswith("READY live transcript"):
                TranscriptEntry.objects.create(page=live, speaker="王华", text=LIVE_ENTRY)
        return "".join(lines), script.wait(timeout=TIMEOUT)
