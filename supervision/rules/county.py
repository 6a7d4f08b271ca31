"""County profile (桓台-style notice): news quotas, publication delays, fixed columns, 解读, replies,
complete 行政许可 guides."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import NoticePage, PersonnelPage, PolicyPage, ProcurementPage, ServiceItemPage
from content.vocabularies import PolicyKind
from interaction.models import DeadlineKind, Kind

from .base import Level, Profile, hours_between, item, local, setting
from .registry import Outcome, rule

TOWNSHIPS = ("township", "street")
DOCUMENT_KINDS = [PolicyKind.LAW, PolicyKind.RULE, PolicyKind.NORMATIVE, PolicyKind.PARTY_GOV]


def county(name):
    return setting(Profile.COUNTY, name)


def _shortfall(count, minimum):
    return Outcome(
        _("at least %(n)d a month") % {"n": minimum},
        _("%(n)d items") % {"n": count},
        Level.WARNING if count < minimum else Level.OK,
        [],
    )


@rule(
    "township_news_month",
    gettext_lazy("Township news per month"),
    Profile.COUNTY,
    TOWNSHIPS,
    next_step=gettext_lazy("Publish more work news: the county requires the monthly minimum."),
)
def township_news_month(data, subject):
    return _shortfall(sum(data.news_days[subject.key].values()), county("township_news_per_month"))


@rule(
    "township_news_daily",
    gettext_lazy("Township news every day"),
    Profile.COUNTY,
    TOWNSHIPS,
    next_step=gettext_lazy("Publish at least one work news item every day."),
)
def township_news_daily(data, subject):
    minimum = county("township_news_per_day")
    per_day = data.news_days[subject.key]
    day, last = timezone.localdate(data.period.start), timezone.localdate(data.as_of)
    missing = []
    while day < last:
        if per_day[day] < minimum:
            missing.append(item(day.isoformat(), detail=_("%(n)d items") % {"n": per_day[day]}))
        day += datetime.timedelta(days=1)
    return Outcome.listing(
        _("at least %(n)d a day") % {"n": minimum},
        _("%(n)d days below the minimum") % {"n": len(missing)},
        missing,
    )


@rule(
    "department_news_month",
    gettext_lazy("Department news per month"),
    Profile.COUNTY,
    ("department",),
    next_step=gettext_lazy("Publish more work news: the county requires the monthly minimum."),
)
def department_news_month(data, subject):
    return _shortfall(sum(data.news_days[subject.key].values()), county("department_news_per_month"))


def _delays(data, subject, sources, hours):
    total, late = 0, []
    for model, extra in sources:
        total += data.published_in_period(model, extra).get(subject.key, 0)
        for row in data.late_items(model, hours, extra)[subject.key]:
            late.append(
                item(
                    row["title"],
                    row["id"],
                    _("issued %(issued)s, published %(published)s (%(hours)s h)")
                    % {
                        "issued": local(row["issued_at"]),
                        "published": local(row["first_published_at"]),
                        "hours": hours_between(row["issued_at"], row["first_published_at"]),
                    },
                )
            )
    return Outcome.listing(
        _("within %(hours)d hours of issue") % {"hours": hours},
        _("%(late)d of %(total)d late") % {"late": len(late), "total": total},
        late,
    )


@rule(
    "notice_delay",
    gettext_lazy("Announcements published in time"),
    Profile.COUNTY,
    next_step=gettext_lazy("Publish announcements within 12 hours of issue; check the late ones listed."),
)
def notice_delay(data, subject):
    return _delays(data, subject, [(NoticePage, Q())], county("notice_hours"))


@rule(
    "document_delay",
    gettext_lazy("Procurement, regulations, party and government documents, appointments published in time"),
    Profile.COUNTY,
    next_step=gettext_lazy("Publish procurement, regulations, documents and appointments within 24 hours."),
)
def document_delay(data, subject):
    sources = [(ProcurementPage, Q()), (PolicyPage, Q(policy_kind__in=DOCUMENT_KINDS)), (PersonnelPage, Q())]
    return _delays(data, subject, sources, county("document_hours"))


@rule(
    "fixed_info_delay",
    gettext_lazy("Fixed columns updated after a change"),
    Profile.COUNTY,
    next_step=gettext_lazy(
        "Update fixed columns (overview, duties, organisations, leaders) within 24 hours of a change."
    ),
)
def fixed_info_delay(data, subject):
    hours = county("fixed_info_hours")
    changes = data.fixed_changes[subject.key]
    late = [
        item(
            row["page__title"],
            row["page_id"],
            _("changed %(changed)s, updated %(updated)s")
            % {"changed": local(row["effective_at"]), "updated": local(row["published_at"])},
        )
        for row in changes
        if row["published_at"] - row["effective_at"] > datetime.timedelta(hours=hours)
    ]
    return Outcome.listing(
        _("within %(hours)d hours of the change") % {"hours": hours},
        _("%(late)d of %(total)d late") % {"late": len(late), "total": len(changes)},
        late,
    )


@rule(
    "interpretation",
    gettext_lazy("Interpretation or Q&A for every regulation and normative document"),
    Profile.COUNTY,
    next_step=gettext_lazy("Publish the missing interpretations or Q&A items for the documents listed."),
)
def interpretation(data, subject):
    """Late: no 解读/便民问答 within N working days of publication (an exemption does not excuse it)."""
    workdays = county("interpretation_workdays")
    start, as_of, late = data.period.start, data.as_of, []
    for row in data.policies[subject.key]:
        due = data.workday_deadline(row["first_published_at"], workdays)
        interpreted = row["interpreted_at"]
        missing = interpreted is None and as_of > due
        came_late = interpreted is not None and interpreted > due
        in_period = start <= due < as_of or (due < start and (interpreted is None or interpreted >= start))
        if in_period and (missing or came_late):
            detail = _("due %(due)s, interpreted %(at)s") % {"due": local(due), "at": local(interpreted)}
            if row["interpretation_exempt"]:
                detail += _("; exempted: %(reason)s") % {"reason": row["exemption_reason"]}
            late.append(item(row["title"], row["id"], detail))
    return Outcome.listing(
        _("within %(n)d working days of publication") % {"n": workdays},
        _("%(n)d late") % {"n": len(late)},
        late,
    )


def _late_replies(data, subject, deadline_kind, case_kind, threshold):
    late, totals = data.late_deadlines(deadline_kind, case_kind)
    rows = late[subject.key]
    items = [
        item(
            f"{row['case__tracking_code']} {row['case__title']}",
            detail=_("due %(due)s, done %(done)s") % {"due": local(row["due_at"]), "done": local(row["closed_at"])},
        )
        for row in rows
    ]
    return Outcome.listing(
        threshold,
        _("%(late)d of %(total)d late") % {"late": len(rows), "total": totals.get(subject.key, 0)},
        items,
    )


@rule(
    "consultation_reply",
    gettext_lazy("Consultations answered in time"),
    Profile.COUNTY,
    next_step=gettext_lazy("Answer the overdue consultations listed."),
)
def consultation_reply(data, subject):
    """Measured on the interaction app's stored reply deadlines (INTERACTION_RULES consultation_reply)."""
    return _late_replies(
        data,
        subject,
        DeadlineKind.REPLY,
        Kind.CONSULTATION,
        _("by the reply deadline (working days, INTERACTION_RULES)"),
    )


