"""Start the whole local product: moto, the resources, demo data, API + SPA on one origin."""

from __future__ import annotations

import os

from .moto_stack import MotoServer

LOCAL_ENV = {
    # moto accepts any credentials; these only keep botocore from looking for real ones
    "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
    "POWERTOOLS_SERVICE_NAME": "fuwu", "POWERTOOLS_METRICS_NAMESPACE": "Fuwu",
    # The demo hq_admin signs in with the demo password alone (`make run`, the tests); on AWS
    # head office must set up TOTP first (chalicelib/config.py, docs/deploy.md).
    "FUWU_REQUIRE_HQ_MFA": "0",
}


def start_local_aws(seed_orders: int | None = 50) -> tuple[MotoServer, dict]:
    """moto on a free loopback port, bootstrapped (and seeded unless seed_orders is None)."""
    for key, value in LOCAL_ENV.items():
        os.environ.setdefault(key, value)
    moto = MotoServer().start()
    from infra.resources import USER_POOL

    from .bootstrap import bootstrap

    # the refresh cookie's lifetime, the app client's refresh token validity (as the CDK stack)
    env = {**bootstrap(moto.url), "FUWU_REFRESH_TOKEN_DAYS": str(USER_POOL.refresh_token_days)}
    os.environ.update(env)
    from chalicelib.kernel.config import settings

    settings.cache_clear()
    summary = {}
    if seed_orders is not None:
        from chalicelib.kernel.observability import logger, metrics

        from .seed import seed

        level = logger.log_level
        logger.setLevel("WARNING")  # the seed's own order logs would bury the start-up lines
        try:
            summary = seed(env["FUWU_USER_POOL_ID"], orders=seed_orders)
        finally:
            logger.setLevel(level)
            metrics.clear_metrics()  # demo data is not business activity
    return moto, {**env, "summary": summary}
