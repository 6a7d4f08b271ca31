"""The admin form of every public page: the sensitivity mark, which editors may set but not clear."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models import SensitivityMark


def can_clear_marks(user, page):
    """Reviewers and leaders of the page's unit (and the portal administrator) may clear a mark."""
    if user.is_superuser:
        return True
    unit = page.get_unit() if page.pk or page.path else None
    if unit is None:
        return False
    return user.groups.filter(pk__in=[unit.reviewer_group_id, unit.leader_group_id]).exists()


class PortalPageForm(WagtailAdminPageForm):
    sensitivity = forms.MultipleChoiceField(
        label=_("Sensitivity"), choices=SensitivityMark.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Items of 全局性、政治性、政策性 or 敏感性 nature also need the main leader's approval."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["sensitivity"] = self.instance.sensitivity_marks
        # Fields with a callable default (e.g. the issue time) expect a hidden "initial-" input
        # that Wagtail's editor does not render; without this, such a field always looks changed
        # and approving from the editor would save a new revision and restart the approval.
        for field in self.fields.values():
            field.show_hidden_initial = False
        if "slug" in self.fields:
            # Left empty (a Chinese title gives no ASCII slug), the page gets `<date>-<n>` (base/pages.py).
            self.fields["slug"].required = False

    def clean_sensitivity(self):
        marks = self.cleaned_data["sensitivity"]
        removed = set(self.instance.sensitivity_marks) - set(marks)
        if removed and self.for_user is not None and not can_clear_marks(self.for_user, self.instance):
            raise forms.ValidationError(
                _("Only the unit's reviewers or main leader may clear a sensitivity mark."))
        return ",".join(sorted(marks))
