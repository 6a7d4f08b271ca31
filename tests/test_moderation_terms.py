"""The sensitive-term dictionary: the demo county's starter set and leaders' names, and a county's own list
imported from CSV or Excel (bad rows reported by line, the rest kept)."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from openpyxl import Workbook

from home.demo_data import leader_name_terms
from moderation.checks import dictionary_errors
from moderation.models import SensitiveTerm, TermKind
from moderation.terms import STARTER_TERMS, import_terms, read_table


class DictionaryTest(TestCase):
    def run_import(self, path):
        out, err = StringIO(), StringIO()
        call_command("import_sensitive_terms", str(path), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_the_demo_set_catches_spam_and_wrong_forms_of_the_leaders_names(self):
        import_terms(read_table(STARTER_TERMS))
        import_terms(enumerate(leader_name_terms(), start=2))
        self.assertGreaterEqual(SensitiveTerm.objects.filter(kind=TermKind.BANNED).count(), 10)
        self.assertEqual(
            dictionary_errors("县长陈立心主持会议，会上提到一带一路战略。"),
            ["“一带一路战略”表述有误，应为“‘一带一路’倡议”。", "“陈立心”表述有误，应为“陈立新”。"],
        )
        self.assertEqual(dictionary_errors("陈立新县长主持会议。"), [])

    def test_a_csv_with_a_bad_row_keeps_the_good_ones(self):
        SensitiveTerm.objects.create(kind=TermKind.BANNED, term="六合彩")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "terms.csv"
            path.write_text(
                "类型,词语,正确表述,备注\n禁用词,六合彩,,\n错误表述,王县长,,缺正确表述\n"
                "其他,某词,,\n错误表述,李明付县长,李明富县长,\n",
                encoding="utf-8",
            )
            out, err = self.run_import(path)
        self.assertIn("新增 1 个词语，1 个已存在，2 行被拒绝。", out)
        self.assertIn("第 3 行：错误写法必须填写正确写法。", err)
        self.assertIn("第 4 行：类型须为“禁用词”或“错误表述”", err)
        self.assertEqual(SensitiveTerm.objects.get(term="李明付县长").correct_form, "李明富县长")

    def test_an_excel_table_imports_too(self):
        workbook = Workbook()
        workbook.active.append(["类型", "词语", "正确表述", "备注"])
        workbook.active.append(["禁用词", "私彩", None, "博彩"])
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "terms.xlsx"
            workbook.save(path)
            out, _err = self.run_import(path)
        self.assertIn("新增 1 个词语", out)
        self.assertTrue(SensitiveTerm.objects.filter(term="私彩", kind=TermKind.BANNED).exists())
