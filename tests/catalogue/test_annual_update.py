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


# --- Publishing from the live page while an update waits in review -----------------------------
#
# A grade (or a status change) is published at once from the live page. An update of the
# provider that is waiting (saved, in review or returned) must be neither lost nor published
# unreviewed, and its review must not be silently cancelled (catalogue/services.py).


def member(name):
    from django.contrib.auth.models import Group

    user = User.objects.create_user(f"member-{name}", password="pw")
    user.groups.add(Group.objects.get(name=name))
    return user


def submit_update(provider, editor, **values):
    """The editor's annual update, saved and submitted to the review."""
    draft = provider.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    draft.save_revision(user=editor)
    return provider.get_workflow().start(provider, editor)


def approve_all(page):
    from portal.editorial import APPROVERS, REVIEWERS

    state = type(page).objects.get(pk=page.pk).current_workflow_state
    for user in (member(REVIEWERS), member(APPROVERS)):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()
    assert state.status == "approved"


def fresh(provider):
    from catalogue.models import ProviderPage

    return ProviderPage.objects.get(pk=provider.pk)


@pytest.fixture
def in_review(provider):
    from portal.editorial import EDITORS

    provider.last_updated_on = datetime.date(2026, 3, 15)
    provider.save_revision().publish()
    editor = member(EDITORS)
    submit_update(provider, editor, introduction="年度更新后的简介。")
    return fresh(provider)


def test_a_grade_keeps_the_update_waiting_in_review(in_review):
    services.record_grade(in_review, year=2026, grade=Grade.EXCELLENT, user=None)

    page = fresh(in_review)
    assert page.latest_grade == Grade.EXCELLENT  # public at once
    assert page.introduction != "年度更新后的简介。"  # the update is not published unreviewed
    pending = page.get_latest_revision_as_object()
    assert pending.introduction == "年度更新后的简介。"  # nor lost
    assert [(g.year, g.grade) for g in pending.grades.all()] == [(2026, Grade.EXCELLENT)]
    state = page.current_workflow_state
    assert state is not None and state.current_task_state.task.name == "专家评审"

    approve_all(page)
    page = fresh(in_review)
    assert page.introduction == "年度更新后的简介。"
    assert page.latest_grade == Grade.EXCELLENT
    assert [(g.year, g.grade) for g in page.grades.all()] == [(2026, Grade.EXCELLENT)]


def test_changing_a_grade_updates_it_in_the_waiting_update_too(in_review):
    services.record_grade(in_review, year=2026, grade=Grade.QUALIFIED)
    services.record_grade(fresh(in_review), year=2026, grade=Grade.EXCELLENT, note="复核")
    pending = fresh(in_review).get_latest_revision_as_object()
    assert [(g.year, g.grade, g.note) for g in pending.grades.all()] == [
        (2026, Grade.EXCELLENT, "复核")
    ]
    assert pending.latest_grade == Grade.EXCELLENT


# --- The workbook import while an update waits in review ----------------------------------------


def workbook(tmp_path, provider, **values):
    import openpyxl

    row = {
        "服务商名称": provider.title,
        "统一社会信用代码": provider.uscc,
        "所在地区": provider.region.name,
        "服务商类别": provider.categories.first().name,
        **values,
    }
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "服务商"
    sheet.append(list(row))
    sheet.append(list(row.values()))
    path = tmp_path / "update.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("publish", [False, True])
def test_an_import_adds_to_the_update_in_review_without_cancelling_it(tmp_path, in_review, publish):
    from catalogue.workbook import import_workbook

    importer = User.objects.create_superuser("importer", password="pw")
    result = import_workbook(
        workbook(tmp_path, in_review, 联系电话="0531-66667777"), publish=publish, user=importer
    )
    assert result.ok, result.summary_lines()
    assert result.counts["服务商"].updated == 1

    page = fresh(in_review)
    pending = page.get_latest_revision_as_object()
    # The import went on top of the update in review: both are kept, ...
    assert pending.introduction == "年度更新后的简介。"
    assert pending.contact_phone == "0531-66667777"
    # ... nothing of the editor's update went public unreviewed, ...
    assert page.introduction != "年度更新后的简介。"
    # ... and the review carries on, now with the imported values.
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"
    if publish:
        assert any("审核" in line and page.title in line for line in result.summary_lines())

    approve_all(page)
    page = fresh(in_review)
    assert (page.introduction, page.contact_phone) == ("年度更新后的简介。", "0531-66667777")


@pytest.mark.parametrize("publish", [False, True])
def test_an_unchanged_row_leaves_the_update_in_review(tmp_path, in_review, publish):
    from catalogue.workbook import import_workbook

    result = import_workbook(workbook(tmp_path, in_review), publish=publish)
    assert result.ok, result.summary_lines()
    page = fresh(in_review)
    assert page.introduction != "年度更新后的简介。"
    assert page.current_workflow_state is not None
