"""StreamField blocks of the editorial parts of home pages: 要闻 (headlines), banners and entry links."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class LinkBlock(blocks.StructBlock):
    """A titled link to a page of the platform or to an outside address (e.g. the province's service site)."""

    title = blocks.CharBlock(label=_("title"), max_length=40)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("outside address"), required=False, help_text=_("Used when no page is chosen."))

    class Meta:
        icon = "link"
        label = _("link")
        template = "includes/blocks/link.html"


class BannerBlock(LinkBlock):
    """A wide 专题专栏 banner: an image with its title, leading to a topic."""

    image = ImageChooserBlock(label=_("image"), required=False)

    class Meta:
        icon = "image"
        label = _("banner")
        template = "includes/blocks/banner.html"


def headline_blocks():
    return [("page", blocks.PageChooserBlock(label=_("headline"), page_type=["content.NewsPage"]))]


def banner_blocks():
    return [("banner", BannerBlock())]


def link_blocks():
    return [("link", LinkBlock())]
