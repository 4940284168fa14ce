import pytest

from claims.rules import load_rules

# Lines the labelled-set test records for the end-of-run summary.
FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def rules(db):
    """The active rules as the data migration seeded them."""
    return load_rules()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("claims checker: labelled set")
        for line in lines:
            terminalreporter.write_line(line)
