"""`import_content`: JSON Lines into a unit's standard columns, line by line, as drafts or published."""

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from content.models import InterpretationPage, NewsPage, NoticePage, PolicyPage, QAPage, ServiceItemPage
from tests.factories import make_unit

SAMPLE_DIR = Path(settings.PROJECT_DIR) / "docs" / "examples"

NEWS = {
    "type": "news",
    "slug": "2019-news-7",
    "title": "县教育局召开全县教育工作会议",
    "issued_at": "2019-02-15 10:00",
    "body": "<p>会议总结了2018年工作。</p>",
}
NOTICE = {"type": "notice", "title": "关于寒假安全工作的通知", "body": "请各校做好寒假安全工作。"}
POLICY = {
    "type": "policy",
    "slug": "yjf-2019-1",
    "title": "关于规范校外培训的通知",
    "policy_kind": "行政规范性文件",
    "issuing_authority": "云溪县教育局",
    "written_date": "2019-03-01",
    "body": "<p>正文</p>",
    "interpretations": [{"title": "规范校外培训政策解读", "body": "<p>解读</p>"}],
    "qa": [{"slug": "yjf-2019-1-qa", "title": "培训机构如何备案？", "body": "<p>向县教育局备案。</p>"}],
}
SERVICE_FIELDS = {
    "accepting_agency": "云溪县教育局",
    "item_type": "行政许可",
    "contact_person": "王老师",
    "contact_phone": "0577-12345678",
    "service_target": "自然人",
    "time_limit": "20个工作日",
    "fees": "不收费",
    "legal_basis": "《教师资格条例》",
    "conditions": "符合条件",
    "materials": "身份证",
    "procedure": "申请、审查、决定",
    "supervision": "监督电话0577-1",
}


class ImportContentTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")

    def setUp(self):
        self.directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.directory)

    def write(self, *lines, name="import.jsonl"):
        path = self.directory / name
        path.write_text(
            "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
            encoding="utf-8",
        )
        return path

    def run_import(self, path, **options):
        stdout, stderr = StringIO(), StringIO()
        call_command("import_content", str(path), unit="jyj", stdout=stdout, stderr=stderr, **options)
        return stdout.getvalue(), stderr.getvalue()

    def column(self, slug):
        return Page.objects.child_of(self.unit.home_page).get(slug=slug)


class GoodAndBadLinesTest(ImportContentTestBase):
    def test_good_lines_imported_bad_ones_reported_and_rerun_adds_nothing(self):
        path = self.write(
            NEWS,
            {**POLICY, "written_date": "2019/3/1"},
            "{not json",
            NOTICE,
            {"type": "video", "title": "x"},
            {"type": "news", "title": "无正文", "colour": "red"},
        )
        out, err = self.run_import(path)
        self.assertEqual(NewsPage.objects.count(), 1)
        self.assertEqual(NoticePage.objects.count(), 1)
        self.assertFalse(PolicyPage.objects.exists())
        self.assertIn("导入完成：成功导入 2 行", out)
        self.assertIn("拒绝 4 行", out)
        self.assertIn("第 2 行：字段“written_date”（成文日期）：日期应写作 YYYY-MM-DD，收到“2019/3/1”", out)
        self.assertIn("第 3 行：不是有效的 JSON", out)
        self.assertIn("第 5 行：字段“type”", out)
        self.assertIn("第 6 行：未知字段“colour”", out)
        self.assertIn("字段“body”（正文）：此项必填", out)
        self.assertIn("导入中 [####################] 6/6", err)

        out, _err = self.run_import(path)
        self.assertEqual(NewsPage.objects.count(), 1)
        self.assertEqual(NoticePage.objects.count(), 1)
        self.assertIn("成功导入 0 行", out)
        self.assertIn("第 1 行：已存在，跳过（gzdt/2019-news-7）", out)
        self.assertIn("第 4 行：已存在，跳过", out)

    def test_strict_exits_with_an_error_when_a_line_is_rejected(self):
        path = self.write(NEWS, {"type": "news", "title": "无正文"})
        with self.assertRaisesMessage(CommandError, "1 行被拒绝"):
            self.run_import(path, strict=True)
        self.assertEqual(NewsPage.objects.count(), 1)

    def test_unknown_unit_is_a_clear_error(self):
        path = self.write(NEWS)
        with self.assertRaisesMessage(CommandError, "没有代码为“nope”的单位"):
            call_command("import_content", str(path), unit="nope", stdout=StringIO(), stderr=StringIO())

    def test_missing_file_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "不存在"):
            self.run_import(self.directory / "missing.jsonl")


