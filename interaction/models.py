"""Cases (咨询、投诉、建议、依申请公开、领导信箱), their public history, stored deadlines, pauses,
and the administrator-kept working-day calendar; a case's e-mail is an OutgoingMail (base/mail.py)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from subsites.models import Unit

from .workdays import package_covers

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class PrivateStorage(LazyObject):
    """The object store's private area when STORAGES has one, else INTERACTION_PRIVATE_ROOT on disk.

    Chosen at first use and again after the STORAGES setting changes (like Django's default_storage).
    """

    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages["private"]
        else:
            self._wrapped = FileSystemStorage(location=settings.INTERACTION_PRIVATE_ROOT)


PRIVATE_STORAGE = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting in ("STORAGES", "INTERACTION_PRIVATE_ROOT"):
        PRIVATE_STORAGE._wrapped = empty


def private_storage():
    return PRIVATE_STORAGE


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    DISCLOSURE = "disclosure", _("Disclosure request")
    LEADER_MAIL = "leader_mail", _("Letter to the county leaders")


class Status(models.TextChoices):
    NEW = "new", _("Awaiting triage")
    PROCESSING = "processing", _("Being handled")
    CORRECTION = "correction", _("Awaiting correction")
    REVIEW = "review", _("Reply awaiting approval")
    REPLIED = "replied", _("Replied")


class ReplyType(models.TextChoices):
    ANSWERED = "answered", _("Question answered")
    CANNOT_ANSWER = "cannot_answer", _("Cannot be answered")


class DisclosureOutcome(models.TextChoices):
    """Outcomes of a disclosure request as counted in the annual report table (条例 art. 36, 50).

    The labels are the table's official wording, so they are data and not translated.
    """

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD = "withheld", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    OTHER = "other", "其他处理"


# Outcomes that refuse all or part of a request: the reply must state the reason (条例 art. 36).
OUTCOMES_NEEDING_REASON = {
    DisclosureOutcome.PARTIAL,
    DisclosureOutcome.WITHHELD,
    DisclosureOutcome.UNAVAILABLE,
    DisclosureOutcome.NOT_PROCESSED,
    DisclosureOutcome.OTHER,
}


class DisclosureReason(models.TextChoices):
    """The annual report table's sub-rows of the refusing outcomes (official wording, data like the outcomes).

    The value starts with the outcome it belongs to (`REASONS_BY_OUTCOME`); 部分公开 has no sub-rows.
    """

    WITHHELD_STATE_SECRET = "withheld_state_secret", "属于国家秘密"
    WITHHELD_LAW = "withheld_law", "其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_security", "危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "属于行政执法案卷"
    WITHHELD_INQUIRY = "withheld_inquiry", "属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", "本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", "没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", "补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed_petition", "信访举报投诉类申请"
    NOT_PROCESSED_REPEATED = "not_processed_repeated", "重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", "要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", "无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation", "要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "other_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    OTHER_UNPAID = "other_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER_OTHER = "other_other", "其他"


# The refusing outcomes whose table rows are split by reason, with their reasons.
REASONS_BY_OUTCOME = {
    outcome: [reason for reason in DisclosureReason if reason.startswith(outcome + "_")]
    for outcome in (
        DisclosureOutcome.WITHHELD,
        DisclosureOutcome.UNAVAILABLE,
        DisclosureOutcome.NOT_PROCESSED,
        DisclosureOutcome.OTHER,
    )
}


class ApplicantType(models.TextChoices):
    """Who asks for information (条例 art. 29); the annual report counts requests by it."""

    NATURAL_PERSON = "natural_person", _("Natural person")
    LEGAL_PERSON = "legal_person", _("Legal person")
    OTHER_ORGANISATION = "other_organisation", _("Other organisation")


class OrganisationCategory(models.TextChoices):
    """The annual report's columns of 法人或其他组织 (official wording, data like the outcomes)."""

    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    """获取信息的方式 the applicant asks for."""

    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    FAX = "fax", _("By fax")
    PICKUP = "pickup", _("Collect in person")
    ONSITE = "onsite", _("Read and copy on site")


class Satisfaction(models.IntegerChoices):
    SATISFIED = 3, _("Satisfied")
    BASICALLY = 2, _("Basically satisfied")
    DISSATISFIED = 1, _("Dissatisfied")


class Case(models.Model):
    """One citizen submission from intake to reply and rating."""

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    password_hash = models.CharField(max_length=64, editable=False)
    submission_token = models.UUIDField(unique=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("content"))
    name = models.CharField(_("citizen name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="interaction/%Y/%m/", storage=private_storage, blank=True)
    # 依申请公开 only: who applies and how the information is to be provided (the annual report's tables).
    applicant_type = models.CharField(_("applicant type"), max_length=20, choices=ApplicantType.choices, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=100, blank=True)
    organisation_category = models.CharField(
        _("organisation category"), max_length=20, choices=OrganisationCategory.choices, blank=True
    )
    organisation_credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    delivery_method = models.CharField(
        _("how to receive the information"), max_length=20, choices=DeliveryMethod.choices, blank=True
    )
    publish_consent = models.BooleanField(_("reply may be published"), default=False)
    submitter_ip = models.GenericIPAddressField(null=True, editable=False)

    origin_unit = models.ForeignKey(
        Unit,
        verbose_name=_("addressed unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interaction_cases",
    )
    important = models.BooleanField(_("important complaint"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    received_at = models.DateTimeField(_("received date"), null=True, blank=True)
    clock_start_at = models.DateTimeField(null=True, blank=True, editable=False)
    correction_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    extension_days = models.PositiveSmallIntegerField(default=0, editable=False)
    extension_approver = models.CharField(max_length=50, blank=True, editable=False)
    correction_text = models.TextField(_("correction from the applicant"), blank=True, editable=False)
    corrected_at = models.DateTimeField(_("correction received"), null=True, blank=True, editable=False)

    reply_draft = models.TextField(blank=True, editable=False)
    reply_body = models.TextField(_("reply"), blank=True)
    reply_type = models.CharField(_("reply type"), max_length=20, choices=ReplyType.choices, blank=True)
    disclosure_outcome = models.CharField(
        _("disclosure outcome"), max_length=20, choices=DisclosureOutcome.choices, blank=True
    )
    disclosure_reason = models.CharField(
        _("reason category"), max_length=40, choices=DisclosureReason.choices, blank=True
    )
    reply_reason = models.TextField(_("reason"), blank=True)
    reply_unit = models.ForeignKey(
        Unit,
        verbose_name=_("replying unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("reply date"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)

    rating = models.PositiveSmallIntegerField(_("satisfaction"), null=True, choices=Satisfaction.choices)
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.tracking_code} {self.title}"

    @staticmethod
    def new_credentials():
        code = timezone.localtime().strftime("%Y%m%d") + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        password = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        return code, password

    def set_password(self, password):
        self.password_hash = salted_hmac(
            "interaction.case", f"{self.tracking_code}:{password}", algorithm="sha256"
        ).hexdigest()

    def check_password(self, password):
        expected = salted_hmac("interaction.case", f"{self.tracking_code}:{password}", algorithm="sha256").hexdigest()
        return constant_time_compare(self.password_hash, expected)

    @property
    def is_open(self):
        return self.status != Status.REPLIED

    def important_label(self):
        """The listing's column: the words, not a raw boolean."""
        return _("Important complaint") if self.important else ""

    important_label.short_description = _("important complaint")


def scoped_cases(unit):
    """The cases of a unit's site (received or answered by it), or, without a unit, of the whole county."""
    cases = Case.objects.all()
    return cases.filter(models.Q(unit=unit) | models.Q(reply_unit=unit)) if unit is not None else cases


class CaseEvent(models.Model):
    """One step of a case; `public` steps are what the citizen sees on the tracking page."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=30)
    public = models.BooleanField(default=True)
    message = models.TextField()
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]


class DeadlineKind(models.TextChoices):
    ACK = "ack", _("Acknowledgment")
    REPLY = "reply", _("Reply")
    IMPORTANT = "important", _("Important complaint response")
    FLOOR = "floor", _("National three-month limit")
    CORRECTION = "correction", _("Correction notice")
    APPLICANT_CORRECTION = "applicant_correction", _("Applicant's correction")
    THIRD_PARTY = "third_party", _("Third-party opinion")


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Running")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    CANCELLED = "cancelled", _("No longer applies")


class Deadline(models.Model):
    """A stored, explained deadline of a case, recomputed when its clock changes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=20, choices=DeadlineKind.choices)
    state = models.CharField(max_length=10, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    due_at = models.DateTimeField(_("due"), null=True)
    explanation = models.CharField(max_length=300)
    closed_at = models.DateTimeField(null=True)
    alerted_near = models.BooleanField(default=False)
    alerted_overdue = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="one_deadline_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.explanation}"

    @property
    def overdue(self):
        moment = self.closed_at or timezone.now()
        return (
            self.state in (DeadlineState.OPEN, DeadlineState.MET) and self.due_at is not None and moment > self.due_at
        )


class ClockPause(models.Model):
    """Time spent consulting a third party; its working days do not count toward the reply limit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True)
    reason = models.CharField(max_length=200)


class CalendarDay(models.Model):
    """A holiday or 调休 working day for a year the chinese-calendar package does not cover yet."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"), help_text=_("Ticked: a make-up working day; unticked: a public holiday.")
    )
    note = models.CharField(_("note"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")

    def __str__(self):
        return f"{self.date} {self.note}"

    def clean(self):
        if self.date and package_covers(self.date.year):
            raise ValidationError(
                {"date": _("This year is covered by the official calendar package; no entry is needed.")}
            )


# Models of this app kept in their own modules (征集调查 responses, 在线访谈 questions and transcript).
from .interviews import InterviewQuestion, TranscriptEntry  # noqa: E402,F401
from .surveys import SurveyResponse  # noqa: E402,F401
