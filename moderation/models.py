"""Approval tasks of the unit workflow (单位审签, 主要领导审核), the sensitive-term dictionary and reminders."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState


class SensitivityMark(models.TextChoices):
    """The four kinds of item that also need the main leader's approval."""

    OVERALL = "overall", _("Overall (全局性)")
    POLITICAL = "political", _("Political (政治性)")
    POLICY = "policy", _("Policy (政策性)")
    SENSITIVE = "sensitive", _("Sensitive (敏感性)")


class CheckedApprovalTask(AbstractGroupApprovalTask):
    """Group approval that refuses to approve a revision failing the publish-time checks, and never
    lets the person who submitted the item approve or return it (nobody approves their own item)."""

    approve_label = _("Approve")

    class Meta:
        abstract = True

    def get_actions(self, obj, user):
        if not super().get_actions(obj, user) or is_own_submission(obj.current_workflow_state, user):
            return []
        return [
            ("approve", self.approve_label, False),
            ("reject", _("Return for changes"), True),
            ("approve", _("Approve with a comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from .checks import refuse_if_failing

        if is_own_submission(task_state.workflow_state, user):
            raise PermissionDenied
        # Check what would be published: the latest revision (approvers may have edited it).
        latest = task_state.workflow_state.content_object.get_latest_revision().as_object()
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        companions = self.companions_waiting(latest)
        if any(refuse_if_failing(page) for page in [latest, *(state.revision.as_object() for state in companions)]):
            return None
        result = super().on_action(task_state, user, action_name, **kwargs)
        for state in companions:  # 同步审签: the policy's interpretations are approved in the same step
            state.task.specific.on_action(state, user, action_name, **kwargs)
        return result

    def companions_waiting(self, page):
        """Task states of the pages to approve together with `page` that wait at this same task."""
        pages = getattr(page, "approved_with", list)()
        if not pages:
            return []
        return list(
            TaskState.objects.filter(
                task=self,
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type=page.get_base_content_type(),
                workflow_state__object_id__in=[str(companion.pk) for companion in pages],
            ).select_related("revision", "task")
        )


def is_own_submission(workflow_state, user):
    return workflow_state is not None and workflow_state.requested_by_id == user.pk


class UnitReviewTask(CheckedApprovalTask):
    """单位审签: the unit's reviewers sign off every publication."""

    approve_label = _("Approve and sign off")

    class Meta:
        verbose_name = _("unit sign-off")
        verbose_name_plural = _("unit sign-offs")

    @classmethod
    def get_description(cls):
        return _("The unit's reviewers (审核人) sign off every item before publication.")


class LeaderApprovalTask(CheckedApprovalTask):
    """主要领导审核: runs only when the revision carries a sensitivity mark; skipped otherwise."""

    approve_label = _("Sign and issue")

    class Meta:
        verbose_name = _("main leader approval")
        verbose_name_plural = _("main leader approvals")

    @classmethod
    def get_description(cls):
        return _("The unit's main leader approves items marked 全局性、政治性、政策性 or 敏感性.")

    def start(self, workflow_state, user=None):
        revision = workflow_state.content_object.get_latest_revision()
        if getattr(revision.as_object(), "sensitivity_marks", []):
            return super().start(workflow_state, user=user)
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state,
            revision=revision,
            task=self,
            status=TaskState.STATUS_SKIPPED,
        )
        task_state.save()
        return task_state


class TermKind(models.TextChoices):
    BANNED = "banned", _("Banned term")
    WRONG_FORM = "wrong_form", _("Wrong form of a name or title")


class SensitiveTerm(models.Model):
    """An entry of the dictionary that blocks publication: a banned term, or a wrong form and its correction."""

    kind = models.CharField(_("kind"), max_length=20, choices=TermKind.choices)
    term = models.CharField(
        _("term"), max_length=100, unique=True, error_messages={"unique": _("This term is already in the dictionary.")}
    )
    correct_form = models.CharField(
        _("correct form"), max_length=100, blank=True, help_text=_("For a wrong form: how it must be written.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "term"]
        verbose_name = _("sensitive term")
        verbose_name_plural = _("sensitive terms")

    def __str__(self):
        return self.term

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == TermKind.WRONG_FORM and not self.correct_form.strip():
            raise ValidationError({"correct_form": _("A wrong form needs its correct form.")})


class PublicationOverride(models.Model):
    """The portal administrator's recorded decision to publish a page despite failing checks.

    Granted with a reason before publishing; the next publication of the page that fails a check
    uses it (and is bound to that revision, so a scheduled go-live of the same revision passes
    too). Using it writes the reason and the overridden findings to the audit log.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publication override")


class PageDecision(models.Model):
    """Something about a page that one person decides once (its `status` leaves pending)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def record_decision(self, user, status, action, **data):
        """Record the decision and log `action` on the page with the reason and `data`; returns the
        (specific) page."""
        self.status, self.decided_by, self.decided_at = status, user, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])
        page = self.page.specific
        log(instance=page, action=action, user=user, data={"reason": self.reason, **data})
        return page


class UnpublishRequest(PageDecision):
    """A unit's request to take one of its live items offline (expired or invalid information), with a
    reason; signed off by the unit's reviewer, or its main leader for an item marked sensitive."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for sign-off")
        APPROVED = "approved", _("Taken offline")
        REJECTED = "rejected", _("Rejected")

    reason = models.TextField(_("reason for taking it offline"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)

    class Meta:
        verbose_name = _("request to take an item offline")


class EmergencyPublication(PageDecision):
    """A 回应关切 statement published at once by the emergency route, waiting for the main leader's
    approval afterwards (moderation/responses.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval afterwards")
        CONFIRMED = "confirmed", _("Confirmed by the leader")
        WITHDRAWN = "withdrawn", _("Statement withdrawn")

    reason = models.TextField(_("reason for the emergency publication"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)

    class Meta:
        verbose_name = _("emergency publication")
