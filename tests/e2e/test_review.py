"""The two-step review of DESIGN.md §5 through the real Wagtail admin: an editor submits a
change to a provider, an expert reviewer approves it, the association approves and publishes
it; and a reviewer who requests changes must give a reason that the editor then reads.

Each person works in a browser context of their own; the admin is set to English for them so
that the selectors use Wagtail's own labels.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Locator, Page, expect
from wagtail.users.models import UserProfile

from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
from portal.editorial import APPROVERS, EDITORS, REVIEWERS, WORKFLOW

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Review-path-2025"
OLD_INTRODUCTION = "专注中小企业数字化转型，提供咨询规划与系统实施服务。"
NEW_INTRODUCTION = "新增工业互联网平台部署与设备联网运维服务。"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
REASON = "请补充工业互联网平台的典型案例和客户名单。"


@pytest.fixture
def provider(home):
    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    provider = ProviderPageFactory(parent=index, introduction=OLD_INTRODUCTION)
    provider.save_revision().publish()
    provider.refresh_from_db()
    return provider


@pytest.fixture
def member(db):
    """A user of a group whose admin is in English."""

    def create(group_name: str) -> User:
        user = User.objects.create_user(
            f"review-{Group.objects.get(name=group_name).pk}",
            email=f"{group_name}@example.cn",
            password=PASSWORD,
        )
        user.groups.add(Group.objects.get(name=group_name))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user

    return create


@pytest.fixture
def people(member):
    return {name: member(name) for name in (EDITORS, REVIEWERS, APPROVERS)}


@pytest.fixture
def session(browser, live_server):
    """Open a new browser context logged in to the admin as the given user."""
    contexts = []

    def open_as(user: User) -> Page:
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    yield open_as
    for context in contexts:
        context.close()


def snap(page: Page, name: str) -> None:
    """Like the ``screenshot`` fixture, for the pages of the people's own browser contexts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def footer_button(page: Page, name) -> Locator:
    """A button of the editor's footer action menu, opening the "More actions" dropdown when
    the button is not the menu's default one."""
    footer = page.locator("footer")
    button = footer.get_by_role("button", name=name)
    if not button.is_visible():
        footer.get_by_role("button", name="More actions").click()
    expect(button).to_be_visible()
    return button


def edit_url(provider) -> str:
    return f"/admin/pages/{provider.pk}/edit/"


def leaves_editor(page: Page):
    page.wait_for_url(lambda url: "/edit/" not in url)


def open_from_dashboard(page: Page, provider) -> None:
    """Open the page the user has to review from the dashboard's "Awaiting your review"."""
    page.goto("/admin/")
    panel = (
        page.locator("section, .w-panel")
        .filter(has=page.get_by_role("heading", name="Awaiting your review"))
        .last
    )
    panel.get_by_role("link", name=provider.title).click()
    page.wait_for_url(f"**{edit_url(provider)}")


def submit_change(editor: Page, provider) -> None:
    editor.goto(edit_url(provider))
    introduction = editor.locator("textarea[name=introduction]")
    expect(introduction).to_have_value(OLD_INTRODUCTION)
    introduction.fill(NEW_INTRODUCTION)

    submit = footer_button(editor, re.compile(f"^\\s*Submit to {WORKFLOW}\\s*$"))
    # Editors may not publish: no publish button, in view or in the dropdown.
    expect(
        editor.locator("footer").get_by_role("button", name="Publish", exact=True)
    ).to_have_count(0)
    expect(editor.locator("footer [name=action-publish]")).to_have_count(0)
    submit.click()
    leaves_editor(editor)
    expect(editor.locator(".messages")).to_contain_text("has been submitted")


def lands_without_refusal(page: Page) -> None:
    """The page shown has no "no permission" message, in English or in Chinese."""
    body = page.locator("body")
    expect(body).not_to_contain_text("do not have permission")
    expect(body).not_to_contain_text("你没有权限")


def public_introduction_is(visitor: Page, provider, text: str) -> None:
    visitor.goto(provider.url)
    expect(visitor.locator("main")).to_contain_text(text)
    response = visitor.request.get(f"/api/v1/providers/{provider.uscc}")
    assert response.ok, response.status
    assert response.json()["introduction"] == text


