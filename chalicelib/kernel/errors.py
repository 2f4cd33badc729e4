"""Refusals of the use cases; the API maps each to one HTTP status and error code."""

from __future__ import annotations


class ServiceError(Exception):
    code = "error"

    def __init__(self, message: str = "", fields: dict[str, str] | None = None, **extra):
        super().__init__(message or self.code)
        self.message = message
        self.fields = fields or {}
        self.extra = extra


class ValidationFailed(ServiceError):
    code = "validation_error"


class PayloadTooLarge(ServiceError):
    code = "payload_too_large"


class UnsupportedMediaType(ServiceError):
    """A body that is not declared `application/json`."""

    code = "unsupported_media_type"


class UnknownActionError(ServiceError):
    code = "unknown_action"


class Unauthenticated(ServiceError):
    code = "unauthenticated"


class Forbidden(ServiceError):
    code = "forbidden"


class NotFound(ServiceError):
    code = "not_found"


class StaleVersion(ServiceError):
    code = "stale_version"


class InvalidTransition(ServiceError):
    code = "invalid_transition"


class IdempotencyConflict(ServiceError):
    code = "idempotency_conflict"


class UploadRejected(ServiceError):
    """The uploaded bytes are not what was allowed; they have been deleted."""

    code = "upload_rejected"


class UploadNotFound(ServiceError):
    """Nothing has arrived under the attachment's key (yet)."""

    code = "upload_not_found"


class EvidenceMissing(ServiceError):
    """The policy requires photos that the order does not have yet."""

    code = "evidence_missing"


class TooManyChanges(ServiceError):
    """The action would write more items at once than one DynamoDB transaction holds; nothing
    was written (docs/consistency.md)."""

    code = "too_many_changes"


class PasswordResetRequired(Unauthenticated):
    """An administrator reset the password (Cognito's PasswordResetRequiredException): the user
    signs in with the code Cognito sent, or gets a new temporary password."""

    code = "password_reset_required"


class SecondFactorRequired(Forbidden):
    """Head office without TOTP where it is required: only GET /api/me and /api/auth/* answer."""

    code = "mfa_required"


class TooManyRequests(ServiceError):
    """Cognito throttled the call (TooManyRequests, LimitExceeded): try again in a moment."""

    code = "too_many_requests"


class ServiceUnavailable(ServiceError):
    """Cognito (or its key set) did not answer or failed on its side: nothing is wrong with the
    caller's session, try again later."""

    code = "service_unavailable"
