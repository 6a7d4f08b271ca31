"""Password minimum length with its error in Chinese.

Django 5.2's MinimumLengthValidator words its error with "%d", which Django's zh_Hans
catalogue does not translate yet (it has the "%(min_length)d" wording); this validator
uses the translated wording, so the admin never shows the English sentence.
"""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
