"""The demo county (云溪县, fictional): its units and a little realistic content for each.

Used by `setup_demo` only; nothing here is loaded in production.
"""

from subsites.models import UnitKind
from subsites.validators import credit_code_check_char

# A fictional county; the division code is not a real one.
DIVISION_CODE = "339901"

# Footer identity of the demo sites; codes and filing numbers are made up.
PORTAL_IDENTITY = {
    "site_name": "云溪县人民政府",
    "organizer": "云溪县人民政府办公室",
    "site_code": "3399000001",
    "icp_number": "浙ICP备99000001号",
    "police_number": "浙公网安备33990002000001号",
    "contact": "云溪县人民政府门户网站管理中心 0577-67120000",
}


def unit_identity(unit):
    return {
        "site_code": f"3399{unit.sort_order:06d}",
        "icp_number": PORTAL_IDENTITY["icp_number"],
        "police_number": PORTAL_IDENTITY["police_number"],
    }


# (code, name, short name, kind, responsible person, main leader)
TOWNSHIPS = [
    ("cgjd", "云溪县城关街道办事处", "城关街道", UnitKind.STREET, "陈卫东", "林海峰"),
    ("dcjd", "云溪县东城街道办事处", "东城街道", UnitKind.STREET, "周丽华", "王建国"),
    ("xcjd", "云溪县西城街道办事处", "西城街道", UnitKind.STREET, "吴晓明", "郑志强"),
    ("qszhen", "云溪县青石镇人民政府", "青石镇", UnitKind.TOWNSHIP, "黄明亮", "刘德胜"),
    ("lqzhen", "云溪县龙泉镇人民政府", "龙泉镇", UnitKind.TOWNSHIP, "杨秀英", "张国庆"),
    ("bszhen", "云溪县白沙镇人民政府", "白沙镇", UnitKind.TOWNSHIP, "徐建平", "孙立新"),
    ("tyzhen", "云溪县桃源镇人民政府", "桃源镇", UnitKind.TOWNSHIP, "朱春梅", "何永康"),
    ("lhzhen", "云溪县柳河镇人民政府", "柳河镇", UnitKind.TOWNSHIP, "高志远", "罗振华"),
    ("fhzhen", "云溪县凤凰镇人民政府", "凤凰镇", UnitKind.TOWNSHIP, "马文静", "梁宏伟"),
    ("sqzhen", "云溪县双桥镇人民政府", "双桥镇", UnitKind.TOWNSHIP, "胡海燕", "宋金山"),
    ("smzhen", "云溪县石门镇人民政府", "石门镇", UnitKind.TOWNSHIP, "郭玉兰", "谢长青"),
    ("clzhen", "云溪县长乐镇人民政府", "长乐镇", UnitKind.TOWNSHIP, "韩冬梅", "唐家伟"),
]

DEPARTMENTS = [
    ("fgj", "云溪县发展和改革局", "县发改局", "冯志刚", "董立群"),
    ("jyj", "云溪县教育局", "县教育局", "程晓燕", "曹文博"),
    ("kjj", "云溪县科学技术局", "县科技局", "袁建华", "邓秋实"),
    ("gxj", "云溪县工业和信息化局", "县经信局", "许文涛", "傅明远"),
    ("mzj", "云溪县民政局", "县民政局", "沈丽萍", "曾庆丰"),
    ("sfj", "云溪县司法局", "县司法局", "彭正义", "吕志诚"),
    ("czj", "云溪县财政局", "县财政局", "苏国平", "卢振东"),
    ("rsj", "云溪县人力资源和社会保障局", "县人社局", "蒋红霞", "蔡建林"),
    ("zrzyj", "云溪县自然资源和规划局", "县自然资源局", "贾海涛", "丁向阳"),
    ("zjj", "云溪县住房和城乡建设局", "县住建局", "魏明华", "薛永胜"),
    ("jtj", "云溪县交通运输局", "县交通局", "叶志华", "阎春生"),
    ("slj", "云溪县水利局", "县水利局", "余长江", "潘清泉"),
    ("nyncj", "云溪县农业农村局", "县农业农村局", "杜丰收", "戴秋林"),
    ("swj", "云溪县商务局", "县商务局", "夏晓峰", "钟立伟"),
    ("wlj", "云溪县文化和旅游局", "县文旅局", "汪雅琴", "田文轩"),
    ("wjj", "云溪县卫生健康局", "县卫健局", "任仁心", "姜卫民"),
    ("yjj", "云溪县应急管理局", "县应急局", "范安全", "方志勇"),
    ("sjj", "云溪县审计局", "县审计局", "石正平", "姚建勋"),
    ("scjgj", "云溪县市场监督管理局", "县市场监管局", "谭晓东", "廖明德"),
    ("tjj", "云溪县统计局", "县统计局", "邹立新", "熊振华"),
    ("ybj", "云溪县医疗保障局", "县医保局", "金惠民", "陆保国"),
    ("spj", "云溪县行政审批服务局", "县行政审批局", "邱敏捷", "秦效能"),
]

