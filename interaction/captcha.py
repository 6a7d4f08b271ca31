"""The forms' captcha with a non-visual alternative (GB/T 37668): the sum in the picture is also the
text label of the answer field, so screen readers, braille displays and text browsers can solve it."""

import re

from captcha.fields import CaptchaTextInput
from captcha.models import CaptchaStore
from django.utils.translation import gettext as _

# The challenges of captcha.helpers.math_challenge, e.g. "3×5=" (CAPTCHA_MATH_CHALLENGE_OPERATOR is ×).
SUM = re.compile(r"^(\d+)\s*([+\-×*])\s*(\d+)\s*=$")


def spoken_question(challenge):
    """The challenge as a sentence ("3加5等于几？"); any other challenge is read out as it is."""
    match = SUM.match(challenge)
    if not match:
        return _("Type the characters: %(challenge)s") % {"challenge": challenge}
    a, operator, b = match.groups()
    sentence = {
        "+": _("%(a)s plus %(b)s equals how much?"),
        "-": _("%(a)s minus %(b)s equals how much?"),
    }.get(operator, _("%(a)s times %(b)s equals how much?"))
    return sentence % {"a": a, "b": b}


class SpokenCaptchaInput(CaptchaTextInput):
    """The picture, the same question as text labelling the answer field, and 换一张."""

    template_name = "captcha/widgets/captcha.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widgets[1].attrs["inputmode"] = "numeric"  # a phone opens its number pad

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        challenge = CaptchaStore.objects.filter(hashkey=self._key).values_list("challenge", flat=True).first()
        context["question"] = spoken_question(challenge or "")
        context["answer_id"] = self.id_for_label(context["widget"]["attrs"].get("id"))
        return context