def test_a_change_goes_live_only_after_review_and_approval(
    page, provider, people, session, screenshot
):
    editor = session(people[EDITORS])
    submit_change(editor, provider)
    snap(editor, "review-1-editor-submitted")

    public_introduction_is(page, provider, OLD_INTRODUCTION)
    expect(page.locator("main")).not_to_contain_text(NEW_INTRODUCTION)
    screenshot("review-2-public-before-review")

    # Step 1, 专家评审: the expert reviewer approves from the editor.
    reviewer = session(people[REVIEWERS])
    open_from_dashboard(reviewer, provider)
    expect(reviewer.locator("textarea[name=introduction]")).to_have_value(NEW_INTRODUCTION)
    approve = footer_button(reviewer, re.compile(r"^\s*Approve\s*$"))
    snap(reviewer, "review-3-reviewer-approves")
    approve.click()
    leaves_editor(reviewer)
    # The page has moved on to a step that is not theirs: they land on the dashboard with a
    # confirmation, not on a refusal ("you do not have permission", 你没有权限).
    reviewer.wait_for_url(re.compile(r"/admin/$"))
    lands_without_refusal(reviewer)
    expect(reviewer.locator(".messages")).to_contain_text(provider.title)
    snap(reviewer, "review-3b-reviewer-back-on-dashboard")
    reviewer.goto("/admin/")
    expect(reviewer.get_by_role("link", name=provider.title)).to_have_count(0)

    public_introduction_is(page, provider, OLD_INTRODUCTION)

    # Step 2, 协会审批: approving the last step publishes.
    approver = session(people[APPROVERS])
    open_from_dashboard(approver, provider)
    expect(approver.locator("textarea[name=introduction]")).to_have_value(NEW_INTRODUCTION)
    approve = footer_button(approver, re.compile(r"^\s*Approve and Publish\s*$"))
    snap(approver, "review-4-approver-approves")
    approve.click()
    leaves_editor(approver)
    snap(approver, "review-5-approver-published")

    public_introduction_is(page, provider, NEW_INTRODUCTION)
    screenshot("review-6-public-after-approval")


def test_requesting_changes_needs_a_reason_the_editor_reads(page, provider, people, session):
    editor = session(people[EDITORS])
    submit_change(editor, provider)

    reviewer = session(people[REVIEWERS])
    open_from_dashboard(reviewer, provider)
    footer_button(reviewer, re.compile(r"^\s*Request changes\s*$")).click()
    modal = reviewer.locator(".modal[role=dialog]")
    expect(modal.get_by_role("heading", name="Request changes")).to_be_visible()
    # An empty reason is refused in the modal; nothing is sent to the editor.
    modal.get_by_role("button", name="Request changes").click()
    expect(modal.locator(".w-field__errors")).to_contain_text("This field is required")
    snap(reviewer, "review-7-reason-required")

    modal.locator("textarea[name=comment]").fill(REASON)
    modal.get_by_role("button", name="Request changes").click()
    leaves_editor(reviewer)
    reviewer.wait_for_url(re.compile(r"/admin/$"))
    lands_without_refusal(reviewer)
    snap(reviewer, "review-8-changes-requested")

    # The editor sees that changes were requested, and why, and may resubmit.
    editor.goto("/admin/")
    expect(editor.locator("main")).to_contain_text("Changes requested at 专家评审")
    editor.goto(f"/admin/pages/{provider.pk}/history/")
    expect(editor.locator("main")).to_contain_text(REASON)
    snap(editor, "review-9-editor-reads-reason")
    editor.goto(edit_url(provider))
    footer_button(editor, re.compile(r"^\s*Resubmit to 专家评审\s*$"))

    public_introduction_is(page, provider, OLD_INTRODUCTION)
    editor.goto(f"/admin/pages/{provider.pk}/workflow_history/")
    editor.locator("main").get_by_role("link", name=WORKFLOW).click()
    editor.wait_for_url(re.compile(r"/workflow_history/detail/\d+/$"))
    expect(editor.locator("main")).to_contain_text(REASON)
