"""The national forms of the two annual reports: row labels in the official wording (data, not UI
text, like the column types) and the tables a report page shows and exports.

The numbers come from `AnnualReportPage.figures` (computed from the platform's data by
supervision/annual.py when the draft is generated) and, for what the platform cannot know (行政复议、
行政诉讼, 行政许可/处罚/强制 decisions, fees), from the page's own fields the office fills in.
"""

from dataclasses import dataclass, field

NOT_COUNTED = "—"

# 政府网站工作年度报表 (国办函〔2018〕12号): (section, [(figure key, label)]); "—" where the platform has no data.
WEBSITE_FORM = [
    (
        "网站基本信息",
        [
            ("site_name", "网站名称"),
            ("site_url", "首页网址"),
            ("organizer", "主办单位"),
            ("site_type", "网站类型"),
            ("site_code", "政府网站标识码"),
            ("icp", "ICP备案号"),
            ("police", "公安机关备案号"),
            ("visitors", "独立用户访问总量（个）"),
            ("views", "网站总访问量（次）"),
        ],
    ),
    (
        "信息发布",
        [
            ("published_total", "总数（条）"),
            ("published_overview", "概况类信息更新量（条）"),
            ("published_news", "政务动态信息更新量（条）"),
            ("published_directory", "信息公开目录信息更新量（条）"),
        ],
    ),
    ("专栏专题", [("topics_maintained", "维护数量（个）"), ("topics_new", "新开设数量（个）")]),
    (
        "解读回应",
        [
            ("interpretations_total", "解读信息发布总数（条）"),
            ("interpretation_materials", "解读材料数量（条）"),
            ("interpretation_qa", "便民问答数量（条）"),
            ("responses", "回应公众关注热点或重大舆情数量（次）"),
        ],
    ),
    (
        "办事服务",
        [
            ("services_catalogue", "是否发布服务事项目录"),
            ("services_items", "政务服务事项数量（项）"),
            ("registered_users", "注册用户数（个）"),
            ("cases_handled", "办件量（件）"),
        ],
    ),
    (
        "互动交流",
        [
            ("unified_platform", "是否使用统一平台"),
            ("messages_received", "收到留言数量（条）"),
            ("messages_answered", "办结留言数量（条）"),
            ("messages_days", "平均办理时间（天）"),
            ("messages_published", "公开答复数量（条）"),
            ("surveys", "征集调查期数（期）"),
            ("survey_opinions", "收到意见数量（条）"),
            ("survey_results", "公布调查结果期数（期）"),
            ("interviews", "在线访谈期数（期）"),
        ],
    ),
    (
        "安全防护",
        [
            ("security_checks", "安全检测评估次数（次）"),
            ("security_problems", "发现问题数量（个）"),
            ("security_fixed", "问题整改数量（个）"),
        ],
    ),
    (
        "移动新媒体",
        [
            ("new_media", "是否有移动新媒体"),
            ("weibo", "微博名称"),
            ("wechat", "微信名称"),
            ("new_media_other", "其他"),
        ],
    ),
    ("创新发展", [("search", "搜索即服务"), ("accessibility", "无障碍浏览")]),
]

# 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), table 三: columns and rows by key.
APPLICANT_COLUMNS = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
REFUSALS = [
    (
        "withheld",
        "（三）不予公开",
        [
            ("withheld_state_secret", "1.属于国家秘密"),
            ("withheld_law", "2.其他法律行政法规禁止公开"),
            ("withheld_security", "3.危及“三安全一稳定”"),
            ("withheld_third_party", "4.保护第三方合法权益"),
            ("withheld_internal", "5.属于三类内部事务信息"),
            ("withheld_process", "6.属于四类过程性信息"),
            ("withheld_enforcement", "7.属于行政执法案卷"),
            ("withheld_inquiry", "8.属于行政查询事项"),
        ],
    ),
    (
        "unavailable",
        "（四）无法提供",
        [
            ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
            ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unavailable_unclear", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "not_processed",
        "（五）不予处理",
        [
            ("not_processed_petition", "1.信访举报投诉类申请"),
            ("not_processed_repeated", "2.重复申请"),
            ("not_processed_publication", "3.要求提供公开出版物"),
            ("not_processed_excessive", "4.无正当理由大量反复申请"),
            ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    (
        "other",
        "（六）其他处理",
        [
            ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_other", "3.其他"),
        ],
    ),
]
# A refusing outcome whose reason was not recorded (requests from before reasons were recorded).
UNRECORDED = "未登记理由"


def request_rows():
    """[(row key or None for a heading, label)] of table 三 in the official order."""
    rows = [
        ("new", "一、本年新收政府信息公开申请数量"),
        ("carried_in", "二、上年结转政府信息公开申请数量"),
        (None, "三、本年度办理结果"),
        ("disclosed", "（一）予以公开"),
        ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ]
    for outcome, label, reasons in REFUSALS:
        rows += [(None, label), *reasons, (f"{outcome}_unrecorded", f"（{UNRECORDED}）")]
    return rows + [("handled", "（七）总计"), ("carried_out", "四、结转下年度继续办理")]


# Table 四: (page field prefix, heading) × (suffix, column).
REVIEW_GROUPS = [
    ("review", "行政复议"),
    ("direct_suit", "行政诉讼：未经复议直接起诉"),
    ("suit_after_review", "行政诉讼：复议后起诉"),
]
REVIEW_RESULTS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")]


@dataclass
class Table:
    title: str
    head: list
    rows: list = field(default_factory=list)


def _value(figures, key):
    value = figures.get(key, NOT_COUNTED)
    return {True: "是", False: "否"}.get(value, value) if isinstance(value, bool) else value


def website_tables(page):
    figures = page.figures or {}
    return [
        Table(f"{number}、{section}", ["项目", "数值"], [[label, _value(figures, key)] for key, label in rows])
        for number, (section, rows) in zip("一二三四五六七八九", WEBSITE_FORM)
    ]


def disclosure_tables(page):
    figures = page.figures or {}
    active = Table(
        "二、主动公开政府信息情况",
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [
            ["规章", *(figures.get(f"rule_{k}", 0) for k in ("new", "repealed", "valid"))],
            ["行政规范性文件", *(figures.get(f"normative_{k}", 0) for k in ("new", "repealed", "valid"))],
        ],
    )
    decisions = Table(
        "第二十条第（五）（六）（八）项",
        ["信息内容", "本年处理决定数量 / 收费金额（万元）"],
        [
            ["行政许可", page.permits],
            ["行政处罚", page.penalties],
            ["行政强制", page.coercions],
            ["行政事业性收费（万元）", page.fees],
        ],
    )
    counts = figures.get("requests", {})
    requests = Table(
        "三、收到和处理政府信息公开申请情况",
        ["申请人情况", *(label for _k, label in APPLICANT_COLUMNS)],
        [
            [label, *(("" if key is None else counts.get(key, {}).get(column, 0)) for column, _l in APPLICANT_COLUMNS)]
            for key, label in request_rows()
            if key is None or not key.endswith("_unrecorded") or counts.get(key, {}).get("total")
        ],
    )
    review = Table("四、政府信息公开行政复议、行政诉讼情况", ["类别", *(label for _k, label in REVIEW_RESULTS), "总计"])
    for prefix, heading in REVIEW_GROUPS:
        values = [getattr(page, f"{prefix}_{suffix}") for suffix, _label in REVIEW_RESULTS]
        review.rows.append([heading, *values, sum(values)])
    return [active, decisions, requests, review]


def tables(page):
    return website_tables(page) if page.report_kind == "website" else disclosure_tables(page)
