"""The admin form of every public page: the sensitivity mark, which editors may set but not clear, and
the fields only the portal centre sets (a page type's `centre_only_fields`), whose changes are audited."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.log_actions import log

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
        if self.for_user is not None and not self.for_user.is_superuser:
            for name in self.centre_only_fields():
                # A new page's unit picks its kind; afterwards only the portal centre changes it.
                if name in self.fields and (self.instance.pk or not self.fields[name].required):
                    self.fields[name].disabled = True
        if "slug" in self.fields:
            # Left empty (a Chinese title gives no ASCII slug), the page gets `<date>-<n>` (base/pages.py).
            self.fields["slug"].required = False

    def centre_only_fields(self):
        return getattr(type(self.instance), "centre_only_fields", ())

    def save(self, commit=True):
        changes = {name: [self.initial.get(name), self.cleaned_data[name]]
                   for name in self.centre_only_fields() if name in self.changed_data}
        page = super().save(commit=commit)
        if changes and page.pk:
            log(instance=page, action="moderation.centre_field_change", user=self.for_user, data=changes)
        return page

    def clean_sensitivity(self):
        marks = self.cleaned_data["sensitivity"]
        removed = set(self.instance.sensitivity_marks) - set(marks)
        if removed and self.for_user is not None and not can_clear_marks(self.for_user, self.instance):
            raise forms.ValidationError(
                _("Only the unit's reviewers or main leader may clear a sensitivity mark."))
        return ",".join(sorted(marks))
