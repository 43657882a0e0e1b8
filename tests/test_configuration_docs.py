from pathlib import Path

from zhongshu.conf import render_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_configuration_docs_list_every_setting():
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "run `make config-docs` and commit docs/configuration.md"
    )
