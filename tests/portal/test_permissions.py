"""Who may do what to a provider page (DESIGN.md §5), through the real admin views.

Rows are actions, columns are the five kinds of user: anonymous, 编辑 (editor), 审核专家
(reviewer), 协会审批 (approver) and an administrator (superuser). Each cell is what the person
would notice: a redirect to the login page, a refusal, or whether the page went live, a new
revision was saved or the review moved on. Requests go through Django's test client to the
admin's own views; data comes from the factories.

The draft a test works on is a change to a published provider ("新简介") or a provider that has
never been published.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.test import Client
from wagtail.models import Page, TaskState, WorkflowState

from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
from catalogue.models import ProviderPage, Status
from portal.editorial import APPROVAL_TASK, APPROVERS, EDITORS, REVIEW_TASK, REVIEWERS

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer", "approver", "administrator"]
LIVE_INTRODUCTION = "专注中小企业数字化转型，提供咨询规划与系统实施服务。"
DRAFT_INTRODUCTION = "新增工业互联网平台部署与设备联网运维服务。"

# What a person notices.
LOGIN = "redirected to the login page"
DENIED = "refused: no permission"
ALLOWED = "allowed"


def matrix(**cells):
    """Parametrize a test over the five roles: ``matrix(anonymous=LOGIN, editor=..., ...)``."""
    assert set(cells) == set(ROLES), set(ROLES) ^ set(cells)
    return pytest.mark.parametrize(("role", "expected"), [(role, cells[role]) for role in ROLES])


# --- People and data -------------------------------------------------------------------------


@pytest.fixture
def people(db):
    def member(username, group_name):
        user = User.objects.create_user(username, password="x")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return {
        "anonymous": None,
        "editor": member("editor", EDITORS),
        "reviewer": member("reviewer", REVIEWERS),
        "approver": member("approver", APPROVERS),
        "administrator": User.objects.create_superuser("admin", password="x"),
    }


@pytest.fixture
def as_role(client, people):
    """Log the test client in as the role (or not at all for anonymous)."""

    def login(role):
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return login


@pytest.fixture
def provider_index(home):
    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.fixture
def provider(provider_index):
    """A published provider."""
    page = ProviderPageFactory(parent=provider_index, introduction=LIVE_INTRODUCTION)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def unpublished(provider_index):
    """A provider that has never been published (an editor's draft)."""
    page = ProviderPageFactory(
        parent=provider_index, introduction=DRAFT_INTRODUCTION, live=False, slug="draft-provider"
    )
    page.save_revision(user=None)
    return page


def draft_change(provider, editor):
    """The editor saves a change to the published provider (not yet submitted)."""
    page = provider.get_latest_revision_as_object()
    page.introduction = DRAFT_INTRODUCTION
    return page.save_revision(user=editor)


def submit(provider, editor) -> WorkflowState:
    """The editor's change, submitted: it waits at the first step, 专家评审."""
    draft_change(provider, editor)
    return provider.get_workflow().start(provider, editor)


def at_approval_step(provider, people) -> WorkflowState:
    """The change after the reviewer approved it: it waits at 协会审批."""
    state = submit(provider, people["editor"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["reviewer"], "approve")
    state.refresh_from_db()
    assert state.current_task_state.task.name == APPROVAL_TASK
    return state


def edit_form_data(page, **changes) -> dict:
    """The POST data of the page's edit form as Wagtail's editor renders it, with changes."""
    admin = User.objects.filter(is_superuser=True).first()
    reader = Client()
    reader.force_login(admin)
    form = reader.get(f"/admin/pages/{page.pk}/edit/").context["form"]
    data = {}
    _collect(form, data)
    for formset in form.formsets.values():
        _collect(formset.management_form, data)
        for subform in formset.forms:
            _collect(subform, data)
    data.update(changes)
    return data


def _collect(form, data):
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = str(value)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def outcome(response) -> str:
    """LOGIN, DENIED or ALLOWED, as the person sees the response."""
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return LOGIN
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and response["Location"] == "/admin/":
        shown = [str(m) for m in get_messages(response.wsgi_request)]
        if any("没有权限" in message for message in shown):
            return DENIED
    assert response.status_code in (200, 302), response.status_code
    return ALLOWED


def revisions(page) -> int:
    return page.revisions.count()


def latest_introduction(page) -> str:
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().introduction


def live_introduction(page) -> str:
    return ProviderPage.objects.get(pk=page.pk).introduction


# --- View a draft --------------------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_view_a_draft_in_the_admin(as_role, unpublished, role, expected):
    """The editor, preview and "view draft" of a draft that is not in review."""
    client = as_role(role)
    for url in (edit_url(unpublished), f"/admin/pages/{unpublished.pk}/view_draft/"):
        response = client.get(url)
        assert outcome(response) == expected, url
        if expected == ALLOWED:
            assert DRAFT_INTRODUCTION in response.content.decode()


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=ALLOWED, approver=ALLOWED, administrator=ALLOWED)
def test_view_a_draft_waiting_for_expert_review(as_role, people, provider, role, expected):
    """Once submitted, the reviewers see the change they have to review."""
    submit(provider, people["editor"])
    client = as_role(role)
    for url in (edit_url(provider), f"/admin/pages/{provider.pk}/view_draft/"):
        response = client.get(url)
        assert outcome(response) == expected, url
        if expected == ALLOWED:
            assert DRAFT_INTRODUCTION in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_public_site_and_the_api_never_show_a_draft(
    as_role, people, provider, unpublished, role
):
    """Whoever asks, logged in or not: an unpublished page is not found, and a published page
    shows its published content while a change waits in review."""
    submit(provider, people["editor"])
    client = as_role(role)

    assert client.get(unpublished.url or "/providers/draft-provider/").status_code == 404
    assert client.get(f"/api/v1/providers/{unpublished.uscc}").status_code == 404
    assert client.get(f"/api/v2/pages/{unpublished.pk}/").status_code == 404

    html = client.get(provider.url).content.decode()
    assert LIVE_INTRODUCTION in html and DRAFT_INTRODUCTION not in html
    detail = client.get(f"/api/v1/providers/{provider.uscc}")
    assert detail.status_code == 200
    assert detail.json()["introduction"] == LIVE_INTRODUCTION


# --- Edit ----------------------------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_edit_a_published_provider(as_role, provider, role, expected):
    data = edit_form_data(provider, introduction=DRAFT_INTRODUCTION)
    before = revisions(provider)

    response = as_role(role).post(edit_url(provider), data)

    assert outcome(response) == expected
    saved = revisions(provider) == before + 1
    assert saved == (expected == ALLOWED)
    if saved:
        assert response["Location"] == edit_url(provider)  # stays in the editor
        assert latest_introduction(provider) == DRAFT_INTRODUCTION
    assert live_introduction(provider) == LIVE_INTRODUCTION  # saving never publishes


# The change is locked to everyone but the step's reviewers while it waits for them.
@matrix(anonymous=LOGIN, editor=DENIED, reviewer=ALLOWED, approver=DENIED, administrator=ALLOWED)
def test_edit_during_expert_review(as_role, people, provider, role, expected):
    submit(provider, people["editor"])
    data = edit_form_data(provider, introduction="专家修改后的简介。")
    before = revisions(provider)

    response = as_role(role).post(edit_url(provider), data)

    saved = revisions(provider) == before + 1
    if expected == ALLOWED:
        assert saved
        assert latest_introduction(provider) == "专家修改后的简介。"
        assert provider.current_workflow_task.name == REVIEW_TASK  # still in review
    else:
        assert not saved
        if role == "anonymous":
            assert outcome(response) == LOGIN
        else:
            # The editor shows the page again, locked by the review, and saves nothing.
            assert response.status_code == 200
            assert REVIEW_TASK in response.content.decode()
    assert live_introduction(provider) == LIVE_INTRODUCTION


# --- Submit to the workflow ----------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_submit_a_change_for_review(as_role, provider, role, expected):
    data = edit_form_data(provider, introduction=DRAFT_INTRODUCTION, **{"action-submit": "1"})

    response = as_role(role).post(edit_url(provider), data)

    assert outcome(response) == expected
    provider.refresh_from_db()
    in_review = provider.workflow_in_progress
    assert in_review == (expected == ALLOWED)
    if in_review:
        assert provider.current_workflow_task.name == REVIEW_TASK
    assert live_introduction(provider) == LIVE_INTRODUCTION


# --- Approve each step ---------------------------------------------------------------------


def approve(client, provider, task_state):
    return client.post(
        f"/admin/pages/workflow/action/{provider.pk}/approve/{task_state.pk}/", {"comment": ""}
    )


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=ALLOWED, approver=DENIED, administrator=ALLOWED)
def test_approve_the_expert_review_step(as_role, people, provider, role, expected):
    state = submit(provider, people["editor"])
    task_state = state.current_task_state

    response = approve(as_role(role), provider, task_state)

    assert outcome(response) == expected
    task_state.refresh_from_db()
    state.refresh_from_db()
    if expected == ALLOWED:
        assert task_state.status == TaskState.STATUS_APPROVED
        assert state.current_task_state.task.name == APPROVAL_TASK
    else:
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # Expert review alone never publishes.
    assert live_introduction(provider) == LIVE_INTRODUCTION


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_approve_the_association_step_publishes(as_role, people, provider, role, expected):
    state = at_approval_step(provider, people)
    task_state = state.current_task_state

    response = approve(as_role(role), provider, task_state)

    assert outcome(response) == expected
    state.refresh_from_db()
    if expected == ALLOWED:
        assert state.status == WorkflowState.STATUS_APPROVED
        assert live_introduction(provider) == DRAFT_INTRODUCTION
    else:
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert live_introduction(provider) == LIVE_INTRODUCTION


