"""The portal home exists after migration and a provisioned subsite is served on its host (the demo
county itself: tests/test_demo_county.py)."""

from django.test import TestCase

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