# 政务新媒体 accounts: (unit code, account name, platform, account ID).
NEW_MEDIA = [
    ("jyj", "云溪教育", "wechat", "yunxi_jy"),
    ("jyj", "云溪教育发布", "douyin", "yxjyfb"),
    ("fgj", "云溪发改", "weibo", "yunxifg"),
]


def credit_code(index):
    """A well-formed (checksum-valid) unified social credit code for demo unit number `index`."""
    first17 = f"11{DIVISION_CODE}{index:08d}M"
    return first17 + credit_code_check_char(first17)


def units():
    """Every demo unit as keyword arguments for `Unit`."""
    rows = list(TOWNSHIPS) + [(c, n, s, UnitKind.DEPARTMENT, r, m) for c, n, s, r, m in DEPARTMENTS]
    result = []
    for index, (code, name, short, kind, responsible, leader) in enumerate(rows, start=1):
        result.append(
            {
                "code": code,
                "name": name,
                "short_name": short,
                "kind": kind,
                "credit_code": credit_code(index),
                "responsible_person": responsible,
                "main_leader": leader,
                "sort_order": index * 10,
                "address": f"云溪县{short.removeprefix('县')}办公楼",
                "phone": f"0577-6712{index:04d}",
                "office_hours": "工作日 上午8:30-12:00，下午14:30-17:30",
            }
        )
    return result


def overview_text(unit):
    if unit.kind == UnitKind.DEPARTMENT:
        return (
            f"<p>{unit.name}是县人民政府工作部门，负责贯彻落实党中央、国务院和省、市、县关于相关工作的"
            f"方针政策和决策部署，在履行职责过程中坚持和加强党的集中统一领导。</p>"
            f"<p>办公地址：{unit.address}；联系电话：{unit.phone}。</p>"
        )
    return (
        f"<p>{unit.short_name}位于云溪县境内，辖若干行政村（社区），是全县重要的经济和人口集聚区。"
        f"近年来，{unit.short_name}坚持以人民为中心的发展思想，统筹推进经济社会各项事业发展。</p>"
        f"<p>办公地址：{unit.address}；联系电话：{unit.phone}。</p>"
    )


def news_items(unit):
    """(title, body) pairs of recent work news for the unit."""
    short = unit.short_name
    return [
        (
            f"{short}召开安全生产专题工作会议",
            f"<p>近日，{short}召开安全生产专题工作会议，传达学习上级有关会议精神，分析当前安全生产形势，"
            f"部署下一阶段重点工作。会议要求，各部门要压实安全生产责任，扎实开展隐患排查整治。</p>",
        ),
        (
            f"{short}开展“我为群众办实事”走访活动",
            f"<p>为进一步密切联系群众，{short}组织干部深入基层开展走访，倾听群众意见建议，"
            f"现场协调解决群众反映的实际困难和问题。</p>",
        ),
        (
            f"{short}部署政府网站信息发布和内容保障工作",
            f"<p>{short}召开政务公开和政府网站工作会议，要求严格执行信息发布审签制度，"
            f"确保网站信息及时、准确、完整。</p>",
        ),
    ]


def notice_items(unit):
    return [
        (
            f"关于{unit.short_name}2026年度政府信息公开工作年度报告的公告",
            f"<p>根据《中华人民共和国政府信息公开条例》规定，现将{unit.name}2026年度政府信息公开工作"
            f"年度报告予以公布，欢迎社会各界监督。</p>",
        ),
    ]


