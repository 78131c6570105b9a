from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.forms import TaskStateCommentForm
from wagtail.models import GroupApprovalTask, Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    lead = models.CharField(_("导语"), max_length=255, blank=True)
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            self.get_children().live().public().in_menu().specific().defer_streamfields()
        )
        return context


class StandardPage(Page):
    intro = models.TextField(_("摘要"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("普通页面")
        verbose_name_plural = _("普通页面")


class RejectionReasonForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("退回原因"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("编辑将看到这段说明，请写明需要修改的内容。"),
    )


class ReviewTask(GroupApprovalTask):
    """A group approval step whose "request changes" needs a reason the editor will read.

    Its reviewers may open, edit, return or withdraw the page only while it waits at their
    step (Wagtail's group approval rules). After they act, Wagtail would send them back to the
    page's editor, which they may no longer open; they go to the admin dashboard instead.
    """

    class Meta:
        verbose_name = _("审核步骤")
        verbose_name_plural = _("审核步骤")

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectionReasonForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        redirect_to = super().on_action(task_state, user, action_name, **kwargs)
        page = task_state.workflow_state.content_object
        if redirect_to is None and isinstance(page, Page) and not user_may_edit_page(user, page):
            from django.urls import reverse

            redirect_to = reverse("portal_review_done", args=[page.pk])
        return redirect_to


def user_may_edit_page(user, page) -> bool:
    """Whether the user may still open the page's editor, looking afresh at its workflow (the
    action just taken may have moved it to a step that is not theirs)."""
    page = Page.objects.filter(pk=page.pk).first()
    return page is None or page.permissions_for_user(user).can_edit()
