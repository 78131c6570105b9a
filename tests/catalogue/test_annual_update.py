"""The annual update deadline (31 March) and grading eligibility."""

import datetime

import pytest
from django.contrib.auth.models import User

from catalogue import services
from catalogue.factories import BatchFactory, ProviderPageFactory
from catalogue.models import Grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(provider_index):
    batch = BatchFactory(year=2024, number=5, published_on=datetime.date(2024, 6, 20))
    page = ProviderPageFactory(parent=provider_index, batch=batch)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("updated", "eligible"),
    [
        (datetime.date(2026, 3, 31), True),  # on the deadline
        (datetime.date(2026, 1, 1), True),
        (datetime.date(2026, 4, 1), False),  # a day late
        (datetime.date(2025, 12, 31), False),  # last year's update does not count
        (None, False),
    ],
)
def test_deadline_is_31_march_of_the_grading_year(provider, updated, eligible):
    provider.last_updated_on = updated
    assert (provider.grading_ineligibility(2026) is None) is eligible


def test_a_provider_selected_during_the_year_may_be_graded_that_year(provider_index):
    batch = BatchFactory(year=2026, number=7, published_on=datetime.date(2026, 8, 20))
    newcomer = ProviderPageFactory(parent=provider_index, batch=batch)
    assert newcomer.grading_ineligibility(2026) is None
    assert newcomer.grading_ineligibility(2027) is not None


def test_recording_a_grade_for_a_late_provider_is_refused_with_the_reason(provider):
    provider.last_updated_on = datetime.date(2026, 4, 2)
    provider.save()
    with pytest.raises(services.NotEligibleForGrading, match="3月31日前"):
        services.record_grade(provider, year=2026, grade=Grade.EXCELLENT)
    provider.refresh_from_db()
    assert not provider.grades.exists()

    provider.last_updated_on = datetime.date(2026, 3, 15)
    provider.save()
    services.record_grade(provider, year=2026, grade=Grade.EXCELLENT)
    provider.refresh_from_db()
    assert provider.latest_grade == Grade.EXCELLENT


def test_the_public_page_shows_the_last_update_date(client, provider):
    provider.last_updated_on = datetime.date(2026, 3, 15)
    provider.save_revision().publish()
    assert "2026-03-15" in client.get(provider.url).content.decode()


def test_the_admin_refuses_a_grade_and_says_why(client, provider):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    admin = User.objects.create_superuser("admin", password="pw")
    client.force_login(admin)
    provider.last_updated_on = datetime.date(2026, 5, 1)
    provider.save_revision().publish()
    edit = client.get(f"/admin/pages/{provider.pk}/edit/")
    assert edit.status_code == 200
    form = edit.context["form"]
    data = nested_form_data(
        {
            **{name: form[name].value() for name in form.fields if name not in form.formsets},
            "grades": inline_formset(
                [{"year": 2026, "grade": "excellent", "score": "", "note": ""}]
            ),
            "status_changes": inline_formset([]),
        }
    )
    data = {k: v for k, v in data.items() if v is not None}
    data["categories"] = [c.pk for c in provider.categories.all()]
    response = client.post(f"/admin/pages/{provider.pk}/edit/", data)
    html = response.content.decode()
    assert "取消当年评级评价资格" in html
    provider.refresh_from_db()
    assert not provider.grades.exists()