def organisations(unit):
    """(name, head, phone, duties) of the unit's internal organisations."""
    prefix = unit.phone[:-2]
    if unit.kind == UnitKind.DEPARTMENT:
        return [
            ("办公室", "王建华", prefix + "01", "负责机关日常运转，承担信息、安全、保密、信访、政务公开等工作。"),
            ("政策法规科", "李文静", prefix + "02", "负责起草有关规范性文件，承担行政复议、行政应诉和普法工作。"),
            ("业务管理科", "赵志明", prefix + "03", "负责本系统主要业务的指导、监督和管理工作。"),
        ]
    return [
        ("党政综合办公室", "陈立新", prefix + "01", "负责党政机关日常运转、文电会务、信息公开等工作。"),
        ("经济发展办公室", "孙海波", prefix + "02", "负责经济运行监测、招商引资和企业服务工作。"),
        ("社会事务办公室", "周美玲", prefix + "03", "负责民政、社会保障、卫生健康等社会事务工作。"),
    ]


def leaders(unit):
    """(name, position, responsibilities) of the unit's leaders."""
    head = "局长" if unit.kind == UnitKind.DEPARTMENT else ("主任" if unit.kind == UnitKind.STREET else "镇长")
    return [
        (unit.main_leader, f"党组书记、{head}" if unit.kind == UnitKind.DEPARTMENT else "党委书记", "主持全面工作。"),
        (unit.responsible_person, f"副{head}", "负责办公室、政策法规、政务公开和政府网站工作。"),
    ]


def policy(unit):
    """A normative document of the unit, with its interpretation and a Q&A item."""
    year = 2026
    return {
        "title": f"{unit.short_name}关于进一步优化政务服务提升办事效率的实施意见",
        "doc_number": f"云{unit.code[:2].upper()}发〔{year}〕{unit.sort_order // 10}号",
        "body": (
            f"<p>为深入推进“放管服”改革，进一步优化营商环境，方便企业和群众办事，结合{unit.short_name}"
            "实际，提出如下实施意见。</p><p>一、推行“一窗受理、集成服务”。二、压缩办理时限，"
            "承诺时限在法定时限基础上平均压缩50%以上。三、全面推行网上办理和“最多跑一次”。</p>"
        ),
        "interpretation_title": f"《{unit.short_name}关于进一步优化政务服务提升办事效率的实施意见》政策解读",
        "interpretation_body": (
            "<p>一、出台背景：落实上级关于深化“放管服”改革的部署。</p>"
            "<p>二、主要内容：一窗受理、压缩时限、网上办理。</p>"
            "<p>三、适用范围：本单位负责办理的全部依申请政务服务事项。</p>"
        ),
        "qa_question": "办事时能否只跑一次？需要提前准备什么材料？",
        "qa_answer": (
            "<p>可以。实施意见推行“最多跑一次”，申请人可先通过网上办事大厅查询办事指南，"
            "按材料清单一次性准备齐全后办理；材料不全的，窗口一次性告知需补正的内容。</p>"
        ),
    }


def service_item(unit):
    return {
        "title": f"{unit.short_name}政府信息公开申请办理",
        "accepting_agency": unit.name,
        "item_type": "public_service",
        "contact_person": unit.responsible_person,
        "contact_phone": unit.phone,
        "service_target": "公民、法人或者其他组织",
        "time_limit": "20个工作日（可延长20个工作日）",
        "fees": "不收费",
        "legal_basis": "《中华人民共和国政府信息公开条例》第二十七条至第三十三条",
        "conditions": "申请内容明确，属于本机关负责公开的政府信息。",
        "materials": "1. 政府信息公开申请表；\n2. 申请人身份证明。",
        "procedure": "提交申请 → 登记受理 → 审查 → 答复 → 送达",
        "supervision": f"监督电话：{unit.phone}",
    }


# The county government's own disclosure office (the portal's guide).
PORTAL_GUIDE_OFFICE = {
    "office_name": "云溪县人民政府办公室（县政务公开办）",
    "office_address": "云溪县人民政府大楼一楼政务公开窗口",
    "office_hours": "工作日 上午8:30-12:00，下午14:30-17:30（法定节假日除外）",
    "phone": "0577-67120001",
    "fax": "0577-67120009",
}