@rule(
    "complaint_ack",
    gettext_lazy("Complaints acknowledged in time"),
    Profile.COUNTY,
    next_step=gettext_lazy("Acknowledge complaints within 24 hours."),
)
def complaint_ack(data, subject):
    return _late_replies(
        data, subject, DeadlineKind.ACK, Kind.COMPLAINT, _("by the acknowledgment deadline (INTERACTION_RULES)")
    )


@rule(
    "licensing_guide",
    gettext_lazy("Administrative licensing guides with all 14 fields and downloadable forms"),
    Profile.COUNTY,
    next_step=gettext_lazy("Complete the licensing guides listed and attach their forms."),
)
def licensing_guide(data, subject):
    """Every live 行政许可 item: the 14 guide fields (ServiceItemPage.GUIDE_FIELDS) and at least one form.

    Publishing already requires the fields; a live guide loses one e.g. when its flowchart image is deleted."""
    pages = data.licensing_items[subject.key]
    incomplete = []
    for page in pages:
        missing = page.missing_guide_fields() + ([] if page.form_count else [str(_("downloadable forms"))])
        if missing:
            incomplete.append(item(page.title, page.pk, _("missing: %(fields)s") % {"fields": "、".join(missing)}))
    return Outcome.listing(
        _("all %(n)d guide fields and downloadable forms") % {"n": len(ServiceItemPage.GUIDE_FIELDS)},
        _("%(bad)d of %(total)d incomplete") % {"bad": len(incomplete), "total": len(pages)},
        incomplete,
    )