class DraftsAndSlugsTest(ImportContentTestBase):
    def test_pages_enter_as_drafts_with_a_revision(self):
        self.run_import(self.write(NEWS, NOTICE))
        for page in (NewsPage.objects.get(), NoticePage.objects.get()):
            self.assertFalse(page.live)
            self.assertIsNotNone(page.latest_revision)
            self.assertTrue(page.has_unpublished_changes)
            self.assertEqual(page.owner_unit, self.unit)
            self.assertTrue(PageLogEntry.objects.filter(page=page, action="wagtail.create").exists())
        self.assertFalse(PageLogEntry.objects.filter(action="wagtail.publish", data__source="import_content").exists())

    def test_slugs_kept_as_given_or_derived_stably_from_the_title(self):
        self.run_import(self.write(NEWS, NOTICE))
        news = NewsPage.objects.get()
        self.assertEqual(news.slug, "2019-news-7")
        self.assertEqual(news.get_parent().slug, "gzdt")
        notice = NoticePage.objects.get()
        self.assertRegex(notice.slug, r"^notice-[0-9a-f]{12}$")
        self.assertEqual(notice.get_parent().slug, "tzgg")
        self.assertEqual(notice.body, "<p>请各校做好寒假安全工作。</p>")
        out, _err = self.run_import(self.write(NOTICE, name="again.jsonl"))
        self.assertIn(f"已存在，跳过（tzgg/{notice.slug}）", out)

    def test_body_html_sanitised_to_the_rich_text_subset(self):
        self.run_import(
            self.write(
                {**NEWS, "body": '<div style="color:red"><span class="x">正文</span><b>加粗</b></div>'},
                {**NOTICE, "body": "<p>一</p><script>alert(1)</script>"},
                {**NOTICE, "title": "二", "body": '<p onclick="x()">二</p>'},
                {**NOTICE, "title": "三", "body": '<a href="javascript:alert(1)">三</a>'},
            )
        )
        self.assertEqual(NewsPage.objects.get().body, "<p>正文<b>加粗</b></p>")
        self.assertFalse(NoticePage.objects.exists())

    def test_body_with_script_rejected_with_a_clear_message(self):
        out, _err = self.run_import(self.write({**NOTICE, "body": "<p>一</p><script>alert(1)</script>"}))
        self.assertIn("第 1 行：字段“body”（正文）：不允许使用 <script> 元素", out)


class PolicyWithNestedItemsTest(ImportContentTestBase):
    def test_policy_interpretation_and_qa_linked_both_ways(self):
        self.run_import(self.write(POLICY), publish=True, reason="旧网站迁移")
        policy = PolicyPage.objects.get()
        self.assertEqual(policy.slug, "yjf-2019-1")
        self.assertEqual(policy.get_parent().slug, "zcwj")
        interpretation, qa = InterpretationPage.objects.get(), QAPage.objects.get()
        self.assertEqual((interpretation.policy, qa.policy), (policy, policy))
        self.assertEqual(interpretation.get_parent().slug, "zcjd")
        self.assertEqual(qa.slug, "yjf-2019-1-qa")
        self.assertEqual(list(policy.interpretations()), [interpretation])
        self.assertEqual(list(policy.qa_items()), [qa])

    def test_bad_nested_qa_rolls_back_the_whole_line(self):
        bad = {**POLICY, "qa": [{"title": "没有回答的问题"}]}
        out, _err = self.run_import(self.write(bad))
        self.assertIn("第 1 行：字段“qa[1].body”（正文）：此项必填", out)
        self.assertFalse(PolicyPage.objects.exists())
        self.assertFalse(InterpretationPage.objects.exists())

    def test_nested_failure_found_while_saving_also_rolls_back(self):
        taken = {
            **POLICY,
            "slug": "other",
            "interpretations": [{"slug": "same", "title": "解读", "body": "x"}],
            "qa": [{"slug": "same", "title": "问", "body": "答"}],
        }
        out, _err = self.run_import(self.write(taken))
        self.assertIn("第 1 行：字段“qa[1].slug”", out)
        self.assertFalse(Page.objects.filter(slug__in=["other", "same"]).exists())

    def test_policy_needing_interpretation_cannot_be_published_without_one(self):
        lone = {key: value for key, value in POLICY.items() if key not in ("interpretations", "qa")}
        out, _err = self.run_import(self.write(lone), publish=True, reason="迁移")
        self.assertIn("第 1 行：无法发布", out)
        self.assertFalse(PolicyPage.objects.exists())
        self.run_import(self.write(lone, name="draft.jsonl"))
        self.assertFalse(PolicyPage.objects.get().live)


