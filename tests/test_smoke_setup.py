"""The portal home exists after migration, a provisioned subsite is served on its host, and the demo
county builds every site's disclosure guide."""
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from content.models import DisclosureGuidePage
from home import demo_data
from subsites.models import Unit
from tests.factories import make_unit


class PortalAndSubsiteServedTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")

    def test_portal_home_served(self):
        response = self.client.get("/", HTTP_HOST="gov.test")
        self.assertEqual(response.status_code, 200)

    def test_subsite_home_served_on_its_host(self):
        response = self.client.get("/", HTTP_HOST="jyj.gov.test")
        self.assertContains(response, "云溪县教育局")


class DemoCountyGuidesTest(TestCase):
    """setup_demo gives the portal and every demo unit its 政府信息公开指南, once."""

    @classmethod
    def setUpTestData(cls):
        call_command("setup_demo", stdout=StringIO())

    def test_every_site_serves_its_guide_in_its_guide_column(self):
        units = list(Unit.objects.filter(active=True))
        self.assertEqual(len(units), len(demo_data.units()))
        for unit in units:
            response = self.client.get("/xxgkzn/guide/", HTTP_HOST=unit.host)
            self.assertContains(response, f"{unit.name}政府信息公开指南", msg_prefix=unit.code)
            self.assertContains(response, unit.phone, msg_prefix=unit.code)
        portal = self.client.get("/zfxxgk/guide/", HTTP_HOST="gov.test")
        self.assertContains(portal, "云溪县人民政府办公室（县政务公开办）")
        self.assertEqual(DisclosureGuidePage.objects.live().count(), len(units) + 1)

    def test_running_it_again_creates_nothing(self):
        before = (Page.objects.count(), DisclosureGuidePage.objects.count())
        call_command("setup_demo", stdout=StringIO())
        self.assertEqual((Page.objects.count(), DisclosureGuidePage.objects.count()), before)
