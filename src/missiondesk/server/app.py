"""The HQ sync server: an ASGI app (FastAPI) around the authority.

Every route but ``/health``, ``/v1/hello``, ``/v1/enrol`` (which spends a one-time code) and
``/v1/token`` (which checks a device credential) needs a bearer access token. The device, its
mission and its role come from that token and HQ's device table, read again on every request (a
revocation takes effect at once), never from the request body. Push and pull call the authority
exactly as a bundle import does, so the two channels converge.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the route signatures at run time, and
# the dependency aliases (as_device, as_hq) are local to create_app.
import contextlib
import datetime as dt
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

import orjson
import sqlalchemy as sa
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from missiondesk import __version__
from missiondesk import paths as paths_mod
from missiondesk.domain.enums import ConflictStatus
from missiondesk.domain.ops import MAX_NUMBER, Op
from missiondesk.domain.permissions import HQ_MISSION, Role, record_visible_to
from missiondesk.domain.schema import SCHEMA_VERSION, entity, is_entity
from missiondesk.domain.upgrades import MIN_SUPPORTED_SCHEMA
from missiondesk.errors import EnvironmentProblem, Malformed, NotFound, UserError
from missiondesk.server import auth, logs
from missiondesk.server.blob_routes import add_blob_routes
from missiondesk.services import setup
from missiondesk.store import refload, settings
from missiondesk.store.blobs import FolderBlobStore
from missiondesk.store.database import open_store
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.store.tables import auth_device, entity_table
from missiondesk.sync import protocol, verify
from missiondesk.sync.authority import Authority
from missiondesk.sync.blob_hub import STAGING_KEPT_DAYS, BlobHub, OutOfScope
from missiondesk.sync.devices import Refused
from missiondesk.sync.feed import EPOCH_SETTING
from missiondesk.sync.wire import row_to_wire

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    min_app_version: str = __version__
    message: str = ""
    max_body: int = protocol.MAX_BODY
    token_ttl: dt.timedelta = auth.TOKEN_TTL
    blob_dir: FilePath | None = None  # attachment contents; None: ``hq-blobs`` in the data folder
    staging_days: float = STAGING_KEPT_DAYS  # partial uploads untouched this long are pruned

    def blobs_at(self) -> FilePath:
        return self.blob_dir or paths_mod.resolve(None).root / "hq-blobs"


class AppTooOld(UserError):
    """HTTP 426: the app must be updated before it syncs; its outbox stays."""


class BodyTooLarge(Exception):
    pass


# --- request and response bodies (also the OpenAPI description) ---------------------------

# What text from a request may hold, checked before any of it reaches a query: ids are UUID text, codes
# and credentials their own alphabets, free text no control characters (PostgreSQL text cannot hold NUL).
ID = r"^[0-9A-Za-z-]{1,36}$"
CODE = r"^[0-9A-Za-z -]+$"
CREDENTIAL = r"^[0-9A-Za-z_-]+$"
MISSION = r"^[0-9A-Za-z-]+$"
PLAIN = r"^[^\x00-\x1f\x7f]*$"


class Hello(BaseModel):
    server: str = "MissionDesk"
    version: str
    epoch: str
    schema_min: int
    schema_max: int
    min_app_version: str
    message: str


class EnrolIn(BaseModel):
    code: str = Field(min_length=4, max_length=64, pattern=CODE)
    device_id: str = Field(min_length=36, max_length=36, pattern=ID)
    mission: str = Field(min_length=2, max_length=16, pattern=MISSION)
    slot: int = Field(ge=1, le=9, default=1)
    slot_fixed: bool = False  # the laptop already made changes with this slot
    label: str = Field(default="", max_length=120, pattern=PLAIN)


class EnrolOut(BaseModel):
    device_id: str
    mission: str
    role: str
    slot: int
    credential: str


class TokenIn(BaseModel):
    device_id: str = Field(min_length=36, max_length=36, pattern=ID)
    credential: str = Field(min_length=16, max_length=128, pattern=CREDENTIAL)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class PushIn(BaseModel):
    ops: list[dict[str, Any]] = Field(max_length=protocol.MAX_BATCH)


class PushOut(BaseModel):
    results: list[dict[str, Any]]


class PageOut(BaseModel):
    epoch: str
    cursor: int
    head: int
    more: bool
    changes: list[dict[str, Any]]


class RecordsIn(BaseModel):
    entity: str = Field(max_length=32, pattern=PLAIN)
    ids: list[Annotated[str, Field(max_length=36, pattern=ID)]] = Field(max_length=protocol.MAX_IDS)


class RecordsOut(BaseModel):
    epoch: str
    records: list[dict[str, Any]]


class CodeIn(BaseModel):
    mission: str = Field(min_length=2, max_length=16, pattern=MISSION)


class CodeOut(BaseModel):
    mission: str
    code: str
    expires_in_hours: float


# --- middleware ------------------------------------------------------------------------------


class LimitBody:
    """Refuse a request body over ``limit`` bytes (413), whether it says its length or streams."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _too_large(scope, receive, send, self.limit)
                return
        seen = 0

        async def counted() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _too_large(scope, receive, send, self.limit)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    extra = {
        "method": scope.get("method"),
        "path": scope.get("path"),
        "status": 413,
        "error": "body too large",
    }
    logs.get().info("request", extra=extra)
    response = JSONResponse(
        {"detail": f"The request is larger than {limit // (1024 * 1024)} MiB; send smaller batches."},
        status_code=413,
    )
    await response(scope, receive, send)


