"""Seed more synonym groups: what citizens call county services and documents, and their official names."""
from django.db import migrations

GROUPS = [
    # Certificates and cards, as people name them.
    "准生证, 生育登记, 生育服务证",
    "老年证, 老年优待证",
    "残疾证, 残疾人证",
    "户口本, 户口簿",
    "驾照, 驾驶证",
    "社保卡, 社会保障卡",
    "土地证, 不动产权证书",
    "居住证, 暂住证",
    "电工证, 特种作业操作证",
    "技能证, 职业技能等级证书",
    # Services and benefits.
    "滴滴, 网约车, 网络预约出租汽车",
    "托儿所, 托育",
    "五保, 五保户, 特困人员",
    "农保, 城乡居民养老保险, 城乡居民基本养老保险",
    "退休金, 养老金, 基本养老金",
    "失业金, 失业保险金",
    "创业贷款, 创业担保贷款",
    "助学贷款, 生源地信用助学贷款",
    "独生子女费, 独生子女父母奖励",
    "老年食堂, 老年助餐, 助餐服务",
    "适老化, 适老化改造",
    "瘫痪, 失能",
    "老人, 老年人",
    "慢病, 慢性病, 慢特病",
    "大病, 重特大疾病",
    "看病, 就医",
    "上学, 入学",
    "打疫苗, 疫苗接种",
    "签约医生, 家庭医生",
    "医保缴费, 参保缴费",
    "补交, 补缴",
    "自来水, 供水",
    "物业费, 物业服务费",
    # Matters and procedures.
    "盖房, 建房",
    "开店, 个体工商户",
    "开公司, 企业开办",
    "过户, 转移登记",
    "二手房, 存量房",
    "欠薪, 拖欠工资",
    "打官司, 诉讼",
    "请律师, 法律援助",
    "罚款, 行政处罚",
    "烧秸秆, 秸秆焚烧",
    "放鞭炮, 放烟花, 燃放烟花爆竹",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_searchentry_family_words")]
    operations = [migrations.RunPython(seed, unseed)]
