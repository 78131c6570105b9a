import pytest

pytestmark = pytest.mark.django_db


def test_admin_login_page_is_reachable(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_superuser_reaches_the_dashboard_and_taxonomy(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/snippets/catalogue/subtype/").status_code == 200