# --- the app -----------------------------------------------------------------------------------


def error_body(exc: Exception) -> dict[str, Any]:
    """An error's JSON: the English ``detail``, and beside it the ``code`` and ``params`` the core gave,
    so a laptop can say it in its window's language (an older laptop reads ``detail`` alone)."""
    body: dict[str, Any] = {"detail": str(exc)}
    said = exc.args[0] if exc.args else None
    code = getattr(said, "code", "")
    if code:
        body["code"] = str(code)
        body["params"] = dict(getattr(said, "params", {}))
    return body


def open_server_store(url: str) -> Store:
    """Open the authority's database at the newest schema, one process migrating at a time."""
    u = sa.make_url(url)
    if u.get_backend_name() == "postgresql":
        lock_engine = sa.create_engine(u, poolclass=sa.pool.NullPool, hide_parameters=True)
        try:
            with lock_engine.connect() as conn:
                conn.exec_driver_sql("SELECT pg_advisory_lock(715517)")  # several processes start at once
                try:
                    store = _open_and_load(url)
                finally:
                    conn.exec_driver_sql("SELECT pg_advisory_unlock(715517)")
                    conn.commit()
        finally:
            lock_engine.dispose()
        return store
    return _open_and_load(url)


def _open_and_load(url: str) -> Store:
    store = open_store(url, create=True)
    try:
        with store.write() as conn:
            refload.ensure_loaded(conn)
        Authority(store).epoch()
        auth.server_secret(store)
    except BaseException:
        store.dispose()
        raise
    return store


