"""Page types of the shared site template; every subsite gets all of them."""

# ArticlePage first: 写信息 writes the first page type a column type accepts (columns.item_types).
from .articles import ArticlePage  # noqa: F401
from .columns import ColumnPage, ColumnType, Freshness, Organisation, Syndication, current  # noqa: F401
from .disclosure import DisclosureGuidePage  # noqa: F401
from .fixed import FixedInfoChange, LeaderPage  # noqa: F401
from .interviews import InterviewGuest, InterviewPage, InterviewPhoto  # noqa: F401
from .items import (  # noqa: F401
    AnnualReportPage,
    GalleryImage,
    IndexSequence,
    ItemPage,
    NewsPage,
    NoticeKind,
    NoticePage,
    PageTag,
    PersonnelPage,
    PlanPage,
    ProcurementPage,
)
from .newmedia import NewMediaAccount, NewMediaPage, Platform  # noqa: F401
from .policies import (  # noqa: F401
    InterpretationPage,
    PolicyAttachment,
    PolicyLinkAcceptance,
    PolicyPage,
    QAPage,
)
from .portal_home import PortalHomePage  # noqa: F401
from .responses import ResponseStatementPage, current_statement  # noqa: F401
from .services import ServiceForm, ServiceItemPage  # noqa: F401
from .surveys import SurveyPage, SurveyQuestion  # noqa: F401
from .topics import TopicPage, TopicSelection  # noqa: F401
from .unit_home import SiteHomePage, UnitHomePage  # noqa: F401
