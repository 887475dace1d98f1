"""Private throwaway servers for the integration tests (Dovecot IMAP; helpers others reuse).

Each server runs in its own temporary directory made with ``mkdtemp`` (pytest's
``tmp_path`` is mode 0700 and unreachable for the unprivileged user Dovecot
needs), in its own process group, and dies with the test process
(PR_SET_PDEATHSIG). See /work/shared/TEST-SERVERS.md for why each setting is there.

Nothing here imports tactful: the helpers are plain test infrastructure.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import grp
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

DOVECOT_PASSWORD = "secret"
_PR_SET_PDEATHSIG = 1


def require_or_skip(reason: str) -> None:
    """Skip the test with ``reason``; fail instead when ``REQUIRE_TEST_SERVERS=1`` (CI must not go green by skipping)."""
    if os.environ.get("REQUIRE_TEST_SERVERS") == "1":
        pytest.fail(f"REQUIRE_TEST_SERVERS=1 but: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free on ``host`` a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    host: str, port: int, timeout_s: float = 10.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Poll until ``host:port`` accepts connections; raise RuntimeError on timeout or if ``process`` exits."""
    deadline = time.monotonic() + timeout_s
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(
                f"server process exited with {process.returncode} before listening on {host}:{port}"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listening on {host}:{port} after {timeout_s} s") from None
            time.sleep(0.01)


def _die_with_parent() -> None:
    """preexec_fn: SIGKILL this child when the test process dies (runs after the uid switch, which would clear it)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _unprivileged_user() -> tuple[int, int, str, str]:
    """uid, gid, user name and group name to run a server as: ``nobody`` under root, else ourselves."""
    entry = pwd.getpwuid(os.geteuid()) if os.geteuid() != 0 else pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid, entry.pw_name, grp.getgrgid(entry.pw_gid).gr_name


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    if os.geteuid() != 0:
        return
    for root, dirs, files in os.walk(path):
        os.chown(root, uid, gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid)


def spawn_in_group(
    argv: list[str], *, uid: int | None = None, gid: int | None = None, **kwargs: Any
) -> subprocess.Popen[bytes]:
    """Start ``argv`` in a new process group, as ``uid``/``gid`` when given, dying with the test process.

    ``kwargs`` go to ``subprocess.Popen`` (stdout, stderr, cwd, env...).
    """
    as_user = uid is not None and os.geteuid() == 0
    return subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        process_group=0,
        preexec_fn=_die_with_parent,
        user=uid if as_user else None,
        group=gid if as_user else None,
        extra_groups=[] if as_user else None,
        **kwargs,
    )


def kill_group(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout_s: float = 5.0) -> None:
    """Signal the whole process group of ``process`` (children serving clients too) and reap it."""
    # Signal the group even if the master already exited: its children may still serve clients.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout_s)
    # Children (imap, imap-login) may outlive the master for a moment: make sure the group is gone.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


# --- TLS certificates ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TestCertificates:
    """A throwaway CA and a server certificate signed by it (PEM files)."""

    __test__ = False  # not a pytest test class

    ca_path: Path
    cert_path: Path
    key_path: Path


def make_test_certificates(
    directory: Path,
    ip_addresses: tuple[str, ...] = ("127.0.0.1", "127.0.0.2"),
    dns_names: tuple[str, ...] = ("localhost",),
) -> TestCertificates:
    """Write ``ca.pem``, ``cert.pem`` and ``key.pem`` (EC P-256) into ``directory`` with the openssl CLI.

    The server certificate's subjectAltName lists ``ip_addresses`` and ``dns_names``. Uses the ``openssl``
    command (Debian package ``openssl``) so the tests need no extra Python dependency.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        require_or_skip("install Debian package openssl to make test TLS certificates")
    assert openssl is not None
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_pem = directory / "ca-key.pem", directory / "ca.pem"
    key, csr, cert = directory / "key.pem", directory / "server.csr", directory / "cert.pem"
    ext = directory / "server.ext"
    san = ",".join([f"IP:{ip}" for ip in ip_addresses] + [f"DNS:{name}" for name in dns_names])
    ext.write_text(
        f"subjectAltName={san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], check=True, capture_output=True)

    run("req", "-x509", *ec, "-keyout", str(ca_key), "-out", str(ca_pem), "-days", "2", "-subj", "/CN=tactful test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", str(key), "-out", str(csr), "-subj", "/CN=localhost")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca_pem), "-CAkey", str(ca_key), "-CAcreateserial",
        "-out", str(cert), "-days", "2", "-extfile", str(ext))  # fmt: skip
    return TestCertificates(ca_path=ca_pem, cert_path=cert, key_path=key)


