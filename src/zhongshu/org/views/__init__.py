"""The organisation's pages (Chinese, server-rendered, htmx)."""
