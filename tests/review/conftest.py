import pytest
from django.test import Client

from tests.workflow import logged_in, make_reviewer, submit_new_treatment


@pytest.fixture
def reviewer(db):
    return make_reviewer("reviewer")


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return logged_in(reviewer)


@pytest.fixture
def submitted(editor_client, treatment_index):
    return submit_new_treatment(editor_client, treatment_index)
