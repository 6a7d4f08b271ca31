"""Fixed vocabularies of the national rules: policy kinds, topic classes, validity, disclosure categories.

Labels are the official Chinese terms (they appear in metadata tables and meta tags exactly
as the rules spell them), so they are data and not run through translation.
"""

from django.db import models


class PolicyKind(models.TextChoices):
    LAW = "law", "法律法规"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    PARTY_GOV = "party_gov", "党政文件"
    OTHER = "other", "其他文件"


# Kinds that must have a 解读 or 便民问答 (or an approved exemption) before publication.
KINDS_NEEDING_INTERPRETATION = {PolicyKind.LAW, PolicyKind.RULE, PolicyKind.NORMATIVE}


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class Topic(models.TextChoices):
    """主题分类 as used by gov.cn's policy library."""

    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "国民经济管理、国有资产监管"
    FINANCE = "finance", "财政、金融、审计"
    LAND = "land", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY = "industry", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    MARKET = "market", "市场监管、安全生产监管"
    CONSTRUCTION = "construction", "城乡建设、环境保护"
    SCIENCE = "science", "科技、教育"
    CULTURE = "culture", "文化、广电、新闻出版"
    HEALTH = "health", "卫生、体育"
    POPULATION = "population", "人口与计划生育、妇女儿童工作"
    LABOUR = "labour", "劳动、人事、监察"
    SECURITY = "security", "公安、安全、司法"
    CIVIL = "civil", "民政、扶贫、救灾"
    ETHNIC = "ethnic", "民族、宗教"
    FOREIGN = "foreign", "对外事务"
    OTHER = "other", "其他"


class DisclosureCategory(models.TextChoices):
    """主动公开 categories of 政府信息公开条例 art. 20 (1-15) and the county/township extras of art. 21."""

    REGULATIONS = "c01", "行政法规、规章和规范性文件"
    ORGANISATION = "c02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANS = "c03", "规划及相关政策"
    STATISTICS = "c04", "统计信息"
    LICENSING = "c05", "行政许可等事项的依据、条件、程序及办理结果"
    ENFORCEMENT = "c06", "行政处罚、行政强制的依据、条件、程序及处罚决定"
    BUDGET = "c07", "财政预算、决算"
    FEES = "c08", "行政事业性收费项目及其依据、标准"
    PROCUREMENT = "c09", "政府集中采购项目的目录、标准及实施情况"
    PROJECTS = "c10", "重大建设项目的批准和实施情况"
    WELFARE = "c11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及实施情况"
    EMERGENCY = "c12", "突发公共事件的应急预案、预警信息及应对情况"
    INSPECTION = "c13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    RECRUITMENT = "c14", "公务员招考的职位、名额、报考条件等事项以及录用结果"
    OTHER = "c15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"
    MUNICIPAL = "x01", "市政建设、公共服务、公益事业"
    LAND_HOUSING = "x02", "土地征收、房屋征收"
    PUBLIC_ORDER = "x03", "治安管理、社会救助"
    RURAL = "x04", "农业农村政策落实、农田水利、土地承包经营权流转、宅基地审核"
    FUNDRAISING = "x05", "筹资筹劳"
