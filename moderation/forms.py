"""The admin form of every public page: the sensitivity mark, which editors may set but not clear; the
fields only the portal centre sets (a page type's `centre_only_fields`), whose changes are audited; and
the check that the page refers only to images, documents and pages its author may use."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import FieldComparison
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.log_actions import log
from wagtail.models import Page

from subsites.references import reference_errors, references

from .marks import CLEARING_REFUSED, cleared_marks, is_unit_approver, marks_in_force
from .models import SensitivityMark

# Audit action of a change to a `centre_only_fields` field (shown in the next inspection report).
CENTRE_FIELD_CHANGE = "moderation.centre_field_change"


class MarksComparison(FieldComparison):
    """Revisions compared by the marks' names (政治性), not the stored values (political)."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        labels = dict(SensitivityMark.choices)
        self.val_a, self.val_b = (
            "、".join(str(labels.get(mark, mark)) for mark in value.split(",") if mark)
            for value in (self.val_a, self.val_b)
        )


class PortalPageForm(WagtailAdminPageForm):
    sensitivity = forms.MultipleChoiceField(
        label=_("Sensitivity"),
        choices=SensitivityMark.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Items of 全局性、政治性、政策性 or 敏感性 nature also need the main leader's approval."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        marks = self.instance.sensitivity_marks
        if self.for_user is not None and not is_unit_approver(self.for_user, self.instance):
            # Reverting to an earlier revision keeps the marks in force for those who may not clear them.
            marks = sorted(set(marks) | set(marks_in_force(self.instance)))
        self.initial["sensitivity"] = marks
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
        changes = {
            name: [self.initial.get(name), self.cleaned_data[name]]
            for name in self.centre_only_fields()
            if name in self.changed_data
        }
        page = super().save(commit=commit)
        if changes and page.pk:
            log(instance=page, action=CENTRE_FIELD_CHANGE, user=self.for_user, data=changes)
        return page

    def clean_sensitivity(self):
        marks = self.cleaned_data["sensitivity"]
        if cleared_marks(self.for_user, self.instance, marks):
            raise forms.ValidationError(CLEARING_REFUSED)
        return ",".join(sorted(marks))

    def _post_clean(self):
        super()._post_clean()
        current = Page.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        known = set(references(current.specific.get_latest_revision_as_object() if current else None))
        checked = [(self, self.instance)] + [
            (form, form.instance)
            for formset in self.formsets.values()
            for form in formset.forms
            if form.is_valid() and not formset._should_delete_form(form)
        ]
        for form, obj in checked:
            for field, message in reference_errors(self.for_user, obj, known):
                form.add_error(field if field in form.fields else None, message)
