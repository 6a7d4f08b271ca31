"""Accepting other units' interpretations and Q&A items of a unit's policies.

A unit's reviewers and main leader decide whether another unit's published interpretation or
Q&A item of one of their policies is listed on the policy's page (`PolicyPage._linked`).
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from content.models import InterpretationPage, PolicyLinkAcceptance, PolicyPage, QAPage, current
from subsites.models import Unit


def approved_units(user):
    if user.is_superuser:
        return Unit.objects.exclude(home_page=None)
    return Unit.objects.filter(Q(reviewer_group__user=user) | Q(leader_group__user=user)).exclude(home_page=None)


def links_to_accept(user):
    """[(item, its policy, acceptance or None)]: other units' current items linked to the policies
    of the units whose approver `user` is."""
    rows = []
    for unit in approved_units(user).select_related("home_page"):
        home = unit.home_page.path
        policies = PolicyPage.objects.filter(path__startswith=home)
        for model in (InterpretationPage, QAPage):
            items = current(model.objects.filter(policy__in=policies)).exclude(path__startswith=home)
            rows += [(item, item.policy) for item in items.select_related("policy")]
    accepted = {a.page_id: a for a in PolicyLinkAcceptance.objects.filter(page__in=[item for item, _p in rows])}
    return [(item, policy, accepted.get(item.pk)) for item, policy in rows]


class PolicyLinksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Other units' interpretations")
    header_icon = "link"
    template_name = "moderation/policy_links.html"

    def dispatch(self, request, *args, **kwargs):
        if not approved_units(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": links_to_accept(self.request.user)}

    def post(self, request):
        rows = {str(item.pk): (item, policy, acceptance) for item, policy, acceptance in links_to_accept(request.user)}
        if request.POST.get("page") not in rows:
            raise Http404
        item, policy, acceptance = rows[request.POST["page"]]
        if request.POST.get("action") == "withdraw" and acceptance is not None:
            acceptance.delete()
            log(
                instance=policy,
                action="moderation.policy_link_withdrawn",
                user=request.user,
                data={"page": item.pk, "title": item.title},
            )
            messages.success(request, _("“%(title)s” is no longer listed on the policy.") % {"title": item.title})
        elif acceptance is None:
            PolicyLinkAcceptance.objects.create(page=item, policy=policy, accepted_by=request.user)
            log(
                instance=policy,
                action="moderation.policy_link_accepted",
                user=request.user,
                data={"page": item.pk, "title": item.title},
            )
            messages.success(request, _("“%(title)s” is now listed on the policy.") % {"title": item.title})
        return redirect("moderation_policy_links")
