"""The admin image form (WAGTAILIMAGES_IMAGE_FORM_BASE): every image needs a description, which
public pages use as its alt text (GB/T 37668 / WCAG 1.1.1)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:  # absent only from forms that do not edit metadata
            field = self.fields["description"]
            field.required = True
            field.help_text = _("What the image shows, for visitors who cannot see it; used as its alt text.")
            field.error_messages["required"] = _(
                "Describe the image: the description is its alt text for visitors who cannot see it."
            )
