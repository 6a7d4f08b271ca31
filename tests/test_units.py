"""Units and subsite generation through the admin and the create_subsite command."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupPagePermission, Page, Site

from content.blueprint import columns_for
from content.models import ArticlePage, ColumnPage, TopicPage, UnitHomePage
from subsites.models import SiteIdentity, Unit, UnitKind
from tests.factories import credit_code, make_unit, make_user


def snapshot():
    """Counts of everything subsite generation creates."""
    return (
        Page.objects.count(),
        Site.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        Unit.objects.count(),
    )


def unit_form_data(**overrides):
    data = {
        "name": "云溪县统计局",
        "short_name": "县统计局",
        "kind": UnitKind.DEPARTMENT,
        "code": "tjj",
        "credit_code": credit_code(7001),
        "responsible_person": "邹立新",
        "main_leader": "熊振华",
        "address": "",
        "phone": "",
        "office_hours": "",
        "sort_order": "100",
        "active": "on",
        "site_code": "3399000099",
    }
    data.update(overrides)
    return data


class UnitAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)
        cls.existing = make_unit("jyj", name="云溪县教育局", seed=1)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_creating_a_unit_generates_its_subsite(self):
        response = self.client.post(reverse("subsites_unit:add"), unit_form_data())
        self.assertEqual(response.status_code, 302)
        unit = Unit.objects.get(code="tjj")
        self.assertEqual(unit.site.hostname, "tjj.gov.test")
        self.assertEqual(unit.site.root_page_id, unit.home_page_id)
        slugs = list(ColumnPage.objects.child_of(unit.home_page).values_list("slug", flat=True))
        self.assertEqual(slugs, [spec.slug for spec in columns_for(UnitKind.DEPARTMENT)])
        self.assertEqual(
            sorted(g.name for g in unit.unit_groups()),
            sorted(["云溪县统计局信息员", "云溪县统计局审核人", "云溪县统计局主要领导"]),
        )
        self.assertEqual(unit.collection.name, "云溪县统计局")
        self.assertEqual(SiteIdentity.for_site(unit.site).organizer, "云溪县统计局")
        self.assertEqual(self.client.get("/", HTTP_HOST="tjj.gov.test").status_code, 200)

    def test_duplicate_code_is_refused_in_chinese_and_changes_nothing(self):
        before = snapshot()
        response = self.client.post(reverse("subsites_unit:add"), unit_form_data(code="jyj"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "已存在使用此单位代码的单位")
        self.assertContains(response, "云溪县统计局")  # what was typed is kept
        self.assertEqual(snapshot(), before)

    def test_invalid_host_label_is_refused_in_chinese(self):
        before = snapshot()
        response = self.client.post(reverse("subsites_unit:add"), unit_form_data(code="Bad_Code"))
        self.assertContains(response, "单位代码只能由1-32位小写字母、数字或连字符组成")
        self.assertEqual(snapshot(), before)

    def test_bad_credit_code_and_missing_fields_are_refused(self):
        before = snapshot()
        response = self.client.post(
            reverse("subsites_unit:add"),
            unit_form_data(credit_code="11339901000070010", name="", responsible_person=""),
        )
        self.assertContains(response, "统一社会信用代码由18位")
        self.assertContains(response, "必需字段", count=2)
        self.assertEqual(snapshot(), before)

    def test_deactivating_removes_site_and_groups_and_unpublishes(self):
        unit = make_unit("mzj", name="云溪县民政局", seed=2)
        group_ids = [g.pk for g in unit.unit_groups()]
        site_id, home_id = unit.site_id, unit.home_page_id
        data = unit_form_data(
            **{
                f: getattr(unit, f)
                for f in ("name", "short_name", "kind", "code", "credit_code", "responsible_person", "main_leader")
            }
        )
        data.pop("active")
        response = self.client.post(reverse("subsites_unit:edit", args=[unit.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Group.objects.filter(pk__in=group_ids).exists())
        self.assertFalse(Site.objects.filter(pk=site_id).exists())
        self.assertFalse(Page.objects.descendant_of(Page.objects.get(pk=home_id), inclusive=True).live().exists())
        self.assertEqual(self.client.get("/mzj/", HTTP_HOST="gov.test").status_code, 404)

    def test_deleting_an_empty_unit_leaves_no_orphans(self):
        before = snapshot()
        unit = make_unit("sjj", name="云溪县审计局", seed=3)
        response = self.client.post(reverse("subsites_unit:delete", args=[unit.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(snapshot(), before)
        self.assertFalse(Group.objects.filter(name__startswith="云溪县审计局").exists())

    def test_deleting_a_unit_with_content_is_refused(self):
        unit = make_unit("slj", name="云溪县水利局", seed=4)
        column = ColumnPage.objects.child_of(unit.home_page).get(slug="gzdt")
        column.add_child(instance=ArticlePage(title="防汛工作部署", body="<p>内容</p>"))
        before = snapshot()
        response = self.client.post(reverse("subsites_unit:delete", args=[unit.pk]), follow=True)
        self.assertContains(response, "仍有内容或媒体文件，请停用而不是删除")
        self.assertEqual(snapshot(), before)

    def test_apply_template_action_restores_a_missing_column(self):
        unit = self.existing
        ColumnPage.objects.child_of(unit.home_page).get(slug="ztzl").delete()
        confirm = self.client.get(reverse("subsites_unit:apply_template", args=[unit.pk]))
        self.assertContains(confirm, "应用子站模板")
        response = self.client.post(reverse("subsites_unit:apply_template", args=[unit.pk]), follow=True)
        self.assertContains(response, "专题专栏")
        self.assertTrue(ColumnPage.objects.child_of(unit.home_page).filter(slug="ztzl").exists())

    def test_apply_template_action_gives_an_older_subsite_the_guide_column_in_place(self):
        # A subsite generated before the template had 政府信息公开指南, with content after that column.
        unit = make_unit("zjj", name="云溪县住房和城乡建设局", seed=5)
        columns = ColumnPage.objects.child_of(unit.home_page)
        columns.get(slug="xxgkzn").delete()
        topic = columns.get(slug="ztzl").add_child(instance=TopicPage(title="老旧小区改造", slug="topic", tag="改造"))
        topic.save_revision().publish()
        self.assertEqual(self.client.get("/xxgkzn/", HTTP_HOST="zjj.gov.test").status_code, 404)
        response = self.client.post(reverse("subsites_unit:apply_template", args=[unit.pk]), follow=True)
        self.assertContains(response, "政府信息公开指南")
        guide_column = self.client.get("/xxgkzn/", HTTP_HOST="zjj.gov.test")
        self.assertContains(guide_column, "本单位政府信息公开指南")
        self.assertContains(self.client.get("/ztzl/topic/", HTTP_HOST="zjj.gov.test"), "老旧小区改造")
        slugs = list(ColumnPage.objects.child_of(unit.home_page).values_list("slug", flat=True))
        self.assertEqual(slugs, [spec.slug for spec in columns_for(UnitKind.DEPARTMENT)])
        before = snapshot()
        self.client.post(reverse("subsites_unit:apply_template", args=[unit.pk]))
        self.assertEqual(snapshot(), before)

    def test_unit_editors_cannot_manage_units(self):
        unit_editor = make_user("editor", [self.existing.editor_group])
        self.client.force_login(unit_editor)
        response = self.client.get(reverse("subsites_unit:index"))
        self.assertNotEqual(response.status_code, 200)
        response = self.client.get(reverse("subsites_unit:apply_template", args=[self.existing.pk]))
        self.assertNotEqual(response.status_code, 200)


class CreateSubsiteCommandTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.township = make_unit(
            "qszhen", name="云溪县青石镇人民政府", kind=UnitKind.TOWNSHIP, seed=11, provision=False
        )
        cls.department = make_unit("kjj", name="云溪县科学技术局", seed=12, provision=False)

    def run_command(self, *args):
        out = StringIO()
        call_command("create_subsite", *args, stdout=out)
        return out.getvalue()

    def test_one_command_creates_a_subsite_with_the_kind_variant(self):
        output = self.run_command("qszhen")
        self.assertIn("云溪县青石镇人民政府", output)
        home = UnitHomePage.objects.get(unit=self.township)
        slugs = set(home.get_children().values_list("slug", flat=True))
        self.assertIn("cwgk", slugs)
        self.assertNotIn("rsxx", slugs)
        self.assertEqual(home.get_children().get(slug="jggk").title, "镇情概况")

    def test_applying_twice_changes_nothing_the_second_time(self):
        self.run_command("--all")
        before = snapshot()
        output = self.run_command("--all")
        self.assertEqual(snapshot(), before)
        self.assertIn("已是最新", output)

    def test_reapplying_adds_what_is_missing_and_never_touches_content(self):
        self.run_command("kjj")
        self.department.refresh_from_db()
        overview = ColumnPage.objects.child_of(self.department.home_page).get(slug="jggk")
        overview.title = "本局概况"
        overview.body = "<p>编辑写的内容</p>"
        overview.save_revision().publish()
        ColumnPage.objects.child_of(self.department.home_page).get(slug="ghjh").delete()
        self.run_command("kjj")
        overview.refresh_from_db()
        self.assertEqual((overview.title, overview.body), ("本局概况", "<p>编辑写的内容</p>"))
        self.assertTrue(ColumnPage.objects.child_of(self.department.home_page).filter(slug="ghjh").exists())

    def test_unknown_code_and_missing_arguments_are_clear_errors(self):
        with self.assertRaisesMessage(CommandError, "没有代码为 nosuch 的单位"):
            self.run_command("nosuch")
        with self.assertRaisesMessage(CommandError, "请给出一个或多个单位代码，或使用 --all"):
            self.run_command()

    def test_collection_in_use_blocks_deletion(self):
        self.run_command("kjj")
        self.department.refresh_from_db()
        get_image_model().objects.create(title="图", file=get_test_image_file(), collection=self.department.collection)
        from home.provisioning import unit_has_content

        self.assertTrue(unit_has_content(self.department))
