from django import template

register = template.Library()


@register.filter
def safe_value(form, field_name: str) -> str:
    """The value the visitor submitted, to show again (empty when it was over-long)."""
    return form.safe_value(field_name)


@register.filter
def state_badge(state: str) -> str:
    return {"valid": "badge--success", "revoked": "badge--danger"}.get(state, "badge--warning")
