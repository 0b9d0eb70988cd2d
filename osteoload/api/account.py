"""The caller herself: who she is, and her personal API tokens.

Tokens are managed from a logged-in browser session only (the settings page): a token
cannot mint or revoke tokens, so a leaked token cannot make itself permanent.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from osteoload.services import access, api_tokens, export

from . import auth
from .params import responses
from .schemas import Id, MeOut, PagingQuery, TokenCreatedOut, TokenIn, TokenPage

router = Router(tags=["account"])


@router.get("/me", response=responses({200: MeOut}, inputs=False))
def get_me(request: HttpRequest) -> dict[str, Any]:
    """Who is calling: username, role, and a client's own client id."""
    user = auth.caller(request)
    role = access.role_of(user)
    client_id = None
    if role == "client":
        try:
            client_id = int(access.own_client(user).pk)
        except access.NotFound:
            client_id = None
    return {
        "username": user.get_username(),
        "role": role.value if role is not None else None,
        "client_id": client_id,
    }


def _session_only(request: HttpRequest) -> Any:
    if auth.via(request) != "session":
        raise access.Forbidden(
            _("API tokens are managed from a logged-in browser session, not with a token.")
        )
    return auth.caller(request)


def _token(info: api_tokens.TokenInfo) -> dict[str, Any]:
    return {
        "id": info.token_id,
        "name": info.name,
        "prefix": info.prefix,
        "created": info.created,
        "last_used": info.last_used,
        "revoked": info.revoked,
        "expires": info.expires,
        "active": info.active,
    }


@router.get("/tokens", response=responses({200: TokenPage}))
def list_tokens(request: HttpRequest, page: Query[PagingQuery]) -> dict[str, Any]:
    """The caller's API tokens, newest first, revoked ones included (browser session only)."""
    tokens = api_tokens.list_tokens(_session_only(request))
    return {
        "count": len(tokens),
        "offset": page.offset,
        "limit": page.limit,
        "server_time": export.server_time(),
        "items": [_token(t) for t in tokens[page.offset : page.offset + page.limit]],
    }


@router.post("/tokens", response=responses({201: TokenCreatedOut}))
def create_token(request: HttpRequest, body: TokenIn) -> Status[dict[str, Any]]:
    """A new API token, shown once in the answer (browser session only)."""
    user = _session_only(request)
    token_id, token = api_tokens.create_token(user, body.name, expires_in_days=body.expires_in_days)
    info = next(t for t in api_tokens.list_tokens(user) if t.token_id == token_id)
    return Status(201, {**_token(info), "token": token})


@router.delete("/tokens/{token_id}", response=responses({204: None}, path=True))
def revoke_token(request: HttpRequest, token_id: Id) -> Status[None]:
    """Revoke one of the caller's tokens; it stops working at once (browser session only)."""
    api_tokens.revoke_token(_session_only(request), token_id)
    return Status(204, None)
