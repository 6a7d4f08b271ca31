"""The one gate in front of the public: every publication of a page runs the "check_publication" hooks.

`PortalPage.publish` (workflow finish, bulk publish, scheduled publish, imports, the API) calls
`check_publication`; the admin's edit and create views, which publish without going through
`Page.publish`, and the copy view are guarded by admin hooks that call it too (moderation).
A hook raises `PublicationBlocked` with the reasons; nothing is published then.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from wagtail import hooks

_template_publication = ContextVar("template_publication", default=False)


class PublicationBlocked(ValidationError):
    """A publication refused by a check; `messages` lists the reasons in Chinese."""


def check_publication(page, revision, user=None):
    """Raise PublicationBlocked unless every "check_publication" hook lets `revision` of `page` go live."""
    for hook in hooks.get_hooks("check_publication"):
        hook(page, revision, user)


def check_revision(page, user=None):
    """Run the "check_revision" hooks before `page` is saved as a revision by `user` (None: the system);
    a hook raises ValidationError to refuse it (moderation: clearing a sensitivity mark)."""
    for hook in hooks.get_hooks("check_revision"):
        hook(user, page)


@contextmanager
def template_publication():
    """Publications of pages the platform generates itself (a new subsite's standard columns).

    Such a column may go live before it has content; every other check still applies.
    """
    token = _template_publication.set(True)
    try:
        yield
    finally:
        _template_publication.reset(token)


def is_template_publication():
    return _template_publication.get()
