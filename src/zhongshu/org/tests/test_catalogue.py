import pytest

from zhongshu.org.catalogue import POSTS, ensure_posts
from zhongshu.org.models import Post

pytestmark = pytest.mark.django_db


def test_posts_catalogue_is_restored_without_overwriting_an_office_edit():
    Post.objects.filter(code="liaison").delete()
    Post.objects.filter(code="head").update(name="区长（示范）")
    assert ensure_posts() == 1
    assert Post.objects.get(code="head").name == "区长（示范）"
    assert set(Post.objects.values_list("code", flat=True)) >= {code for code, *_ in POSTS}
    assert ensure_posts() == 0
