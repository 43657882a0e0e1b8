"""Zhongshu (中枢): the operations system of a government office."""