def _guide_texts(authority, directory_hint):
    """The three rich-text sections of a 政府信息公开指南, after the 条例 (arts. 19-33, 51)."""
    return {
        "how_to_obtain": (
            f"<p>{authority}主动公开的政府信息，自形成或者变更之日起20个工作日内予以公开。主要通过以下途径公开："
            f"{directory_hint}、《云溪县人民政府公报》、新闻发布会以及广播、电视、报刊等途径。</p>"
            "<p>县档案馆、县图书馆和县政务服务中心设有政府信息查阅点，公众可在工作时间免费查阅。</p>"
        ),
        "request_procedure": (
            f"<p>公民、法人或者其他组织可以向{authority}申请获取主动公开以外的政府信息。申请应当采用书面形式"
            "（包括数据电文形式），可通过本网站“依申请公开”栏目在线提交，也可当面或者邮寄提交《政府信息公开申请表》。"
            "采用书面形式确有困难的，可以口头提出，由受理机构代为填写。</p>"
            "<p>申请内容应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号"
            "或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>"
            "<p>能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
            "需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。征求第三方意见"
            "所需时间不计算在上述期限内。</p>"
            "<p>提供政府信息不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
            "可以依照国家规定收取信息处理费。</p>"
        ),
        "remedies": (
            f"<p>公民、法人或者其他组织认为{authority}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
            "或者云溪县政务公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
        ),
    }


def portal_disclosure_guide():
    """Field values of the county government's 政府信息公开指南."""
    return {
        "title": "云溪县人民政府政府信息公开指南",
        **PORTAL_GUIDE_OFFICE,
        **_guide_texts("云溪县人民政府", "云溪县人民政府门户网站“政府信息公开”专栏"),
    }


def disclosure_guide(unit):
    """Field values of the unit's 政府信息公开指南; its office is the unit's general office."""
    office = "办公室" if unit.kind == UnitKind.DEPARTMENT else "党政综合办公室"
    return {
        "title": f"{unit.name}政府信息公开指南",
        "office_name": f"{unit.name}{office}",
        "office_address": unit.address,
        "office_hours": unit.office_hours,
        "phone": unit.phone,
        "fax": unit.phone.replace("-6712", "-6713"),
        **_guide_texts(unit.name, f"{unit.short_name}子站“信息公开目录”栏目"),
    }


# The county's (fictional) leaders: name and title as they must be written.
COUNTY_LEADERS = [("周明远", "县委书记"), ("陈立新", "县长"), ("林海峰", "常务副县长")]
# Names commonly mistyped by sound (同音错字), for the dictionary of wrong forms.
MISTYPED_NAMES = {"周明远": "周明源", "陈立新": "陈立心", "林海峰": "林海锋"}
WRONG_TITLES = {"县委书记": "县长", "县长": "副县长", "常务副县长": "县长"}


def leader_name_terms():
    """Rows (类型, 词语, 正确表述, 备注) of wrong forms of the county leaders' names and titles."""
    rows = []
    for name, title in COUNTY_LEADERS:
        rows.append(["错误表述", MISTYPED_NAMES[name], name, f"{title}姓名"])
        rows.append(["错误表述", f"{name}{WRONG_TITLES[title]}", f"{name}{title}", f"{name}的职务是{title}"])
    return rows


def portal_surveys():
    """(fields, questions) of the portal's demo 征集调查: one open consultation, one closed survey with results."""
    open_consultation = {
        "title": "关于《云溪县城区停车管理办法（征求意见稿）》公开征求意见的公告",
        "slug": "zjdc-1",
        "source": "县住房和城乡建设局",
        "opens_days": -5,
        "closes_days": 25,
        "body": "<p>为规范城区停车秩序，县住建局起草了《云溪县城区停车管理办法（征求意见稿）》，现向社会公开征求意见。"
        "征求意见期间，公众可通过本页在线提交意见，也可发送电子邮件至 zjj@yunxi.gov.cn。</p>",
    }
    closed_survey = {
        "title": "县政务服务中心延时服务满意度问卷调查",
        "slug": "zjdc-2",
        "source": "县政务服务管理办公室",
        "opens_days": -60,
        "closes_days": -30,
        "body": "<p>为了解群众对政务服务中心工作日延时、周末预约服务的需求，开展本次问卷调查。</p>",
        "results": "<p>多数受访群众希望工作日延时至 19:00，已采纳，自下月起实行；"
        "周六上午预约服务的建议部分采纳，先在不动产登记、社保窗口试行。</p>",
    }
    consultation_questions = [
        ("您是否赞成该办法的主要内容？", "single", "赞成\n基本赞成\n不赞成"),
        ("您最关心哪些方面？（可多选）", "multiple", "收费标准\n泊位供给\n违停处罚\n新能源车优惠"),
    ]
    survey_questions = [("您希望工作日窗口服务延时到几点？", "single", "18:00\n19:00\n20:00\n不需要延时")]
    return [
        (open_consultation, consultation_questions, []),
        (closed_survey, survey_questions, ["19:00"] * 7 + ["18:00"] * 2 + ["20:00"] * 2 + ["不需要延时"]),
    ]
