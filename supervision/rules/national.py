"""National single-veto indicators (国办秘函〔2019〕19号) with early warnings before each threshold."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.time import local_date
from content.models import Freshness, ServiceItemPage

from .base import Level, Profile, item, local, setting
from .registry import Outcome, rule


def national(name):
    return setting(Profile.NATIONAL, name)


def _age_days(data, moment):
    return (data.as_of - moment).total_seconds() / 86400


def _counted(count, veto_at, items, extra_warning=False):
    level = Level.VETO if count >= veto_at else (Level.WARNING if count or extra_warning else Level.OK)
    return Outcome(_("fewer than %(n)d columns") % {"n": veto_at}, _("%(n)d columns") % {"n": count}, level, items)


@rule(
    "homepage_update",
    gettext_lazy("Homepage updated"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Publish a new item: the homepage must change within two weeks."),
)
def homepage_update(data, subject):
    limit, warn = national("homepage_stale_days"), national("homepage_warn_days")
    latest = data.latest_item.get(subject.key)
    threshold = _("a new item within %(days)d days") % {"days": limit}
    if latest is None:
        return Outcome(threshold, _("nothing published"), Level.VETO, [])
    days = _age_days(data, latest)
    level = Level.VETO if days >= limit else (Level.WARNING if days >= warn else Level.OK)
    return Outcome(threshold, _("%(days)d days since %(at)s") % {"days": int(days), "at": local(latest)}, level, [])


def _class_limit(column):
    return {
        Freshness.DYNAMIC: national("dynamic_column_days"),
        Freshness.NOTICE_POLICY: national("notice_policy_column_days"),
        Freshness.PLAN_PERSONNEL: national("plan_personnel_column_days"),
    }.get(column["freshness"])


def _column_item(data, column, limit):
    return item(
        column["title"],
        column["id"],
        _("last item %(at)s (%(days)d days; limit %(limit)d)")
        % {"at": local(column["last"]), "days": int(_age_days(data, column["last"])), "limit": limit},
    )


@rule(
    "stale_columns",
    gettext_lazy("Columns not updated (news two weeks, notices and policies six months)"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Update the stale columns listed before they reach the limit."),
)
def stale_columns(data, subject):
    stale, nearly = [], []
    for column in data.columns[subject.key]:
        if column["last"] is None:
            continue  # never filled: counted as a blank column
        if column["freshness"] == Freshness.DYNAMIC:
            limit, warn = national("dynamic_column_days"), national("dynamic_column_warn_days")
        elif column["freshness"] == Freshness.NOTICE_POLICY and column["top_level"]:
            limit, warn = national("notice_policy_column_days"), national("notice_policy_column_warn_days")
        else:
            continue
        days = _age_days(data, column["last"])
        if days >= limit:
            stale.append(_column_item(data, column, limit))
        elif days >= warn:
            entry = _column_item(data, column, limit)
            entry["detail"] = _("nearly stale: ") + entry["detail"]
            nearly.append(entry)
    return _counted(len(stale), national("stale_columns_veto"), stale + nearly, bool(nearly))


@rule(
    "should_update_columns",
    gettext_lazy("Columns that should be updated but have not been"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Update, merge or close the columns listed."),
)
def should_update_columns(data, subject):
    overdue = []
    for column in data.columns[subject.key]:
        limit = _class_limit(column)
        if limit and column["last"] is not None and _age_days(data, column["last"]) >= limit:
            overdue.append(_column_item(data, column, limit))
    return _counted(len(overdue), national("should_update_columns_veto"), overdue)


@rule(
    "blank_columns",
    gettext_lazy("Blank columns"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Fill the blank columns listed, or ask the portal centre to close them."),
)
def blank_columns(data, subject):
    exempt = set(national("blank_exempt_column_types"))
    blank = [
        item(c["title"], c["id"])
        for c in data.columns[subject.key]
        if not c["count"] and not c["text"] and not c["syndication"] and c["column_type"] not in exempt
    ]
    return _counted(len(blank), national("blank_columns_veto"), blank)


@rule(
    "unanswered_messages",
    gettext_lazy("Messages answered within three months"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Answer the messages listed: none may stay open for three months."),
)
def unanswered_messages(data, subject):
    veto_days, warn_days = national("unanswered_veto_days"), national("unanswered_warn_days")
    rows = data.long_open_messages(warn_days)[subject.key]
    over = [r for r in rows if r["days"] > veto_days]
    shown = [r for r in sorted(rows, key=lambda r: -r["days"]) if r["days"] > veto_days or not r["answered"]]
    level = Level.VETO if over else (Level.WARNING if shown else Level.OK)
    items = [
        item(
            f"{r['tracking_code']} {r['title']}",
            detail=(_("answered after %(days)d days") if r["answered"] else _("open for %(days)d days"))
            % {"days": r["days"]},
        )
        for r in shown
    ]
    return Outcome(
        _("none open more than %(days)d days") % {"days": veto_days},
        _("%(n)d messages over the limit") % {"n": len(over)},
        level,
        items,
    )


@rule(
    "consultation_channel",
    gettext_lazy("Working consultation channel"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Ask the portal centre to restore the consultation column."),
)
def consultation_channel(data, subject):
    """The forms, tracking and replies must be reachable by links from the site's home page (checked
    by following links on the site as it is now, supervision.channels)."""
    missing = data.missing_channel_entries(subject.unit)
    if missing is None:
        return Outcome(_("forms reachable from the home page"), _("no site"), Level.VETO, [])
    return Outcome(
        _("forms reachable from the home page"),
        _("%(n)d entries not reachable") % {"n": len(missing)},
        Level.VETO if missing else Level.OK,
        [item(label, detail=_("no link from the home page reaches it")) for label in missing],
    )


@rule(
    "service_guide",
    gettext_lazy("Service guides complete"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Complete the service guides listed."),
)
def service_guide(data, subject):
    fields = national("service_guide_elements")
    rows = data.service_items(fields)[subject.key]
    incomplete = []
    for row in rows:
        missing = [
            str(ServiceItemPage._meta.get_field(name).verbose_name)
            for name in fields
            if not str(row[name] if row[name] is not None else "").strip()
        ]
        if missing:
            incomplete.append(item(row["title"], row["id"], _("missing: %(fields)s") % {"fields": "、".join(missing)}))
    if incomplete:
        level = Level.VETO
    else:
        level = Level.OK if rows else Level.WARNING
    return Outcome(
        _("every guide has its key elements"),
        _("%(bad)d of %(total)d incomplete") % {"bad": len(incomplete), "total": len(rows)},
        level,
        incomplete,
    )


@rule(
    "availability",
    gettext_lazy("Site availability"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Ask the portal centre to investigate the failed availability probes."),
)
def availability(data, subject):
    days, veto, warn = (
        national("availability_days"),
        national("availability_veto_ratio"),
        national("availability_warn_ratio"),
    )
    row = data.probes(days).get(subject.key)
    threshold = _("fewer than %(percent)s%% failed probes in %(days)d days") % {
        "percent": f"{veto * 100:g}",
        "days": days,
    }
    if not row:
        return Outcome(threshold, _("not probed"), Level.UNMEASURED, [])
    ratio = row["failures"] / row["total"]
    level = Level.VETO if ratio >= veto else (Level.WARNING if ratio >= warn else Level.OK)
    return Outcome(
        threshold,
        _("%(failures)d of %(total)d failed (%(percent).1f%%)")
        % {"failures": row["failures"], "total": row["total"], "percent": ratio * 100},
        level,
        [],
    )


@rule(
    "broken_links",
    gettext_lazy("Working links, attachments and images"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Fix or remove the broken links, attachments and images listed."),
)
def broken_links(data, subject):
    if data.link_problems is None:
        return Outcome(_("no broken links"), _("no link check yet"), Level.UNMEASURED, [])
    rows = data.link_problems[subject.key]
    items = [item(row["page__title"], row["page_id"], f"{row['url']}：{row['problem']}") for row in rows]
    return Outcome.listing(_("no broken links"), _("%(n)d broken") % {"n": len(rows)}, items)


@rule(
    "site_identity",
    gettext_lazy("Website identification code, ICP and public security filing numbers"),
    Profile.NATIONAL,
    next_step=gettext_lazy(
        "Ask the portal centre to enter the site's identification code and filing numbers (设置 → 网站标识信息)."
    ),
)
def site_identity(data, subject):
    identity = data.site_identities.get(subject.key)
    problems = identity.filing_problems() if identity else [_("the site has no identity settings")]
    return Outcome.listing(
        _("present and well-formed"),
        _("%(n)d problems") % {"n": len(problems)},
        [item(problem) for problem in problems],
    )


@rule(
    "survey_results",
    gettext_lazy("Results of consultations and surveys published"),
    Profile.NATIONAL,
    next_step=gettext_lazy("Publish the results and adoption (意见采纳情况) of the consultations listed."),
)
def survey_results(data, subject):
    """征集调查 results (意见采纳情况) published within survey_results_days of the consultation's close."""
    days = national("survey_results_days")
    pages = data.surveys_without_results(days)[subject.key]
    items = [item(page.title, page.pk, _("closed %(when)s") % {"when": local(page.closes_at)}) for page in pages]
    return Outcome.listing(
        _("results within %(n)d days of closing") % {"n": days},
        _("%(n)d without results") % {"n": len(pages)},
        items,
    )


@rule(
    "new_media_updates",
    gettext_lazy("Government new media accounts updated (no dormant account)"),
    Profile.NATIONAL,
    next_step=gettext_lazy(
        "Post on the government new media accounts listed, or close them and record "
        "the closure (片段 → 政务新媒体账号)."
    ),
)
def new_media_updates(data, subject):
    limit, warn = national("new_media_stale_days"), national("new_media_warn_days")
    today = local_date(data.as_of)
    stale, nearly = [], []
    for account in data.new_media_accounts.get(subject.key, []):
        days = (today - account.last_updated).days
        if days >= warn:
            (stale if days >= limit else nearly).append(
                item(
                    str(account),
                    None,
                    _("last update %(day)s (%(days)d days; limit %(limit)d)")
                    % {"day": account.last_updated.isoformat(), "days": days, "limit": limit},
                )
            )
    level = Level.VETO if stale else (Level.WARNING if nearly else Level.OK)
    return Outcome(
        _("an update within %(days)d days") % {"days": limit},
        _("%(n)d accounts not updated") % {"n": len(stale)},
        level,
        stale + nearly,
    )
