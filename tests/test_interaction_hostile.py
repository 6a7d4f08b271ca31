"""Hostile input on every public interaction form and on the public reply page: oversized bodies,
markup and SQL fragments are refused or neutralised with a Chinese message, and what the citizen
typed is kept whenever the form can be shown again."""

import io
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from base import ratelimit
from interaction.models import Case
from tests.factories import make_role_users, make_unit
from tests.test_interaction_support import act, form_data, submit, track

ONE_MB_TEXT = "长" * (1024 * 1024 // 3)  # 1 MB of UTF-8
THREE_MB_TEXT = "长" * (1024 * 1024)  # above DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
SCRIPT = "<script>alert(1)</script>"
SQL = "'; DROP TABLE interaction_case; --"
KINDS = ("consultation", "complaint", "suggestion", "disclosure")


class PublicFormsTestBase(TestCase):
    """A unit whose staff can move cases to correction and to a published reply."""

    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=1)
        cls.editor, cls.reviewer, _leader = make_role_users(cls.unit)

    def setUp(self):
        cache.clear()

    def staff(self, user, case, action, **fields):
        self.client.force_login(user)
        response = act(self.client, case, action, **fields)
        self.assertEqual(response.status_code, 302, response.content.decode()[:500])
        self.client.logout()

    def replied_case(self):
        """A consultation replied by the unit: (case, query password)."""
        case, password = submit(self.client, host=self.unit.host, publish_consent="on")
        self.staff(self.editor, case, "draft", text="答复内容", reply_type="answered")
        self.staff(self.reviewer, case, "approve")
        return case, password

    def correction_case(self):
        """A disclosure request awaiting the applicant's correction: (case, query password)."""
        case, password = submit(self.client, "disclosure", host=self.unit.host)
        self.staff(self.editor, case, "confirm_receipt")
        self.staff(self.editor, case, "request_correction", text="请写明文号")
        return case, password

    def forms(self):
        """(name, url, fields without the oversized one, name of the free-text field) of every public form."""
        forms = [
            (kind, reverse("interaction:submit", args=[kind]), form_data(self.client, kind), "body") for kind in KINDS
        ]
        forms.append(("track", reverse("interaction:track"), {"password": "X"}, "code"))
        replied, corrected = self.replied_case(), self.correction_case()
        for case, password in (replied, corrected):  # the citizens open their cases (after staff logged out)
            track(self.client, case, password)
        forms.append(("rating", reverse("interaction:case", args=[replied[0].tracking_code]), {"rating": 3}, "comment"))
        forms.append(("correction", reverse("interaction:correct", args=[corrected[0].tracking_code]), {}, "text"))
        return forms


class OversizedBodyTest(PublicFormsTestBase):
    def test_one_megabyte_of_text_gets_a_chinese_error_and_keeps_what_was_typed(self):
        for name, url, fields, field in self.forms():
            with self.subTest(form=name):
                response = self.client.post(url, {**fields, field: ONE_MB_TEXT})
                self.assertIn(response.status_code, (200, 400))
                page = response.content.decode()
                self.assertIn("请更正以下错误", page)
                self.assertIn(ONE_MB_TEXT, page)  # the text is still in the form
        self.assertEqual(Case.objects.filter(body=ONE_MB_TEXT).count(), 0)

    def test_a_body_above_the_server_limit_gets_a_chinese_page_not_a_bare_400(self):
        for name, url, fields, field in self.forms():
            for encoding in ("multipart", "urlencoded"):
                with self.subTest(form=name, encoding=encoding):
                    data = {**fields, field: THREE_MB_TEXT}
                    if encoding == "multipart":
                        response = self.client.post(url, data)
                    else:
                        response = self.client.post(
                            url, urlencode(data), content_type="application/x-www-form-urlencoded"
                        )
                    self.assertEqual(response.status_code, 413)
                    self.assertContains(response, "提交的内容过大", status_code=413)
                    self.assertContains(response, "最多2.5 MB", status_code=413)
                    self.assertContains(response, "<h1>", status_code=413)  # the site's own page
        self.assertFalse(Case.objects.filter(body__startswith="长长长").exists())

    def test_too_many_fields_get_the_same_page(self):
        fields = urlencode([("x", "1")] * 1500)
        response = self.client.post(
            reverse("interaction:track"), fields, content_type="application/x-www-form-urlencoded"
        )
        self.assertContains(response, "提交的内容过大", status_code=413)

    def test_browsers_cannot_type_more_than_the_limits(self):
        page = self.client.get(reverse("interaction:submit", args=["consultation"]))
        self.assertContains(page, 'maxlength="5000"')
        self.assertContains(page, 'name="title" maxlength="100"')


