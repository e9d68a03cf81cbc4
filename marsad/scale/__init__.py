"""marsad.scale: backfills of WARC archives with extraction on a Dask cluster.

`backfill(store, warc_paths, scheduler=None, workers=2, chunk=200) -> BackfillReport`; see
`marsad.scale.backfill` and docs/scaling.md. Importing this package does not import Dask (an
optional dependency: the `scale` extra); starting a backfill does.
"""

from marsad.scale.backfill import Backfill, BackfillReport, ScaleError, backfill

__all__ = ["Backfill", "BackfillReport", "ScaleError", "backfill"]
