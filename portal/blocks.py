from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("标题")
        template = "portal/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("类型"),
        choices=[("info", _("提示")), ("warning", _("注意")), ("success", _("要点"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("标题"), max_length=120, required=False)
    body = blocks.RichTextBlock(label=_("内容"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("提示框")
        template = "portal/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("步骤"), max_length=120)
    text = blocks.TextBlock(label=_("说明"), required=False)


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("步骤")
        template = "portal/blocks/steps.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=200)
    answer = blocks.RichTextBlock(label=_("回答"), features=["bold", "link", "ul", "ol"])


class FAQBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(QuestionBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = _("常见问题")
        template = "portal/blocks/faq.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="portal/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    steps = StepsBlock()
    faq = FAQBlock()
    image = ImageBlock(label=_("图片"), template="portal/blocks/image.html")
