"""The editor's guide (帮助 → 编辑指南), shipped with the project in the admin's language."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView


class GuideView(TemplateView):
    page_title = _("Editor's guide")

    def get_template_names(self):
        # The guide is long-form text: one template per language rather than hundreds of msgids.
        return [f"backoffice/guide/{get_language()}.html", "backoffice/guide/zh-hans.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=self.page_title, **kwargs)
