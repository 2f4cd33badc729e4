"""Fuwu (服务): after-sales service management — the code packaged into the Lambda functions."""
