"""Signing in: the further steps Cognito may ask for, by the names the API gives them."""

CHALLENGES = {"SOFTWARE_TOKEN_MFA": "totp", "NEW_PASSWORD_REQUIRED": "new_password"}
