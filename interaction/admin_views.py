"""Admin views: the case-handling screen, attachment download and the deadline monitor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from base.roles import is_portal_centre

from . import workflow
from .admin_forms import AcknowledgeForm, DraftReplyForm, EmptyForm, ExtendForm, TextForm, TransferForm
from .models import Deadline, DeadlineState
from .monitor import near_due_deadlines
from .scoping import cases_for, is_reviewer

ACTIONS = {
    # name: (label, form class, operation(case, user, cleaned data), applies to the case, who may run it);
    # the handling screen lists the actions that apply in this order: the reply first.
    "draft": (
        gettext_lazy("Draft reply"),
        DraftReplyForm,
        lambda c, u, d: workflow.draft_reply(
            c,
            u,
            d["text"],
            d.get("reply_type", ""),
            d.get("disclosure_outcome", ""),
            d["reason"],
            d.get("disclosure_reason", ""),
        ),
        workflow.can_draft,
        None,
    ),
    "approve": (
        gettext_lazy("Approve and send reply"),
        EmptyForm,
        lambda c, u, d: workflow.approve_reply(c, u),
        workflow.awaits_approval,
        is_reviewer,
    ),
    "return_draft": (
        gettext_lazy("Return draft"),
        TextForm,
        lambda c, u, d: workflow.return_draft(c, u, d["text"]),
        workflow.awaits_approval,
        is_reviewer,
    ),
    "acknowledge": (
        gettext_lazy("Acknowledge complaint"),
        AcknowledgeForm,
        lambda c, u, d: workflow.acknowledge(c, u, d["workdays"]),
        workflow.can_acknowledge,
        None,
    ),
    "confirm_receipt": (
        gettext_lazy("Confirm receipt"),
        EmptyForm,
        lambda c, u, d: workflow.confirm_receipt(c, u),
        workflow.can_confirm_receipt,
        None,
    ),
    "request_correction": (
        gettext_lazy("Request correction"),
        TextForm,
        lambda c, u, d: workflow.request_correction(c, u, d["text"]),
        workflow.can_request_correction,
        None,
    ),
    "correction_received": (
        gettext_lazy("Corrected request received"),
        EmptyForm,
        lambda c, u, d: workflow.correction_received(c, u),
        workflow.can_receive_correction,
        None,
    ),
    "start_third_party": (
        gettext_lazy("Consult a third party"),
        TextForm,
        lambda c, u, d: workflow.start_third_party(c, u, d["text"]),
        workflow.can_start_third_party,
        None,
    ),
    "end_third_party": (
        gettext_lazy("Third-party consultation finished"),
        EmptyForm,
        lambda c, u, d: workflow.end_third_party(c, u),
        workflow.can_end_third_party,
        None,
    ),
    "extend": (
        gettext_lazy("Extend time limit"),
        ExtendForm,
        lambda c, u, d: workflow.extend(c, u, d["days"], d["approver"], d["reason"]),
        workflow.can_extend,
        None,
    ),
    "transfer": (
        gettext_lazy("Transfer"),
        TransferForm,
        lambda c, u, d: workflow.transfer(c, u, d["unit"], d["important"] and is_portal_centre(u), d["note"]),
        workflow.can_transfer,
        None,
    ),
}


class CaseHandleView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "interaction/admin/handle.html"
    page_title = gettext_lazy("Handle case")
    header_icon = "mail"

    def get_case(self):
        return get_object_or_404(cases_for(self.request.user).select_related("unit"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.case.tracking_code

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("interaction_case:index"), "label": gettext_lazy("Cases")},
            {"url": "", "label": self.case.tracking_code},
        ]

    def get(self, request, *args, **kwargs):
        self.case = self.get_case()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.case = self.get_case()
        name = request.POST.get("action")
        if name not in ACTIONS:
            raise Http404
        label, form_class, operation, _applies, allowed = ACTIONS[name]
        if allowed is not None and not allowed(request.user, self.case):
            raise PermissionDenied
        form = form_class(request.POST, prefix=name, case=self.case)
        if form.is_valid():
            try:
                operation(self.case, request.user, form.cleaned_data)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Done: %(action)s") % {"action": label})
                return redirect("interaction_case:handle", pk=self.case.pk)
        else:
            messages.error(
                request,
                _("Please correct the errors: %(errors)s")
                % {"errors": "; ".join(str(e) for errors in form.errors.values() for e in errors)},
            )
        return self.render_to_response(self.get_context_data(bound=(name, form), **kwargs), status=400)

    def get_context_data(self, bound=(None, None), **kwargs):
        """The applicable actions, each with its form (the one just sent keeps what was typed)."""
        context = super().get_context_data(**kwargs)
        user = self.request.user
        actions = [
            (name, label, bound[1] if name == bound[0] else form_class(prefix=name, case=self.case))
            for name, (label, form_class, _op, applies, allowed) in ACTIONS.items()
            if applies(self.case) and (allowed is None or allowed(user, self.case))
        ]
        context.update(
            {
                "case": self.case,
                "events": self.case.events.select_related("actor"),
                "deadlines": self.case.deadlines.all(),
                "actions": actions,
            }
        )
        return context


def attachment(request, pk):
    case = get_object_or_404(cases_for(request.user), pk=pk)
    if not case.attachment:
        raise Http404
    return FileResponse(case.attachment.open("rb"), as_attachment=True)


class DeadlineMonitorView(WagtailAdminTemplateMixin, TemplateView):
    """Overdue and near-due deadlines in the user's scope (all units for the portal centre)."""

    template_name = "interaction/admin/monitor.html"
    page_title = gettext_lazy("Overdue and near-due cases")
    header_icon = "time"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scoped = Deadline.objects.filter(case__in=cases_for(self.request.user), state=DeadlineState.OPEN)
        context["overdue"] = scoped.filter(due_at__lt=timezone.now()).select_related("case", "case__unit")
        context["near"] = near_due_deadlines(scoped).select_related("case", "case__unit")
        return context
