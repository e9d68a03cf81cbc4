"""marsad.web: the JSON API and the server-rendered, Arabic-first web UI.

`create_app(store, config)` returns a FastAPI app; `marsad serve` runs it with uvicorn.
Areas: api.py (JSON under /api), pages.py (HTML), feeds.py (Atom), charts.py (server-side SVG),
views.py (read models shared by the three), archive.py (WARC payload of a capture).
"""

from __future__ import annotations

from marsad.web.app import create_app

__all__ = ["create_app"]
