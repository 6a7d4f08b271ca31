"""Seed the synonym list: public-service terms, their abbreviations and colloquial forms, department short names."""
from django.db import migrations

GROUPS = [
    "低保, 最低生活保障",
    "医保, 医疗保障, 医疗保险",
    "社保, 社会保险",
    "公积金, 住房公积金",
    "特困, 特困人员救助供养",
    "新农合, 新型农村合作医疗",
    "身份证, 居民身份证",
    # Department abbreviations.
    "人社局, 人力资源和社会保障局",
    "住建局, 住房和城乡建设局",
    "发改局, 发展和改革局",
    "卫健局, 卫生健康局, 卫健委, 卫生健康委员会",
    "市场监管局, 市场监督管理局",
    "文旅局, 文化和旅游局",
    "应急局, 应急管理局",
    "医保局, 医疗保障局",
    "自然资源局, 自然资源和规划局",
    "审批局, 行政审批局, 行政审批服务局",
    "经信局, 工业和信息化局",
    "科技局, 科学技术局",
    "交通局, 交通运输局",
    # Colloquial and official names of the same thing.
    "慢性病, 慢特病",
    "防汛, 防台",
    "公租房, 公共租赁住房",
    "三胎, 三孩",
    "二胎, 二孩",
    "去世, 死亡, 身故",
    "外地, 异地",
    "房产证, 不动产权证书, 不动产证",
    "拆迁, 房屋征收",
    "种粮补贴, 耕地地力保护补贴",
    "个体户, 个体工商户",
    "退伍军人, 退役军人",
    "网约车, 网络预约出租汽车",
    "户口, 户籍",
    "高龄津贴, 高龄补贴",
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
