from rest_framework.pagination import CursorPagination, PageNumberPagination


class DefaultPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class BigListPagination(CursorPagination):
    """For lists that grow without bound (tracked items, audit): stable, index-friendly.

    The page is chosen on the narrow columns alone (the key and the sort columns, often
    straight from an index) and only its rows are then read in full, with their joins:
    sorting thousands of wide rows to keep fifty is what costs (as ``page_of`` does for
    the HTML lists)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-created_at", "-id")

    def paginate_queryset(self, queryset, request, view=None):
        columns = _local_columns(queryset.model, self.get_ordering(request, queryset, view))
        if columns is None:  # sorted on a related table's column: read the rows directly
            return super().paginate_queryset(queryset, request, view)
        narrow = queryset.select_related(None).prefetch_related(None).only(*columns)
        page = super().paginate_queryset(narrow, request, view)
        if page is None:
            return None
        ids = [row.pk for row in page]
        rows = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
        self.page = [rows[pk] for pk in ids if pk in rows]
        return self.page


def _local_columns(model, ordering) -> list[str] | None:
    """The model's own field names in ``ordering`` (with the key), or None when the order
    reaches into another table."""
    names = {"pk"}
    for term in ordering:
        name = term.lstrip("-")
        if "__" in name:
            return None
        names.add(name)
    return sorted(names)