class PublishTest(ImportContentTestBase):
    def test_publish_needs_a_reason(self):
        with self.assertRaisesMessage(CommandError, "--reason"):
            self.run_import(self.write(NEWS), publish=True)
        with self.assertRaisesMessage(CommandError, "--reason"):
            self.run_import(self.write(NEWS), publish=True, reason="  ")
        self.assertFalse(NewsPage.objects.exists())

    def test_publish_makes_pages_live_and_writes_audit_entries(self):
        self.run_import(self.write(NEWS, NOTICE), publish=True, reason="旧网站迁移，经局办公会同意")
        news = NewsPage.objects.get()
        self.assertTrue(news.live)
        self.assertEqual(news.first_published_at, news.issued_at)
        entries = PageLogEntry.objects.filter(action="wagtail.publish", data__source="import_content")
        self.assertEqual(entries.count(), 2)
        entry = entries.get(page=news)
        self.assertEqual(entry.data, {"reason": "旧网站迁移，经局办公会同意", "source": "import_content"})
        self.assertEqual(entry.revision, news.live_revision)
        self.assertIsNone(entry.user)
        summary = ModelLogEntry.objects.get(action="wagtail.publish", object_id=str(self.unit.pk))
        self.assertEqual(summary.data["reason"], "旧网站迁移，经局办公会同意")
        self.assertEqual(summary.data["created"], 2)
        self.assertEqual(sorted(summary.data["pages"]), sorted([news.pk, NoticePage.objects.get().pk]))
        self.assertEqual(summary.uuid, entry.uuid)

    def test_service_item_needs_all_guide_fields_only_when_published(self):
        (self.directory / "chart.png").write_bytes((SAMPLE_DIR / "flowchart.png").read_bytes())
        (self.directory / "form.pdf").write_bytes((SAMPLE_DIR / "application-form.pdf").read_bytes())
        partial = {"type": "service", "slug": "partial", "title": "教师资格认定", **SERVICE_FIELDS}
        no_form = {**partial, "slug": "no-form", "flowchart": "chart.png"}
        complete = {**no_form, "slug": "complete", "forms": ["form.pdf"]}
        out, _err = self.run_import(self.write(partial, no_form, complete), publish=True, reason="迁移")
        self.assertIn("第 1 行：发布的办事事项须填齐办事指南全部 14 项，缺少：流程图", out)
        self.assertIn("第 2 行：", out)
        self.assertIn("行政许可事项的办事指南至少须有一份可下载表格", out)  # the gate's finding, as a rejected line
        item = ServiceItemPage.objects.get()
        self.assertEqual(item.slug, "complete")
        self.assertTrue(item.live)
        self.assertEqual(item.flowchart.collection_id, self.unit.collection_id)
        form = item.forms.get()
        self.assertEqual(form.document.collection_id, self.unit.collection_id)
        self.assertEqual(form.document.file.read(), (SAMPLE_DIR / "application-form.pdf").read_bytes())
        self.run_import(self.write({"type": "service", "slug": "draft", "title": "只有名称"}, name="draft.jsonl"))
        self.assertFalse(ServiceItemPage.objects.get(slug="draft").live)

    def test_the_shipped_sample_publishes_without_rejections(self):
        out, _err = self.run_import(SAMPLE_DIR / "import-sample.jsonl", publish=True, reason="示例", strict=True)
        self.assertIn("拒绝 0 行", out)
        self.assertEqual(Page.objects.live().filter(slug="yxjf-2026-3").count(), 1)
        self.assertEqual(QAPage.objects.get().policy.slug, "yxjf-2026-3")