# --- Dovecot ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImapAccount:
    """A fresh IMAP user on a private Dovecot: with the static passdb every new name is an empty mailbox."""

    host: str
    port: int
    username: str
    password: str
    tls_port: int | None = None
    ca_path: Path | None = None


@dataclass(slots=True)
class DovecotServer:
    """A running private Dovecot; ``stop()`` kills its whole process group and removes its directory."""

    host: str
    port: int
    tls_port: int | None
    ca_path: Path | None
    directory: Path
    process: subprocess.Popen[bytes] | None = None
    _argv: list[str] = field(default_factory=list)
    _uid: int | None = None
    _gid: int | None = None
    _users: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def new_account(self, prefix: str = "user") -> ImapAccount:
        """A user name never used before on this server (so an empty mailbox), password ``secret``."""
        return ImapAccount(
            host=self.host,
            port=self.port,
            username=f"{prefix}{next(self._users)}-{os.getpid()}",
            password=DOVECOT_PASSWORD,
            tls_port=self.tls_port,
            ca_path=self.ca_path,
        )

    def mail_dir(self, username: str) -> Path:
        """The Maildir that holds ``username``'s INBOX (to inspect flags or files directly)."""
        return self.directory / "mail" / username

    def log_text(self) -> str:
        """Dovecot's log so far (to put in an assertion message)."""
        path = self.directory / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """(Re)start the server on the same ports and directory; returns once the ports accept connections."""
        if self.is_running():
            return
        starts_before = self.log_text().count(_DOVECOT_STARTED)
        self.process = spawn_in_group(
            self._argv, uid=self._uid, gid=self._gid, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            # The master logs "starting up" only after binding its listeners; a port that merely accepts
            # connections could belong to someone else who took it first.
            deadline = time.monotonic() + 10
            while self.log_text().count(_DOVECOT_STARTED) <= starts_before:
                if self.process.poll() is not None:
                    raise RuntimeError(f"dovecot exited with {self.process.returncode}")
                if time.monotonic() > deadline:
                    raise RuntimeError("dovecot did not log 'starting up' within 10 s")
                time.sleep(0.005)
            wait_for_port(self.host, self.port, process=self.process)
            if self.tls_port is not None:
                wait_for_port(self.host, self.tls_port, process=self.process)
        except RuntimeError as exc:
            stderr = b""
            if self.process.poll() is not None and self.process.stderr is not None:
                stderr = self.process.stderr.read()
            self.halt()
            raise RuntimeError(
                f"dovecot did not start: {exc}\n{stderr.decode(errors='replace')}\n{self.log_text()}"
            ) from exc

    def halt(self) -> None:
        """Stop the server but keep its directory (mailboxes survive a later ``start()``)."""
        if self.process is not None:
            kill_group(self.process)
            if self.process.stderr is not None:
                self.process.stderr.close()
            self.process = None

    def stop(self) -> None:
        """Stop the server and delete its directory."""
        self.halt()
        shutil.rmtree(self.directory, ignore_errors=True)


_DOVECOT_STARTED = "starting up for imap"

_DOVECOT_CONF = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
protocols = imap
listen = {host}
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
first_valid_gid = 1
auth_failure_delay = 0
auth_mechanisms = plain login
disable_plaintext_auth = {disable_plaintext_auth}
mail_location = maildir:{dir}/mail/%u
{capability}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No per-IP penalty after failed logins: a wrong-password test must not slow the tests after it.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{ssl}
"""


def start_dovecot(
    tls: bool = False,
    *,
    host: str = "127.0.0.1",
    capabilities: str | None = None,
    allow_plaintext_login: bool = True,
) -> DovecotServer:
    """Start a private Dovecot on free ports of ``host``; plain IMAP always, implicit TLS too when ``tls``.

    ``capabilities`` replaces Dovecot's post-login capability list (e.g. without ``IDLE`` or ``MOVE``) to test
    a client's fallbacks. ``allow_plaintext_login=False`` refuses LOGIN without TLS -- but Dovecot counts
    127.0.0.1 as secure, so use ``host="127.0.0.2"`` to see it (LOGINDISABLED); the test certificate
    covers both. Missing ``dovecot`` binary -> skip (or fail under ``REQUIRE_TEST_SERVERS=1``).
    """
    binary = shutil.which("dovecot") or next((p for p in ("/usr/sbin/dovecot",) if os.path.exists(p)), None)
    if binary is None:
        require_or_skip("install Debian package dovecot-imapd (make test does it)")
    assert binary is not None
    uid, gid, user, group = _unprivileged_user()
    directory = Path(tempfile.mkdtemp(prefix="tactful-dovecot-"))
    try:
        for sub in ("run", "state", "mail", "home"):
            (directory / sub).mkdir()
        ca_path = None
        if tls:
            certs = make_test_certificates(directory / "tls")
            ca_path = certs.ca_path
            ssl_conf = f"ssl = yes\nssl_cert = <{certs.cert_path}\nssl_key = <{certs.key_path}\n"
        else:
            ssl_conf = "ssl = no\n"
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    attempts = 3
    for attempt in range(1, attempts + 1):
        # free_port() is a guess: another test run may bind the port before Dovecot does. Retry then.
        port = free_port(host)
        tls_port = free_port(host) if tls else None
        conf = _DOVECOT_CONF.format(
            dir=directory,
            host=host,
            user=user,
            group=group,
            uid=uid,
            gid=gid,
            password=DOVECOT_PASSWORD,
            port=port,
            # Without TLS the imaps listener is disabled with port 0.
            tls_port=tls_port or 0,
            ssl=ssl_conf,
            capability=f"imap_capability = {capabilities}" if capabilities else "",
            disable_plaintext_auth="no" if allow_plaintext_login else "yes",
        )
        server = DovecotServer(
            host=host,
            port=port,
            tls_port=tls_port,
            ca_path=ca_path,
            directory=directory,
            _argv=[binary, "-F", "-c", str(directory / "dovecot.conf")],
            _uid=uid,
            _gid=gid,
        )
        try:
            (directory / "dovecot.conf").write_text(conf)
            _chown_tree(directory, uid, gid)
            os.chmod(directory, 0o755)
            server.start()
            return server
        except RuntimeError as exc:
            if "in use" in str(exc) and attempt < attempts:
                continue
            server.stop()
            raise
        except BaseException:
            server.stop()
            raise
    raise AssertionError("unreachable")


# --- PostgreSQL ---------------------------------------------------------------------------------------

POSTGRES_BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")


@dataclass(slots=True)
class PostgresServer:
    """A private PostgreSQL (or, via ``TACTFUL_TEST_DATABASE_URL``, an existing server); ``stop()`` ends it.

    ``admin_url`` is a SQLAlchemy URL of the maintenance database; ``new_database()`` creates an
    empty database per test so tests never see each other's rows.
    """

    admin_url: str
    directory: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    _names: itertools.count[int] = field(default_factory=itertools.count)

    def _admin_conninfo(self, database: str | None = None) -> dict[str, object]:
        from sqlalchemy.engine import make_url

        url = make_url(self.admin_url)
        info: dict[str, object] = {"dbname": database or url.database or "postgres", "autocommit": True}
        for key, value in (
            ("host", url.host),
            ("port", url.port),
            ("user", url.username),
            ("password", url.password),
        ):
            if value is not None:
                info[key] = value
        return info

    def new_database(self, prefix: str = "tactful_test", template: str | None = None) -> str:
        """CREATE DATABASE (autocommit) with a name no test used before, as a copy of the database
        ``template`` when given (it must have no open connections); returns its SQLAlchemy URL."""
        import psycopg
        from sqlalchemy.engine import make_url

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(**self._admin_conninfo()) as conn:  # type: ignore[arg-type]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """DROP DATABASE ... WITH (FORCE): connections a test left open do not keep it alive."""
        import psycopg
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        with psycopg.connect(**self._admin_conninfo()) as conn:  # type: ignore[arg-type]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def log_text(self) -> str:
        path = self.directory / "postgres.log" if self.directory else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then remove the data directory. A server given by URL is left alone."""
        if self.process is not None:
            kill_group(self.process, signal.SIGINT, timeout_s=10)
            self.process = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


def _postgres_binary(name: str) -> str | None:
    for folder in POSTGRES_BIN_DIRS:
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which(name)


def start_postgres() -> PostgresServer:
    """A PostgreSQL for this test session: ``TACTFUL_TEST_DATABASE_URL`` if set, else a private one.

    The private server: ``initdb`` + ``postgres`` in the foreground as the ``postgres`` user (both
    refuse root) in a ``mkdtemp`` directory, on a free port of 127.0.0.1, with ``fsync=off``; it
    dies with the test process. Missing binaries -> skip (or fail under REQUIRE_TEST_SERVERS=1).
    """
    given = os.environ.get("TACTFUL_TEST_DATABASE_URL")
    if given:
        return PostgresServer(admin_url=given)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        require_or_skip("install psycopg (pip install -e '.[test]') to run the store tests on PostgreSQL")
    initdb, postgres, pg_isready = (_postgres_binary(n) for n in ("initdb", "postgres", "pg_isready"))
    if initdb is None or postgres is None or pg_isready is None:
        require_or_skip("install Debian package postgresql (make test does it)")
    assert initdb and postgres and pg_isready
    uid: int | None = None
    gid: int | None = None
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            require_or_skip(
                "PostgreSQL refuses to run as root and there is no 'postgres' user: install postgresql"
            )
        uid, gid = entry.pw_uid, entry.pw_gid
    directory = Path(tempfile.mkdtemp(prefix="tactful-postgres-"))
    server = PostgresServer(admin_url="", directory=directory)
    try:
        if uid is not None:
            os.chown(directory, uid, gid if gid is not None else -1)
        initdb_run = subprocess.run(
            [initdb, "-D", str(directory / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            capture_output=True, user=uid, group=gid, extra_groups=[] if uid is not None else None,
            cwd=directory, check=False,
        )  # fmt: skip
        if initdb_run.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb_run.stderr.decode(errors='replace')}")
        for _attempt in range(5):
            port = free_port()
            log = open(directory / "postgres.log", "ab")  # noqa: SIM115 - the server writes to it while it runs
            server.process = spawn_in_group(
                [postgres, "-D", str(directory / "data"), "-p", str(port), "-k", str(directory),
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
                 "-c", "synchronous_commit=off", "-c", "max_connections=60"],
                uid=uid, gid=gid, stdout=log, stderr=subprocess.STDOUT, cwd=directory,
            )  # fmt: skip
            log.close()
            if _wait_for_postgres(pg_isready, port, server.process):
                server.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
                return server
            kill_group(server.process, signal.SIGINT)
            server.process = None  # the port was taken a moment later: try another
        raise RuntimeError(f"postgres did not start:\n{server.log_text()}")
    except BaseException:
        server.stop()
        raise


def _wait_for_postgres(
    pg_isready: str, port: int, process: subprocess.Popen[bytes], timeout_s: float = 30.0
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        ready = subprocess.run(
            [pg_isready, "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres"],
            check=False,
        )
        if ready.returncode == 0:
            return True
        time.sleep(0.05)
    return False
