"""The shared subsite template: the standard columns every unit's subsite gets, by unit kind.

Each column is identified by its slug; applying the template again only adds the
columns a unit does not have yet, so the template can grow without touching content. Titles and descriptions are
content written into the new pages (in Chinese, as the county publishes them), not UI text.
"""

from dataclasses import dataclass

from subsites.models import UnitKind

from .models import ColumnType, Syndication


@dataclass(frozen=True)
class ColumnSpec:
    slug: str
    title: str
    column_type: str
    description: str = ""


def _overview_title(kind):
    return {
        UnitKind.TOWNSHIP: "镇情概况",
        UnitKind.STREET: "街道概况",
    }.get(kind, "机构概况")


def columns_for(kind):
    """The ordered standard columns of a subsite for a unit of this kind."""
    columns = [
        ColumnSpec("jggk", _overview_title(kind), ColumnType.OVERVIEW, "单位简介、机构职能等基本信息"),
        ColumnSpec("ldxx", "领导信息", ColumnType.LEADERS, "领导姓名、简历与分工"),
        ColumnSpec("jgsz", "机构设置", ColumnType.FUNCTIONS, "内设机构及其职责"),
        ColumnSpec("gzdt", "工作动态", ColumnType.NEWS, "本单位工作动态"),
        ColumnSpec("tzgg", "通知公告", ColumnType.NOTICES, "通知、公告、公示"),
        ColumnSpec("zcwj", "政策文件", ColumnType.POLICIES, "本单位发布的政策文件"),
        ColumnSpec("zcjd", "政策解读", ColumnType.INTERPRETATIONS, "政策解读与便民问答"),
        ColumnSpec("ghjh", "规划计划", ColumnType.PLANS, "发展规划与工作计划"),
    ]
    if kind == UnitKind.DEPARTMENT:
        columns.append(ColumnSpec("rsxx", "人事信息", ColumnType.PERSONNEL, "人事任免与招录信息"))
    else:
        columns.append(ColumnSpec("cwgk", "村（居）务公开", ColumnType.DISCLOSURE, "村（社区）事务公开"))
    columns += [
        ColumnSpec("bsfw", "办事服务", ColumnType.SERVICES, "办事指南与表格下载"),
        ColumnSpec("hdjl", "互动交流", ColumnType.INTERACTION, "咨询、投诉、建议"),
        ColumnSpec("xxgkml", "信息公开目录", ColumnType.DISCLOSURE, "政府信息主动公开目录"),
        ColumnSpec("xxgkzn", "政府信息公开指南", ColumnType.DISCLOSURE_GUIDE, "本单位政府信息公开指南"),
        ColumnSpec("ztzl", "专题专栏", ColumnType.TOPICS, "专题专栏"),
    ]
    return columns


# Columns of the county portal itself; the syndicated ones list every subsite's matching items.
PORTAL_COLUMNS = [
    (ColumnSpec("xxgkml", "政务公开", ColumnType.DISCLOSURE, "全县政府信息公开目录"), Syndication.NONE),
    (ColumnSpec("zwfw", "政务服务", ColumnType.SERVICES, "全县办事指南"), Syndication.SERVICES),
    (ColumnSpec("bmdt", "部门动态", ColumnType.NEWS, "县直部门工作动态"), Syndication.DEPARTMENT_NEWS),
    (ColumnSpec("zjdt", "镇街动态", ColumnType.NEWS, "各镇（街道）工作动态"), Syndication.TOWNSHIP_NEWS),
    (ColumnSpec("zcwjk", "政策文件库", ColumnType.POLICIES, "全县政策文件"), Syndication.POLICIES),
    (ColumnSpec("zcjd", "政策解读", ColumnType.INTERPRETATIONS, "全县政策解读"), Syndication.INTERPRETATIONS),
    (ColumnSpec("tzgg", "通知公告", ColumnType.NOTICES, "全县通知公告"), Syndication.NOTICES),
    (ColumnSpec("zfxxgk", "政府信息公开指南", ColumnType.DISCLOSURE_GUIDE, "政府信息公开指南"), Syndication.NONE),
    (ColumnSpec("hdjl", "互动交流", ColumnType.INTERACTION, "咨询、投诉、建议、依申请公开"), Syndication.NONE),
    (ColumnSpec("zjdc", "征集调查", ColumnType.SURVEYS, "政策草案公开征求意见与问卷调查"), Syndication.NONE),
    (ColumnSpec("zxft", "在线访谈", ColumnType.INTERVIEWS, "领导和部门负责人在线访谈"), Syndication.NONE),
    (ColumnSpec("hygz", "回应关切", ColumnType.RESPONSES, "对社会关切的权威回应"), Syndication.NONE),
    (ColumnSpec("ztzl", "专题专栏", ColumnType.TOPICS, "全县专题专栏"), Syndication.NONE),
]

# The main navigation (after 首页) by column slug, in the order of the national practice
# (docs/architecture.md, "Public pages"): the portal's 政务公开 · 政务服务 · 政策 · 互动交流 · 专题专栏,
# a unit's own columns.
PORTAL_NAVIGATION = ["xxgkml", "zwfw", "zcwjk", "zcjd", "hdjl", "ztzl"]
UNIT_NAVIGATION = ["jggk", "gzdt", "tzgg", "zcwj", "zcjd", "bsfw", "hdjl", "xxgkml"]
