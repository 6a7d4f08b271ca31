"""The forms' captcha as a screen-reader user meets it: the sum is also text labelling the answer field."""

import re

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from interaction.models import Case

URL = reverse("interaction:submit", args=["consultation"])
QUESTION = re.compile(r'<label class="captcha-question" for="id_captcha_1">(\d+)(加|减|乘)(\d+)等于几？</label>')


def solve(page):
    """Answer the form's captcha from its text alternative only, as a screen reader reads it."""
    html = page.content.decode()
    a, operator, b = QUESTION.search(html).groups()
    a, b = int(a), int(b)
    answer = {"加": a + b, "减": a - b, "乘": a * b}[operator]
    fields = dict(re.findall(r'name="(submission_token|captcha_0)" value="([^"]+)"', html))
    return {**fields, "captcha_1": str(answer)}


TYPED = {"title": "关于学校招生的咨询", "body": "请问今年的招生时间？", "name": "王小明", "phone": "13812345678"}


class SpokenCaptchaTest(TestCase):
    def setUp(self):
        cache.clear()

    def test_the_form_reads_the_sum_as_text_next_to_the_answer_field(self):
        html = self.client.get(URL).content.decode()
        self.assertRegex(html, QUESTION)
        self.assertIn('id="id_captcha_1"', html)  # the answer field itself is on the form
        self.assertRegex(html, r'<input type="text" name="captcha_1"[^>]*inputmode="numeric"')
        self.assertIn("换一题", html)

    def test_answering_the_text_question_submits(self):
        response = self.client.post(URL, {**TYPED, **solve(self.client.get(URL))})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Case.objects.get().title, "关于学校招生的咨询")

    def test_a_wrong_answer_is_explained_next_to_the_field_and_keeps_what_was_typed(self):
        data = {**TYPED, **solve(self.client.get(URL))}
        data["captcha_1"] = str(int(data["captcha_1"]) + 1)
        html = self.client.post(URL, data).content.decode()
        self.assertRegex(
            html,
            r'(?s)<fieldset aria-describedby="id_captcha_help id_captcha_errors">.*?'
            r'<ul class="errorlist" id="id_captcha_errors"><li>验证码错误',
        )
        self.assertIn('value="关于学校招生的咨询"', html)
        self.assertIn("请问今年的招生时间？", html)
        self.assertRegex(html, QUESTION)  # a new question to answer
        self.assertEqual(Case.objects.count(), 0)
        self.assertEqual(self.client.post(URL, {**TYPED, **solve(self.client.get(URL))}).status_code, 302)

    def test_another_question_keeps_what_was_typed(self):
        first = solve(self.client.get(URL))
        html = self.client.post(URL, {**TYPED, **first, "refresh_captcha": "1"}).content.decode()
        self.assertIn('value="王小明"', html)
        self.assertIn("请问今年的招生时间？", html)
        self.assertNotIn(first["captcha_0"], html)
        self.assertRegex(html, QUESTION)