def create_app(config: ServerConfig, store: Store | None = None) -> FastAPI:
    store = store or open_server_store(config.database_url)
    authority = Authority(store)
    secret = auth.server_secret(store)
    log = logs.get()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        log.info("serving", extra={"path": store.url})
        yield
        store.dispose()

    app = FastAPI(
        title="MissionDesk sync server",
        version=__version__,
        description="HQ's authority over HTTP: enrolment, push, pull, verify and HQ administration.",
        lifespan=lifespan,
    )

    # -- errors and request logs --

    status_for: list[tuple[type[Exception], int]] = [
        (auth.Unauthorised, 401),
        (Refused, 401),
        (auth.Forbidden, 403),
        (OutOfScope, 403),
        (AppTooOld, 426),
        (NotFound, 404),
        (Malformed, 422),
        (UserError, 409),
        (EnvironmentProblem, 503),
    ]

    def _error(request: Request, exc: Exception) -> Response:
        code = next(c for kind, c in status_for if isinstance(exc, kind))
        request.state.error = type(exc).__name__  # the caller gets the sentence; the log no record text
        headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
        return JSONResponse(error_body(exc), status_code=code, headers=headers)

    for kind, _code in status_for:
        app.add_exception_handler(kind, _error)

    def _bug(request: Request, exc: Exception) -> Response:
        """A bug in HQ's code: logged with its traceback, answered 500; the caller retries later, so a
        pushed op is never refused for good because of it (nothing of the request was committed)."""
        request.state.error = type(exc).__name__
        log.error("internal error", exc_info=exc, extra={"path": request.url.path})
        return JSONResponse(
            {
                "detail": "HQ's server had an internal error; nothing of this request was applied. Try again later."
            },
            status_code=500,
        )

    app.add_exception_handler(Exception, _bug)

    @app.middleware("http")
    async def log_requests(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        extra = {
            "method": request.method,
            "path": request.url.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - start) * 1000, 1),
            "device": getattr(request.state, "device", None),
            "mission": getattr(request.state, "mission", None),
            "ops": getattr(request.state, "ops", None),
            "changes": getattr(request.state, "changes", None),
            "error": getattr(request.state, "error", None),
        }
        log.info("request", extra=extra)
        return response

    # -- who is calling --

    def app_version(
        version: Annotated[str | None, Header(alias=protocol.VERSION_HEADER)] = None,
    ) -> None:
        if version is not None and protocol.too_old(version, config.min_app_version):
            raise AppTooOld(
                f"This MissionDesk ({version}) is too old to sync with HQ; update it to "
                f"{config.min_app_version} or newer. Your unsent changes are kept."
            )

    def current(request: Request, authorization: Annotated[str | None, Header()] = None) -> auth.Caller:
        if not authorization or not authorization.lower().startswith("bearer "):
            raise auth.Unauthorised("Sign in first: this request needs an access token.")
        who = auth.caller(store, auth.claim_of_token(secret, authorization[7:].strip()))
        request.state.device = who.device_id
        request.state.mission = who.mission
        return who

    def hq_only(who: Annotated[auth.Caller, Depends(current)]) -> auth.Caller:
        if who.role is not Role.HQ:
            raise auth.Forbidden("Only an HQ device may do this.")
        return who

    as_device = Annotated[auth.Caller, Depends(current)]
    as_hq = Annotated[auth.Caller, Depends(hq_only)]
    versioned = [Depends(app_version)]

    def epoch() -> str:
        with store.read() as conn:
            value = settings.get(conn, EPOCH_SETTING)
        return str(value) if value is not None else authority.epoch()

    # -- open routes --

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        with store.read() as conn:
            conn.execute(sa.text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.get(f"{protocol.API}/hello", response_model=Hello, tags=["sync"])
    def hello() -> Hello:
        return Hello(
            version=__version__,
            epoch=epoch(),
            schema_min=MIN_SUPPORTED_SCHEMA,
            schema_max=SCHEMA_VERSION,
            min_app_version=config.min_app_version,
            message=config.message,
        )

    @app.post(f"{protocol.API}/enrol", response_model=EnrolOut, tags=["devices"], dependencies=versioned)
    def enrol(body: EnrolIn, request: Request) -> EnrolOut:
        done = auth.enrol(
            store, body.code, body.device_id, body.mission, body.slot, body.slot_fixed, body.label
        )
        request.state.device, request.state.mission = done.device_id, done.mission
        return EnrolOut(
            device_id=done.device_id,
            mission=done.mission,
            role=done.role.value,
            slot=done.slot,
            credential=done.credential,
        )

    @app.post(f"{protocol.API}/token", response_model=TokenOut, tags=["devices"])
    def token(body: TokenIn, request: Request) -> TokenOut:
        request.state.device = body.device_id
        value, seconds = auth.issue_token(store, secret, body.device_id, body.credential, config.token_ttl)
        with store.write() as conn:
            conn.execute(
                sa.update(auth_device)
                .where(auth_device.c.device_id == body.device_id)
                .values(last_seen_at=utcnow())
            )
        return TokenOut(access_token=value, expires_in=seconds)

    # -- sync --

    @app.post(f"{protocol.API}/push", response_model=PushOut, tags=["sync"], dependencies=versioned)
    def push(body: PushIn, who: as_device, request: Request) -> Response:
        try:
            ops = [Op.from_wire(o) for o in body.ops]
        except ValueError as exc:
            raise Malformed(
                f"The batch holds an op that cannot be read ({exc}); nothing was applied."
            ) from exc
        request.state.ops = len(ops)
        results = authority.push(ops, who.device_id, "network")
        return _json({"results": [r.to_wire() for r in results]})

    @app.get(
        f"{protocol.API}/changes",
        response_model=None,
        responses={200: {"model": PageOut}},
        tags=["sync"],
        dependencies=versioned,
    )
    def changes(
        who: as_device,
        request: Request,
        cursor: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0,
        limit: Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)] = 500,
    ) -> Response:
        page = authority.changes(who.device_id, cursor, limit)
        request.state.changes = len(page.changes)
        return _json(page.to_wire())

    @app.get(f"{protocol.API}/verify", tags=["sync"], dependencies=versioned)
    def verify_scope(
        who: as_device,
        entity_name: Annotated[str | None, Query(alias="entity", max_length=32, pattern=PLAIN)] = None,
        bucket: Annotated[str | None, Query(pattern="^[0-9a-f]$")] = None,
    ) -> dict[str, Any]:
        """Counts and hashes of the caller's scope; narrow with ``entity`` and then ``bucket``."""
        if entity_name is not None and not is_entity(entity_name):
            raise NotFound(f"No entity {entity_name!r}.")
        with store.read() as conn:
            if entity_name is None:
                return {"epoch": epoch(), "entities": verify.digest(conn, who.role, who.mission)}
            if bucket is None:
                return {"buckets": verify.buckets(conn, who.role, who.mission, entity_name)}
            rows = verify.bucket_rows(conn, who.role, who.mission, entity_name, bucket)
            return {"rows": [list(r) for r in rows]}

    @app.post(f"{protocol.API}/records", response_model=RecordsOut, tags=["sync"], dependencies=versioned)
    def records(body: RecordsIn, who: as_device) -> RecordsOut:
        """The current state of named records in the caller's scope (the targeted re-pull after verify)."""
        if not is_entity(body.entity):
            raise NotFound(f"No entity {body.entity!r}.")
        spec = entity(body.entity)
        table = entity_table(spec.name)
        with store.read() as conn:
            rows = conn.execute(sa.select(table).where(table.c.id.in_(body.ids))).mappings().all()
        mapped = [dict(r) for r in rows]
        found = [row_to_wire(spec, r) for r in mapped if record_visible_to(spec, r, who.role, who.mission)]
        return RecordsOut(epoch=epoch(), records=found)

    # -- HQ administration --

    @app.get(f"{protocol.API}/hq/devices", tags=["hq"])
    def devices(_who: as_hq) -> list[dict[str, object]]:
        return auth.devices(store)

    @app.post(f"{protocol.API}/hq/devices/{{device_id}}/revoke", tags=["hq"])
    def revoke(device_id: Annotated[str, Path(pattern=ID)], _who: as_hq) -> dict[str, str]:
        auth.revoke(store, device_id)
        log.info("device revoked", extra={"device": device_id})
        return {"device_id": device_id, "status": "revoked"}

    @app.post(f"{protocol.API}/hq/enrol-codes", response_model=CodeOut, tags=["hq"])
    def enrol_code(body: CodeIn, _who: as_hq) -> CodeOut:
        mission = check_mission(body.mission)
        code = auth.issue_code(store, mission)
        return CodeOut(mission=mission, code=code, expires_in_hours=auth.CODE_TTL.total_seconds() / 3600)

    @app.get(f"{protocol.API}/hq/conflicts", tags=["hq"])
    def conflicts(
        _who: as_hq, status: Annotated[str, Query(pattern="^(open|resolved|all)$")] = "open"
    ) -> list[dict[str, Any]]:
        """Conflicts for review (``open``), or the resolutions made (``resolved``). Resolve by pushing
        the resolution's ops from an HQ device, like any other change."""
        spec = entity("conflict")
        table = entity_table("conflict")
        stmt = sa.select(table).order_by(table.c.created_at)
        if status == "open":
            stmt = stmt.where(table.c.status == ConflictStatus.OPEN.value)
        elif status == "resolved":
            stmt = stmt.where(table.c.status != ConflictStatus.OPEN.value)
        with store.read() as conn:
            return [row_to_wire(spec, dict(r)) for r in conn.execute(stmt).mappings()]

    @app.get(f"{protocol.API}/hq/held", tags=["hq"])
    def held(
        _who: as_hq, device: Annotated[str | None, Query(max_length=36, pattern=ID)] = None
    ) -> list[dict[str, Any]]:
        return [op.to_wire() for op in authority.held(device)]

    @app.post(f"{protocol.API}/hq/held/{{device_id}}/force", tags=["hq"])
    def force(
        device_id: Annotated[str, Path(pattern=ID)],
        _who: as_hq,
        older_than_hours: Annotated[float, Query(ge=0, le=24 * 365 * 100)] = 24.0,
    ) -> list[dict[str, Any]]:
        auth.require_device(store, device_id)
        results = authority.force_held(device_id, dt.timedelta(hours=older_than_hours))
        return [dict(r.to_wire()) for r in results]

    blob_root = config.blobs_at()
    hub = BlobHub(
        store, FolderBlobStore(blob_root), blob_root / "staging", dt.timedelta(days=config.staging_days)
    )
    hub.prune()  # what uploads were left half-way while the server was down, or long ago
    add_blob_routes(app, hub, current, versioned)

    app.add_middleware(LimitBody, limit=config.max_body)
    return app


def check_mission(code: str) -> str:
    """A known mission code, or ``HQ`` for an HQ device."""
    if code.strip().upper() == HQ_MISSION:
        return HQ_MISSION
    return setup.check_mission(code)


def _json(data: Any) -> Response:
    """A JSON response without a second validation pass (feed pages are large)."""
    return Response(content=orjson.dumps(data), media_type="application/json")
