"""marsad.ingest: import files, folders, WARC archives and article corpora.

Lives beside `collect` (which fetches from the network); both hand captures and articles to
`marsad.pipeline`.
"""

from marsad.ingest.records import parse_mapping, record_to_article
from marsad.ingest.runner import Ingest, IngestReport, ingest

__all__ = ["Ingest", "IngestReport", "ingest", "parse_mapping", "record_to_article"]
