"""More supervision rules under a frozen clock, each with a compliant and a breaching case, measured
through `inspect_units`: complaint acknowledgment within 24 h, fixed columns updated within 24 h of a
change, service guides (national key elements; 行政许可: all 14 fields and downloadable forms)."""

import datetime
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import TestCase
from django.urls import reverse
from freezegun import freeze_time
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from base.publication import PublicationBlocked
from content.models import ColumnPage, LeaderPage, ServiceForm, ServiceItemPage
from interaction.models import DeadlineKind
from tests.factories import make_role_users, make_unit, make_user
from tests.test_content_pages import service_fields
from tests.test_interaction_support import act, submit
from tests.test_supervision_rules import at, findings_of, publish


def unit_made_on(moment, code="jyj", name="教育局"):
    """A unit provisioned at `moment`, so its generated columns' publications fall outside November."""
    with freeze_time(moment):
        return make_unit(code, name=name)


class ComplaintAcknowledgmentTest(TestCase):
    def setUp(self):
        self.unit = unit_made_on(at(2026, 10, 1, 9, 0))
        self.editor = make_role_users(self.unit)[0]

    def complaint(self, filed, acknowledged=None):
        with freeze_time(filed):
            case, _password = submit(self.client, "complaint", host=self.unit.host, title=f"投诉{filed:%d%H}")
        self.assertEqual(case.deadlines.get(kind=DeadlineKind.ACK).due_at, filed + datetime.timedelta(hours=24))
        if acknowledged:
            self.client.force_login(self.editor)
            with freeze_time(acknowledged):
                self.assertEqual(act(self.client, case, "acknowledge", workdays=5).status_code, 302)
            self.client.logout()
        return case

    def test_acknowledged_after_24_hours_or_never_is_late(self):
        self.complaint(at(2026, 11, 2, 9, 0), acknowledged=at(2026, 11, 3, 8, 0))  # 23 h
        finding = findings_of(self.unit)["complaint_ack"]
        self.assertEqual((finding["level"], finding["measured"], finding["items"]), ("ok", "1条中0条超时", []))
        slow = self.complaint(at(2026, 11, 10, 9, 0), acknowledged=at(2026, 11, 11, 10, 0))  # 25 h
        never = self.complaint(at(2026, 11, 20, 9, 0))
        finding = findings_of(self.unit)["complaint_ack"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "3条中2条超时"))
        self.assertEqual(
            sorted(i["title"] for i in finding["items"]),
            sorted(f"{case.tracking_code} {case.title}" for case in (slow, never)),
        )


class FixedInformationTest(TestCase):
    def test_fixed_column_updated_more_than_24_hours_after_the_change_is_late(self):
        unit = unit_made_on(at(2026, 10, 1, 9, 0))
        leaders = ColumnPage.objects.child_of(unit.home_page).get(slug="ldxx")
        changed = at(2026, 11, 9, 9, 0)
        publish(
            leaders,
            LeaderPage(title="王局长", position="局长", change_effective_at=changed),
            changed + datetime.timedelta(hours=23),
        )
        finding = findings_of(unit)["fixed_info_delay"]
        self.assertEqual((finding["level"], finding["measured"]), ("ok", "1条中0条超时"))
        overview = ColumnPage.objects.child_of(unit.home_page).get(slug="jggk")
        overview.body = "<p>内设机构调整后的机构概况</p>"
        overview.change_effective_at = changed
        with freeze_time(changed + datetime.timedelta(hours=25)):
            overview.save_revision().publish()
        finding = findings_of(unit)["fixed_info_delay"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "2条中1条超时"))
        self.assertEqual([(i["title"], i["page"]) for i in finding["items"]], [(overview.title, overview.pk)])
        self.assertIn("2026-11-10 10:00", finding["items"][0]["detail"])


def flowchart():
    buffer = BytesIO()
    PILImage.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return get_image_model().objects.create(title="流程图", file=ImageFile(buffer, name="flow.png"))


class ServiceGuideTest(TestCase):
    def setUp(self):
        self.unit = unit_made_on(at(2026, 10, 1, 9, 0))
        self.services = ColumnPage.objects.child_of(self.unit.home_page).get(slug="bsfw")

    def service(self, title, item_type=ServiceItemPage.ItemType.LICENSING, forms=1):
        page = ServiceItemPage(title=title, flowchart=flowchart(), live=False, **service_fields(item_type=item_type))
        for number in range(forms):
            document = get_document_model().objects.create(
                title=f"{title}申请表", file=ContentFile(b"form", name="apply.docx")
            )
            page.forms.add(ServiceForm(document=document, title=f"{title}申请表{number}"))
        return publish(self.services, page, at(2026, 11, 2, 9, 0))

    def test_licensing_guides_need_all_14_fields_and_forms(self):
        self.service("教师资格认定")
        self.service("学校年检", item_type=ServiceItemPage.ItemType.PUBLIC_SERVICE, forms=0)
        finding = findings_of(self.unit)["licensing_guide"]
        self.assertEqual((finding["level"], finding["measured"], finding["items"]), ("ok", "1个中0个不完整", []))
        with self.assertRaises(PublicationBlocked):  # the gate refuses a licensing guide without forms
            self.service("民办学校设立", forms=0)
        no_forms = self.service("民办学校设立")
        lost_chart = self.service("校车使用许可")
        admin = make_user("centre", superuser=True)
        self.client.force_login(admin)
        response = self.client.post(reverse("wagtaildocs:delete", args=[no_forms.forms.get().document_id]))
        self.assertEqual(response.status_code, 302)  # a live guide loses its only form
        response = self.client.post(reverse("wagtailimages:delete", args=[lost_chart.flowchart_id]))
        self.assertEqual(response.status_code, 302)
        finding = findings_of(self.unit)["licensing_guide"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "3个中2个不完整"))
        self.assertEqual(
            {i["page"]: i["detail"] for i in finding["items"]},
            {no_forms.pk: "缺少：可下载表格", lost_chart.pk: "缺少：流程图"},
        )
        self.assertEqual(findings_of(self.unit)["service_guide"]["level"], "ok")  # the national elements are there

    def test_a_guide_missing_a_national_key_element_is_a_veto(self):
        complete = self.service("教师资格认定")
        legacy = self.service("幼儿园审批")
        self.assertEqual(findings_of(self.unit)["service_guide"]["level"], "ok")
        ServiceItemPage.objects.filter(pk=legacy.pk).update(legal_basis=" ")  # e.g. data from before the check
        finding = findings_of(self.unit)["service_guide"]
        self.assertEqual((finding["level"], finding["measured"]), ("veto", "2个中1个不完整"))
        self.assertEqual([(i["page"], i["detail"]) for i in finding["items"]], [(legacy.pk, "缺少：设立依据")])
        self.assertNotIn(complete.pk, [i["page"] for i in finding["items"]])
