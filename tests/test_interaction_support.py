"""Shared helpers of the interaction tests (no tests here): filling the public forms and admin actions."""

import re

from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import translation

from interaction.models import Case

VALID_ID = "110101199003074477"
# Django's required-field error as the catalogues in force word it (Wagtail's wording wins over Django's).
with translation.override("zh-hans"):
    REQUIRED = translation.gettext("This field is required.")


def captcha_answer():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def form_data(client, kind="consultation", host="localhost", **overrides):
    """What a citizen sends: the token of a freshly loaded form, a solved captcha and valid fields."""
    page = client.get(reverse("interaction:submit", args=[kind]), HTTP_HOST=host)
    token = re.search(r'name="submission_token" value="([^"]+)"', page.content.decode())[1]
    data = {
        "submission_token": token,
        "title": "关于学校招生的咨询",
        "body": "请问今年的招生时间？",
        "name": "王小明",
        "phone": "13812345678",
        "email": "citizen@example.com",
        **captcha_answer(),
    }
    if kind == "disclosure":
        data.update(
            id_number=VALID_ID, applicant_type="natural_person", address="云溪县城关街道1号", delivery_method="email"
        )
    data.update(overrides)
    return data


def submit(client, kind="consultation", host="localhost", **overrides):
    """Submit a valid form; returns (case, password shown on the receipt)."""
    response = client.post(
        reverse("interaction:submit", args=[kind]),
        form_data(client, kind, host, **overrides),
        HTTP_HOST=host,
        follow=True,
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    case = Case.objects.latest("pk")
    password = re.search(r"查询密码</dt><dd><strong>([A-Z0-9]+)<", response.content.decode())[1]
    return case, password


def act(client, case, action, **fields):
    """POST one action of the admin handling screen, with fields prefixed as the form expects."""
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("interaction_case:handle", args=[case.pk]), data)


def track(client, case, password):
    client.post(reverse("interaction:track"), {"code": case.tracking_code, "password": password})
    return client.get(reverse("interaction:case", args=[case.tracking_code]))
