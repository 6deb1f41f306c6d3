"""Fixtures of the workshop's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.processes import tutor_env
from tests.workshop.helpers import APP, APP_ENV
from tutor.workshop.starter import Starter, starter_argv


@pytest.fixture
async def starter() -> AsyncIterator[Starter]:
    """A running session starter for the test app, stopped afterwards."""
    running = Starter(starter_argv(APP), tutor_env(APP_ENV))
    await running.ensure_running()
    yield running
    await running.stop(5.0)
