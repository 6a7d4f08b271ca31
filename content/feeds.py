"""RSS feeds of the dated columns (news, notices, policies, interpretations): the newest 20 items."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed

from .models import ColumnPage
from .models.columns import FEED_TYPES

FEED_LENGTH = 20


class ColumnFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, column_id):
        column = ColumnPage.objects.live().public().filter(pk=column_id, column_type__in=FEED_TYPES).first()
        if column is None:
            raise Http404
        return column

    def title(self, column):
        site = column.get_site()
        return f"{column.title} - {site.site_name}" if site and site.site_name else column.title

    def link(self, column):
        return column.get_full_url()

    def description(self, column):
        return column.description or column.title

    def items(self, column):
        return [page.specific for page in column.listed_items()[:FEED_LENGTH]]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or getattr(item, "search_description", "") or item.title

    def item_link(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return item.first_published_at
