"""History adapters of the review report and the strategy
(``schemes.work.models.city_reports``)."""

from schemes.models import ReviewReport, Strategy
from schemes.work.history import Tracked


class ReviewReportHistory(Tracked):
    model = ReviewReport


class StrategyHistory(Tracked):
    model = Strategy