# --- Publish without review ----------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_publish_directly(as_role, provider, role, expected):
    data = edit_form_data(provider, introduction=DRAFT_INTRODUCTION, **{"action-publish": "1"})

    response = as_role(role).post(edit_url(provider), data)

    if role == "editor":
        # The editor has no publish button; a forged request only saves a draft.
        assert response.status_code == 302
        assert latest_introduction(provider) == DRAFT_INTRODUCTION
    else:
        assert outcome(response) == expected
    published = live_introduction(provider) == DRAFT_INTRODUCTION
    assert published == (expected == ALLOWED)


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_the_publish_button_is_offered(as_role, provider, role, expected):
    response = as_role(role).get(edit_url(provider))
    if role in ("anonymous", "reviewer"):
        assert outcome(response) == expected
    else:
        assert response.status_code == 200
        has_button = 'name="action-publish"' in response.content.decode()
        assert has_button == (expected == ALLOWED)


# --- Change a provider's status ------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_change_status(as_role, provider, role, expected):
    url = f"/admin/catalogue/providers/{provider.pk}/status/"
    client = as_role(role)

    assert outcome(client.get(url)) == expected
    response = client.post(
        url,
        {
            "status": Status.RECTIFYING,
            "reason": "年度评价不合格，限期整改。",
            "date": "2026-04-10",
            "deadline": "2026-07-10",
        },
    )

    assert outcome(response) == expected
    current = ProviderPage.objects.get(pk=provider.pk).status
    assert (current == Status.RECTIFYING) == (expected == ALLOWED)
    if expected == ALLOWED:
        assert "年度评价不合格，限期整改。" in Client().get(provider.url).content.decode()


