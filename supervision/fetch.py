"""Outbound HTTP of the link checker and the availability probe, guarded against internal addresses.

A host is fetched only if EVERY address it resolves to is public (not private, loopback, link-local,
multicast, reserved, unspecified or otherwise non-global), unless it is listed in
SUPERVISION_ALLOWED_PRIVATE_HOSTS. The connection goes to an address that was checked (no second
DNS lookup), and redirects are followed here, each target checked again, at most MAX_REDIRECTS.
Environment proxies are not used.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "portal-supervision"


class InternalAddress(Exception):
    """The URL (or a redirect's target) points to an address the platform must not fetch."""


class FetchError(Exception):
    """The URL could not be fetched (bad URL, DNS, connection, TLS, protocol or redirect failure)."""


def is_public(address):
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def allowed_private(host):
    """Whether `host` is listed in SUPERVISION_ALLOWED_PRIVATE_HOSTS (".example" = it and its subdomains)."""
    for entry in settings.SUPERVISION_ALLOWED_PRIVATE_HOSTS:
        entry = entry.lower()
        if host == entry or (entry.startswith(".") and (host == entry[1:] or host.endswith(entry))):
            return True
    return False


def resolve(host, port):
    """The socket addresses of `host`; raises InternalAddress if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(_("host not found: %(error)s") % {"error": error}) from error
    if not allowed_private(host) and not all(is_public(info[4][0]) for info in infos):
        raise InternalAddress(host)
    return infos


def _connect(infos, timeout):
    error = OSError("no address")
    for family, kind, proto, _name, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


class _HTTPConnection(http.client.HTTPConnection):
    """A connection to addresses resolved (and checked) beforehand."""

    def __init__(self, host, port, infos, timeout):
        super().__init__(host, port, timeout=timeout)
        self.infos = infos

    def connect(self):
        self.sock = _connect(self.infos, self.timeout)


class _HTTPSConnection(_HTTPConnection):
    default_port = 443

    def connect(self):
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.host)


def _request(url, method, timeout, read_body):
    """(status, Location header) of one request, without following redirects."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("not an http(s) address"))
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (UnicodeError, ValueError) as error:
        raise FetchError(_("invalid address: %(error)s") % {"error": error}) from error
    infos = resolve(host, port)
    connection = (_HTTPSConnection if parts.scheme == "https" else _HTTPConnection)(host, port, infos, timeout)
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~") + (
        "?" + quote(parts.query, safe="/%:@!$&'()*+,;=~?") if parts.query else ""
    )
    try:
        connection.request(method, target, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        if read_body:
            response.read()
        return response.status, response.getheader("Location")
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(_("not reachable: %(error)s") % {"error": error}) from error
    finally:
        connection.close()


def fetch(url, method="GET", timeout=15, read_body=False):
    """The final HTTP status of `url` after following up to MAX_REDIRECTS redirects.

    Raises InternalAddress if the URL or a redirect leads to an internal address, FetchError otherwise."""
    for _hop in range(MAX_REDIRECTS + 1):
        status, location = _request(url, method, timeout, read_body)
        if status not in REDIRECT_STATUSES or not location:
            return status
        url = urljoin(url, location)
    raise FetchError(_("more than %(count)d redirects") % {"count": MAX_REDIRECTS})
