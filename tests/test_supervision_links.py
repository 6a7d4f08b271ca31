"""The link checker, through `check_links`: planted dead internal link, missing image and dead
external link (served by a local http.server) are found; a clean site reports nothing; links to
internal addresses (also through a redirect) are never fetched unless allowed."""

from http.server import BaseHTTPRequestHandler
from io import BytesIO, StringIO

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from content.models import ColumnPage, NewsPage
from supervision.fetch import MAX_REDIRECTS
from supervision.models import DailyCheck, LinkCheckRun, LinkKind
from tests.factories import make_unit
from tests.local_http import LocalHTTPServerTestCase


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body):
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


def image(title):
    buffer = BytesIO()
    PILImage.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def publish(column, body, slug):
    page = NewsPage(title=f"测试{slug}", slug=slug, body=body)
    column.add_child(instance=page)
    page.save_revision().publish()
    return page


def check_links():
    output = StringIO()
    call_command("check_links", stdout=output)
    return LinkCheckRun.objects.latest("started_at"), output.getvalue()


@override_settings(SUPERVISION_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
class LinkCheckerTest(LocalHTTPServerTestCase):
    handler = Handler

    def setUp(self):
        self.unit = make_unit("jyj", name="教育局")
        self.news = ColumnPage.objects.child_of(self.unit.home_page).get(slug="gzdt")
        self.picture = image("good")
        publish(
            self.news,
            f'<p><a href="http://{self.unit.host}/gzdt/">栏目</a> '
            f'<a linktype="page" id="{self.news.pk}">本栏目</a> <a href="{self.base}/ok">外部</a> '
            f'<a href="mailto:office@example.com">邮件</a></p>'
            f'<embed embedtype="image" format="fullwidth" id="{self.picture.pk}" alt="图"/>',
            "clean",
        )

    def test_clean_site_reports_nothing(self):
        run, output = check_links()
        self.assertGreater(run.pages, 10)
        self.assertEqual(list(run.problems.values_list("url", flat=True)), [])
        self.assertIn(f"链接检查：{run.pages}个页面，0个失效链接。", output)

    def test_planted_dead_links_are_found(self):
        lost = image("lost")
        lost.file.storage.delete(lost.file.name)
        page = publish(
            self.news,
            f'<p><a href="http://{self.unit.host}/no-such-page/">坏链</a>'
            f'<a href="{self.base}/missing">外部坏链</a></p>'
            f'<embed embedtype="image" format="fullwidth" id="{lost.pk}" alt="丢失"/>',
            "broken",
        )
        run, output = check_links()
        problems = {(p.kind, p.page_id, p.unit_id) for p in run.problems.all()}
        self.assertEqual(
            problems,
            {
                (LinkKind.INTERNAL, page.pk, self.unit.pk),
                (LinkKind.EXTERNAL, page.pk, self.unit.pk),
                (LinkKind.IMAGE, page.pk, self.unit.pk),
            },
        )
        self.assertIn("HTTP 状态码 404", output)
        self.assertIn("文件缺失", output)
        self.assertIn("3个失效链接", output)


class RecordingHandler(BaseHTTPRequestHandler):
    """Answers 200, except /hop (redirects to `target`) and /loop (redirects to itself); records each path."""

    paths = []
    target = ""

    def do_HEAD(self):
        RecordingHandler.paths.append(self.path)
        location = {"/hop": RecordingHandler.target, "/loop": "/loop"}.get(self.path)
        self.send_response(302 if location else 200)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class InternalAddressTest(LocalHTTPServerTestCase):
    handler = RecordingHandler

    def setUp(self):
        RecordingHandler.paths = []
        RecordingHandler.target = f"http://localhost:{self.server.server_address[1]}/target"
        self.unit = make_unit("jyj", name="教育局")
        self.news = ColumnPage.objects.child_of(self.unit.home_page).get(slug="gzdt")

    def problems(self, run):
        return {p.url: (p.checked, p.problem) for p in run.problems.all()}

    @override_settings(SUPERVISION_ALLOWED_PRIVATE_HOSTS=[])
    def test_internal_addresses_are_not_fetched_nor_reported_as_broken(self):
        publish(self.news, f'<p><a href="{self.base}/">本机</a><a href="http://10.0.0.1/">内网</a></p>', "intranet")
        run, output = check_links()
        self.assertEqual(RecordingHandler.paths, [])
        not_checked = (False, "未检查（内部地址）")
        self.assertEqual(self.problems(run), {f"{self.base}/": not_checked, "http://10.0.0.1/": not_checked})
        self.assertIn("0个失效链接", output)
        self.assertIn("2个链接未检查（内部地址）", output)
        call_command("run_supervision_checks", "--skip-links", stdout=StringIO())
        findings = DailyCheck.objects.get(unit=self.unit).findings
        self.assertEqual(next(f for f in findings if f["rule"] == "broken_links")["level"], "ok")

    @override_settings(SUPERVISION_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
    def test_redirects_are_checked_again_and_limited(self):
        publish(self.news, f'<p><a href="{self.base}/hop">跳转</a><a href="{self.base}/loop">循环</a></p>', "hops")
        run, output = check_links()
        self.assertEqual(RecordingHandler.paths.count("/hop"), 1)
        self.assertNotIn("/target", RecordingHandler.paths)
        self.assertEqual(RecordingHandler.paths.count("/loop"), MAX_REDIRECTS + 1)
        self.assertEqual(
            self.problems(run),
            {
                f"{self.base}/hop": (False, "未检查（内部地址）"),
                f"{self.base}/loop": (True, f"超过{MAX_REDIRECTS}次重定向"),
            },
        )
        self.assertIn("1个失效链接", output)