@matrix(anonymous=LOGIN, editor=DENIED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_the_status_button_is_offered(as_role, people, provider, role, expected):
    """The page's header offers 变更状态 to those who may change it."""
    client = as_role(role)
    response = client.get(f"/admin/pages/{provider.pk}/edit/")
    if role in ("anonymous", "reviewer"):
        assert outcome(response) == expected
        return
    has_button = f"/admin/catalogue/providers/{provider.pk}/status/" in response.content.decode()
    assert has_button == (expected == ALLOWED)


# --- Where a reviewer lands after their step ------------------------------------------------


def follow(client, response):
    """Follow the redirects of an admin action; return the final response and its messages."""
    final = client.get(response["Location"], follow=True)
    return final, [str(message) for message in get_messages(final.wsgi_request)]


@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize("way", ["action menu", "editor footer"])
def test_after_their_step_the_reviewer_lands_on_the_dashboard(
    client, people, provider, action, way
):
    """A reviewer may edit the page only while it waits for them: after approving or asking for
    changes they land on the admin dashboard with a confirmation, not on a refusal."""
    state = submit(provider, people["editor"])
    task_state = state.current_task_state
    client.force_login(people["reviewer"])
    comment = "请补充典型案例。" if action == "reject" else ""
    if way == "action menu":
        response = client.post(
            f"/admin/pages/workflow/action/{provider.pk}/{action}/{task_state.pk}/",
            {"comment": comment},
        )
    else:
        data = edit_form_data(
            provider,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": action,
                "workflow-action-extra-data": f'{{"comment": "{comment}"}}',
            },
        )
        response = client.post(edit_url(provider), data)
    assert response.status_code == 302

    final, shown = follow(client, response)

    assert final.status_code == 200
    assert final.request["PATH_INFO"] == "/admin/"
    assert not any("没有权限" in message for message in shown), shown
    assert any(provider.title in message for message in shown), shown
    task_state.refresh_from_db()
    expected = TaskState.STATUS_APPROVED if action == "approve" else TaskState.STATUS_REJECTED
    assert task_state.status == expected


def test_the_approver_returns_to_the_provider_list_after_publishing(client, people, provider):
    state = at_approval_step(provider, people)
    client.force_login(people["approver"])
    response = approve(client, provider, state.current_task_state)

    final, shown = follow(client, response)

    assert final.status_code == 200
    assert not any("没有权限" in message for message in shown), shown
    assert live_introduction(provider) == DRAFT_INTRODUCTION


# --- Reviewers during their own step -------------------------------------------------------


