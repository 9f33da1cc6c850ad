"""One JSON error envelope, ``{"error": {"code", "message"}}``, for every error the API returns:
library errors keep their code, HTTP errors and bad parameters get API codes (E07x)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import Code, DatelineError

log = logging.getLogger(__name__)

#: the HTTP status of each library code the API can meet; others are 400
STATUS_OF_CODE: dict[Code, int] = {
    Code.NO_SUCH_ITEM: 404,
    Code.NOT_ALLOWED: 401,
    Code.WRITES_DISABLED: 403,
    Code.TOO_LARGE: 413,
    Code.MODEL_MISSING: 503,
    Code.BAD_DATABASE: 503,
    Code.SERVER_ERROR: 500,
}

#: the code of an HTTP error raised by the framework itself (unknown path, wrong method, ...)
CODE_OF_STATUS: dict[int, Code] = {404: Code.NO_SUCH_ITEM, 413: Code.TOO_LARGE}


def envelope(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _library_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DatelineError)
    return envelope(STATUS_OF_CODE.get(error.code, 400), error.code.value, error.message)


def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = CODE_OF_STATUS.get(error.status_code, Code.BAD_REQUEST)
    if error.status_code >= 500:
        code = Code.SERVER_ERROR
    message = str(error.detail)
    if error.status_code == 404:
        message = "no such page or API path; the API is under /api (see /openapi.json)"
    elif error.status_code == 405:
        message = "this path does not take that method (see /openapi.json)"
    return envelope(error.status_code, code.value, message)


def _bad_parameters(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()))
        problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    message = "; ".join(problems) or "the request does not match the API description"
    return envelope(
        422, Code.BAD_REQUEST.value, message + " (/openapi.json describes every parameter)"
    )


def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("the API failed on a request", exc_info=error)
    return envelope(
        500,
        Code.SERVER_ERROR.value,
        f"the server failed ({type(error).__name__}); this is a bug, please report it with "
        "the request that caused it",
    )


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DatelineError, _library_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_parameters)
    app.add_exception_handler(Exception, _unexpected)
