"""Self-check additions: a missing or malformed 网站标识码, ICP or 公安备案 number is a warning in the nightly
self-check (clearing a site's code no longer goes unnoticed); a service guide updated more than 24 h
after its procedure changed is late, like a fixed column."""

from django.test import TestCase

from content.models import ColumnPage, ServiceItemPage
from home.demo_data import PORTAL_IDENTITY
from subsites.models import SiteIdentity
from tests.factories import make_unit
from tests.test_content_pages import service_fields
from tests.test_supervision_rules import at, daily_findings, findings_of, publish
from tests.test_supervision_rules_duties import flowchart, unit_made_on


class SiteIdentityCheckTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")

    def identity(self, **fields):
        identity = SiteIdentity.for_site(self.unit.site)
        for name in ("site_code", "icp_number", "police_number"):
            setattr(identity, name, fields.get(name, PORTAL_IDENTITY[name]))
        identity.save()

    def test_complete_identity_passes_and_a_cleared_or_malformed_number_warns(self):
        self.identity()
        finding = daily_findings(self.unit, at(2026, 11, 10, 1, 0))["site_identity"]
        self.assertEqual((finding["level"], finding["items"]), ("ok", []))

        self.identity(site_code="", icp_number="浙ICP备9900号")
        finding = daily_findings(self.unit, at(2026, 11, 11, 1, 0))["site_identity"]
        self.assertEqual(finding["level"], "warning")
        self.assertEqual(
            [i["title"] for i in finding["items"]], ["缺少网站标识码", "ICP备案号“浙ICP备9900号”格式不正确"]
        )


class ServiceProcedureChangeTest(TestCase):
    def test_a_guide_updated_25_hours_after_the_procedure_changed_is_late(self):
        unit = unit_made_on(at(2026, 10, 1, 9, 0))
        services = ColumnPage.objects.child_of(unit.home_page).get(slug="bsfw")
        changed = at(2026, 11, 2, 9, 0)
        publish(
            services,
            ServiceItemPage(
                title="校车使用许可", flowchart=flowchart(), change_effective_at=changed, **service_fields()
            ),
            at(2026, 11, 3, 10, 0),
        )
        publish(
            services,
            ServiceItemPage(title="学校年检", flowchart=flowchart(), change_effective_at=changed, **service_fields()),
            at(2026, 11, 3, 8, 0),
        )
        finding = findings_of(unit)["fixed_info_delay"]
        self.assertEqual((finding["level"], [i["title"] for i in finding["items"]]), ("warning", ["校车使用许可"]))
