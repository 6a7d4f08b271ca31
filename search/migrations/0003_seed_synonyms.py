"""Seed the synonym list with common abbreviations of public-service terms."""
from django.db import migrations

GROUPS = [
    "低保, 最低生活保障",
    "医保, 医疗保障, 医疗保险",
    "社保, 社会保险",
    "公积金, 住房公积金",
    "特困, 特困人员救助供养",
    "新农合, 新型农村合作医疗",
    "身份证, 居民身份证",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_table")]
    operations = [migrations.RunPython(seed, unseed)]
