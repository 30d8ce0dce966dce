"""The concept's models, gathered here so that Django finds them: the page tree in
``pages.py``, the status vocabulary in ``status.py``, the status reports in
``reports.py``, the progress overview in ``progress.py``. Other apps and the migrations
may import any of them from here; inside the concept, modules import the module that
defines what they need.
"""

from .pages import (  # noqa: F401
    ConceptPage,
    FieldOfActionPage,
    Goal,
    HistoryPage,
    LeitbildPage,
    MeasurePage,
    MeasurePageForm,
    TimelineEntry,
)
from .progress import ProgressPage  # noqa: F401
from .reports import EVENT_PAGE_TYPE, StatusReport, StatusReportQuerySet  # noqa: F401
from .status import STATUS_SYMBOLS, MeasureStatus, status_counts  # noqa: F401
