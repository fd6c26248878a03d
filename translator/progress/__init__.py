"""What coordinators read: completion figures, the statistics index, the matrix, staleness,
activity over time and amendments.

Each module is one view; :class:`translator.project.Project` combines them for the front ends.
"""

from translator.progress.index import StatsIndex, open_index, refresh
from translator.progress.staleness import Staleness
from translator.progress.stats import CatalogStats, StatsRow, StatsTable, compute_stats, sum_stats

__all__ = [
    "CatalogStats",
    "Staleness",
    "StatsIndex",
    "StatsRow",
    "StatsTable",
    "compute_stats",
    "open_index",
    "refresh",
    "sum_stats",
]
