# The review's fixtures (a reviewer, their client, a submitted treatment) for the tests of
# sign-off failures counting towards the lockout.
from tests.review.conftest import reviewer, reviewer_client, submitted  # noqa: F401
