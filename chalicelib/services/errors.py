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
