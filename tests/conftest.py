import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_user_directories(tmp_path_factory):
    """Caches and audit history go to a temporary home: tests never touch the user's own."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        os.environ[var] = str(home / sub)
    os.environ["NO_COLOR"] = "1"
    yield
