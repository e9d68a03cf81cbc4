"""A real Dask LocalCluster (2 worker processes) and real WARC files for the scale tests."""

from __future__ import annotations

import logging
from pathlib import Path

import distributed  # the "scale" extra (dask[distributed]) is part of the test extras
import pytest

from tests.scale.warcs import interleave, pages, write_warc


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as c:  # fmt: skip
        yield c


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> list[Path]:
    """60 pages of 3 sites in 2 WARCs; one site spans both files (its pages are learned per WARC)."""
    root = tmp_path_factory.mktemp("warcs")
    albayan = pages("albayan-2020-06-03", 20)
    cnn = pages("cnnarabic-2013-08-03", 20)
    alyaum = pages("alyaum-2020-12-01", 20)
    return [
        write_warc(root / "a.warc.gz", interleave(albayan, cnn[:10])),
        write_warc(root / "b.warc.gz", interleave(cnn[10:], alyaum)),
    ]
