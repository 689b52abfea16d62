import pytest
from django.db import IntegrityError

from incluportal.models import User

pytestmark = pytest.mark.django_db


def test_emails_are_stored_lower_case():
    user = User.objects.create_user("Mixed@Example.ORG", "x" * 12)
    assert user.email == "mixed@example.org"


def test_the_same_address_in_another_case_is_the_same_account():
    User.objects.create_user("one@example.org", "x" * 12)
    with pytest.raises(IntegrityError):
        User.objects.create_user("ONE@example.org", "x" * 12)


def test_a_superuser_needs_no_username():
    admin = User.objects.create_superuser("root@example.org", "x" * 12)
    assert admin.is_staff and admin.is_superuser
    assert str(admin) == "root@example.org"