def test_the_reviewer_can_return_the_change_with_a_reason(client, people, provider):
    state = submit(provider, people["editor"])
    task_state = state.current_task_state
    client.force_login(people["reviewer"])
    url = f"/admin/pages/workflow/action/{provider.pk}/reject/{task_state.pk}/"

    client.post(url, {"comment": ""})  # no reason: nothing happens
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    client.post(url, {"comment": "请补充典型案例。"})
    task_state.refresh_from_db()
    state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor reads the reason in the editor and can edit again.
    client.force_login(people["editor"])
    html = client.get(edit_url(provider)).content.decode()
    assert "请补充典型案例。" in html
    data = edit_form_data(provider, introduction="补充后的简介。")
    client.post(edit_url(provider), data)
    assert latest_introduction(provider) == "补充后的简介。"


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=ALLOWED, approver=DENIED, administrator=ALLOWED)
def test_cancel_the_review(as_role, people, provider, role, expected):
    """The editor who submitted, the step's reviewers and administrators can withdraw a change
    from review; it stays a draft and nothing is published."""
    state = submit(provider, people["editor"])
    data = edit_form_data(provider, **{"action-cancel-workflow": "1"})

    response = as_role(role).post(edit_url(provider), data)

    state.refresh_from_db()
    cancelled = state.status == WorkflowState.STATUS_CANCELLED
    assert cancelled == (expected == ALLOWED)
    if role == "anonymous":
        assert outcome(response) == LOGIN
    assert latest_introduction(provider) == DRAFT_INTRODUCTION
    assert live_introduction(provider) == LIVE_INTRODUCTION


# --- History and comparison ----------------------------------------------------------------


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=DENIED, approver=ALLOWED, administrator=ALLOWED)
def test_revision_history_and_comparison(as_role, people, provider, role, expected):
    """Editors see who changed what and compare a draft with the published version."""
    revision = draft_change(provider, people["editor"])
    client = as_role(role)
    history = client.get(f"/admin/pages/{provider.pk}/history/")
    compare = client.get(f"/admin/pages/{provider.pk}/revisions/compare/live...{revision.pk}/")
    assert outcome(history) == expected
    assert outcome(compare) == expected
    if expected == ALLOWED:
        assert DRAFT_INTRODUCTION in compare.content.decode()


# --- The promotion catalogue (推广目录) snippets ------------------------------------------------

PROMOTIONS = "/admin/snippets/cases/promotion/"


@pytest.fixture
def promotion(provider):
    from cases.factories import PromotionFactory
    from catalogue.factories import SolutionPageFactory

    solution = SolutionPageFactory(parent=provider)
    solution.save_revision().publish()
    return PromotionFactory(solution=solution, year=2025, note="部署快、投入低。")


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=ALLOWED, approver=ALLOWED, administrator=ALLOWED)
def test_view_the_promotion_catalogue(as_role, promotion, role, expected):
    client = as_role(role)
    assert outcome(client.get(PROMOTIONS)) == expected
    assert outcome(client.get("/admin/snippets/cases/pilotzone/")) == expected
    if expected == ALLOWED:
        assert promotion.note in client.get(PROMOTIONS).content.decode()


@matrix(anonymous=LOGIN, editor=ALLOWED, reviewer=DENIED, approver=DENIED, administrator=ALLOWED)
def test_manage_the_promotion_catalogue(as_role, promotion, role, expected):
    """The editors keep the catalogue: add, change and delete a promotion (and its pilots);
    reviewers and approvers only look at it."""
    from cases.models import PilotZone, Promotion

    client = as_role(role)
    allowed = expected == ALLOWED

    response = client.post(
        f"{PROMOTIONS}add/",
        {
            "solution": promotion.solution_id,
            "pilot": promotion.pilot_id,
            "year": 2026,
            "note": "新一年的推荐。",
        },
    )
    assert outcome(response) == expected
    assert Promotion.objects.filter(year=2026).exists() == allowed

    response = client.post(
        f"{PROMOTIONS}edit/{promotion.pk}/",
        {
            "solution": promotion.solution_id,
            "pilot": promotion.pilot_id,
            "year": 2025,
            "note": "改写的推荐理由。",
        },
    )
    assert outcome(response) == expected
    promotion.refresh_from_db()
    assert (promotion.note == "改写的推荐理由。") == allowed

    pilot = promotion.pilot
    response = client.post(
        f"/admin/snippets/cases/pilotzone/edit/{pilot.pk}/",
        {"name": "改名的试点", "slug": pilot.slug, "kind": pilot.kind, "sort_order": 0},
    )
    assert outcome(response) == expected
    assert PilotZone.objects.get(pk=pilot.pk).name == ("改名的试点" if allowed else pilot.name)

    response = client.post(f"{PROMOTIONS}delete/{promotion.pk}/")
    assert outcome(response) == expected
    assert Promotion.objects.filter(pk=promotion.pk).exists() != allowed
