"""URL hygiene: one spelling per article, so each article is fetched once.

`normalize_url` removes what does not change the page (tracking parameters, fragments, default
ports, AMP and mobile variants) and spells the rest one way (lower-case scheme and host,
percent-encoded non-ASCII path, sorted query). `same_site` decides whether a URL belongs to a
source; off-site URLs are not followed unless the source lists "*" among its domains.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the visit; removed everywhere.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "xtor", "ref_src",
    "ref_url", "spm", "twclid", "ttclid", "s_cid", "__twitter_impression", "from_rss",
    "amp_js_v", "usqp",
}  # fmt: skip
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "hsa_", "oly_", "vero_")
# Query spellings of AMP: ?amp, ?amp=1, ?outputType=amp, ?output=amp
AMP_PARAMS = {"amp": None, "outputtype": "amp", "output": "amp", "_amp": None}
MOBILE_PREFIXES = ("m.", "mobile.", "amp.", "mobi.")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/%:@!$'()*+,;-._~?"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def bare_host(host: str) -> str:
    """A host without its www./m./amp. prefix: the key that groups a site's host variants."""
    host = host.lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in ("www.", *MOBILE_PREFIXES):
            if host.startswith(prefix) and host.count(".") >= 2:
                host = host[len(prefix):]
                changed = True
    return host


def host_of(url: str) -> str:
    """Lower-case host name of a URL ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _strip_amp_path(path: str) -> str:
    """/news/123/amp -> /news/123; /slug/amp/ -> /slug/; /amp/news/123 -> /news/123."""
    for suffix in ("/amp/", "/amp", ".amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            keep = 1 if suffix == "/amp/" else 0  # keep the slash of /slug/amp/
            return path[: len(path) - len(suffix) + keep]
    if path.startswith("/amp/"):
        return path[4:]
    return path


def _is_amp_param(key: str, value: str) -> bool:
    key = key.lower()
    if key not in AMP_PARAMS:
        return False
    wanted = AMP_PARAMS[key]
    return (wanted is None and value in ("", "1", "true")) or (wanted is not None and value.lower() == wanted)


def normalize_url(url: str, *, base: str | None = None, prefer_host: str | None = None) -> str | None:
    """The one spelling of a URL, or None when it is not an http(s) URL.

    `base` resolves relative URLs. `prefer_host` (a source's homepage host) replaces host variants
    of the same site: with prefer_host "www.youm7.com", "m.youm7.com", "amp.youm7.com" and
    "youm7.com" all become "www.youm7.com".
    """
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if prefer_host and bare_host(host) == bare_host(prefer_host):
        host = prefer_host.lower()
    else:
        for prefix in MOBILE_PREFIXES:
            if host.startswith(prefix) and host.count(".") >= 2:
                host = host[len(prefix):]
                break
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    path = _PCT.sub(lambda m: m.group(0).upper(), path)
    path = re.sub(r"/{2,}", "/", path)
    path = _strip_amp_path(path) or "/"
    query_items = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        low = key.lower()
        if low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES) or _is_amp_param(key, value):
            continue
        query_items.append((key, value))
    query_items.sort()
    query = urlencode(query_items, safe=_QUERY_SAFE, quote_via=quote)
    return urlunsplit((scheme, netloc, path, query, ""))


def url_key(url: str) -> str:
    """Comparison key that also ignores http/https and www: two URLs with one key are one page."""
    norm = normalize_url(url) or url
    parts = urlsplit(norm)
    return urlunsplit(("", bare_host(parts.netloc), parts.path, parts.query, ""))


def same_site(url: str, domains: list[str] | tuple[str, ...]) -> bool:
    """True when the URL's host is one of `domains` or below one ("*" allows every host)."""
    if "*" in domains:
        return True
    host = bare_host(host_of(url))
    if not host:
        return False
    for domain in domains:
        d = bare_host(domain.lower().strip().lstrip("."))
        if d and (host == d or host.endswith("." + d)):
            return True
    return False


def unquote_path(url: str) -> str:
    """Human form of a URL (percent-decoded path), for display only."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, unquote(parts.path), parts.query, ""))