class MarkupAndSqlTest(PublicFormsTestBase):
    def test_markup_is_refused_in_chinese_and_echoed_escaped_on_every_form(self):
        for name, url, fields, field in self.forms():
            with self.subTest(form=name):
                response = self.client.post(url, {**fields, field: SCRIPT})
                page = response.content.decode()
                self.assertNotIn(SCRIPT, page)
                self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
                if name != "track":  # the tracking form only answers "wrong code or password"
                    self.assertIn("请不要在内容中使用HTML标签或脚本", page)
        self.assertFalse(Case.objects.filter(body=SCRIPT).exists())

    def test_the_public_reply_page_never_renders_markup_or_sql_unescaped(self):
        case, _password = submit(self.client, host=self.unit.host, publish_consent="on", title="1' OR '1'='1", body=SQL)
        self.staff(
            self.editor,
            case,
            "draft",
            text=f"答复{SCRIPT}",
            reply_type="cannot_answer",
            reason=f'<img src=x onerror="alert(2)"> {SQL}',
        )
        self.staff(self.reviewer, case, "approve")
        for url in (reverse("interaction:reply", args=[case.tracking_code]), reverse("interaction:replies")):
            page = self.client.get(url).content.decode()
            self.assertNotIn("<script>alert", page)
            self.assertNotIn("<img src=x", page)
            self.assertIn("1&#x27; OR &#x27;1&#x27;=&#x27;1", page)
        page = self.client.get(reverse("interaction:reply", args=[case.tracking_code])).content.decode()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        self.assertIn("&#x27;; DROP TABLE interaction_case; --", page)
        self.assertTrue(Case.objects.filter(pk=case.pk, body=SQL).exists())


class RateLimitTest(TestCase):
    def setUp(self):
        cache.clear()

    @override_settings(INTERACTION_RATE_LIMIT=(3, 3600))
    def test_lookups_from_one_address_are_limited_in_chinese(self):
        for _ in range(3):
            response = self.client.post(reverse("interaction:track"), {"code": "X", "password": "Y"})
            self.assertContains(response, "查询码或查询密码不正确")
        response = self.client.post(reverse("interaction:track"), {"code": "X", "password": "Y"})
        self.assertContains(response, "尝试次数过多")
        other = self.client.post(reverse("interaction:track"), {"code": "X", "password": "Y"}, REMOTE_ADDR="10.0.0.9")
        self.assertContains(other, "查询码或查询密码不正确")

    @override_settings(INTERACTION_RATE_LIMIT=(2, 3600), TRUSTED_PROXY_COUNT=1)
    def test_behind_the_proxy_each_visitor_has_their_own_limit(self):
        def lookup(visitor, claimed=""):
            forwarded = f"{claimed}, {visitor}" if claimed else visitor
            return self.client.post(
                reverse("interaction:track"),
                {"code": "X", "password": "Y"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded,
            )

        for _ in range(2):
            self.assertContains(lookup("203.0.113.5"), "查询码或查询密码不正确")
        self.assertContains(lookup("203.0.113.5"), "尝试次数过多")
        # Another visitor behind the same proxy is not blocked; a forged left-hand entry changes nothing.
        self.assertContains(lookup("198.51.100.7"), "查询码或查询密码不正确")
        self.assertContains(lookup("203.0.113.5", claimed="192.0.2.1"), "尝试次数过多")

    @override_settings(INTERACTION_RATE_LIMIT=(5, 3600))
    def test_simultaneous_attempts_get_exactly_the_limit(self):
        request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.7")
        barrier = threading.Barrier(20)

        def attempt(_n):
            barrier.wait()
            return ratelimit.allow(request, "submit", settings.INTERACTION_RATE_LIMIT)

        with ThreadPoolExecutor(20) as pool:
            results = list(pool.map(attempt, range(20)))
        self.assertEqual(results.count(True), 5)

    def test_the_deploy_check_asks_for_a_shared_atomic_cache(self):
        def warnings(caches):
            with override_settings(CACHES=caches):
                err = io.StringIO()
                call_command("check", "--deploy", "--tag", "caches", stderr=err, stdout=io.StringIO())
                return err.getvalue()

        self.assertIn(
            "interaction.W001",
            warnings(
                {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/tmp/x"}}
            ),
        )
        self.assertNotIn(
            "interaction.W001",
            warnings(
                {
                    "default": {
                        "BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:6379/1",
                    }
                }
            ),
        )
