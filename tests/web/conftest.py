"""Web test fixtures: a real temporary SQLite store filled with the sample articles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from marsad.config import load_config
from marsad.store import open_store
from marsad.web import create_app
from tests.web import samples

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def filled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    store = open_store(tmp / "m.db")
    ids = samples.fill(store, tmp)
    yield store, ids
    store.close()


@pytest.fixture(scope="session")
def config(tmp_path_factory):
    return load_config(env={}).replace(data_dir=str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def client(filled, config):
    store, _ = filled
    with TestClient(create_app(store, config)) as c:
        yield c


@pytest.fixture(scope="session")
def ids(filled):
    return filled[1]


@pytest.fixture
def empty_client(tmp_path, config):
    store = open_store(tmp_path / "empty.db")
    with TestClient(create_app(store, config)) as c:
        yield c
    store.close()


@pytest.fixture
def writable(tmp_path, config):
    """An app with an api_token set, over its own store."""
    store = open_store(tmp_path / "w.db")
    with TestClient(create_app(store, config.replace(api_token=TOKEN))) as c:
        yield c
    store.close()
