"""The link checker, through `check_links`: planted dead internal link, missing image and dead
external link (served by a local http.server) are found; a clean site reports nothing."""
from http.server import BaseHTTPRequestHandler
from io import BytesIO, StringIO

from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from content.models import ColumnPage, NewsPage
from supervision.models import LinkCheckRun, LinkKind
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

def check_links():
    output = StringIO()
    call_command("check_links", stdout=output)
    return LinkCheckRun.objects.latest("started_at"), output.getvalue()

class LinkCheckerTest(LocalHTTPServerTestCase):
    handler = Handler

    def setUp(self):
        self.unit = make_unit("jyj", name="教育局")
        self.news = ColumnPage.objects.child_of(self.unit.home_page).get(slug="gzdt")
        self.picture = image("good")
        self.publish(f'<p><a href="http://{self.unit.host}/gzdt/">栏目</a> '
                     f'<a linktype="page" id="{self.news.pk}">本栏目</a> <a href="{self.base}/ok">外部</a> '
                     f'<a href="mailto:office@example.com">邮件</a></p>'
                     f'<embed embedtype="image" format="fullwidth" id="{self.picture.pk}" alt="图"/>', "clean")

    def publish(self, body, slug):
        page = NewsPage(title=f"测试{slug}", slug=slug, body=body)
        self.news.add_child(instance=page)
        page.save_revision().publish()
        return page

    def test_clean_site_reports_nothing(self):
        run, output = check_links()
        self.assertGreater(run.pages, 10)
        self.assertEqual(list(run.problems.values_list("url", flat=True)), [])
        self.assertIn("0个失效链接", output)

    def test_planted_dead_links_are_found(self):
        lost = image("lost")
        lost.file.storage.delete(lost.file.name)
        page = self.publish(f'<p><a href="http://{self.unit.host}/no-such-page/">坏链</a>'
                            f'<a href="{self.base}/missing">外部坏链</a></p>'
                            f'<embed embedtype="image" format="fullwidth" id="{lost.pk}" alt="丢失"/>', "broken")
        run, output = check_links()
        problems = {(p.kind, p.page_id, p.unit_id) for p in run.problems.all()}
        self.assertEqual(problems, {(LinkKind.INTERNAL, page.pk, self.unit.pk), (LinkKind.EXTERNAL, page.pk, self.unit.pk),
                                    (LinkKind.IMAGE, page.pk, self.unit.pk)})
        self.assertIn("HTTP 状态码 404", output)
        self.assertIn("文件缺失", output)
        self.assertIn("3个失效链接", output)
