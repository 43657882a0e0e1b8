"""The organisation's business operations (one audited service each) and the read
helpers other apps call. Import from here: ``from zhongshu.org.services import acting_for``."""

from .delegations import create_delegation, revoke_delegation
from .imports import ImportResult, import_people, import_units, record_export
from .lookups import (
    PRINCIPAL_POSTS,
    acting_for,
    can_act_for,
    delegation_label,
    leaders_in_charge,
    people_with_post,
    principal_of,
    unit_subtree,
)
from .people import (
    archive_person,
    assign_position,
    create_person,
    create_post,
    end_position,
    restore_person,
    update_person,
    update_post,
)
from .portfolios import create_portfolio, end_portfolio, update_portfolio
from .sections import (
    archive_section,
    archive_series_code,
    create_section,
    create_series_code,
    restore_section,
    restore_series_code,
    update_section,
    update_series_code,
)
from .units import archive_unit, create_unit, restore_unit, update_unit

__all__ = [
    "PRINCIPAL_POSTS",
    "ImportResult",
    "acting_for",
    "archive_person",
    "archive_section",
    "archive_series_code",
    "archive_unit",
    "assign_position",
    "can_act_for",
    "create_delegation",
    "create_person",
    "create_portfolio",
    "create_post",
    "create_section",
    "create_series_code",
    "create_unit",
    "delegation_label",
    "end_portfolio",
    "end_position",
    "import_people",
    "import_units",
    "leaders_in_charge",
    "people_with_post",
    "principal_of",
    "record_export",
    "restore_person",
    "restore_section",
    "restore_series_code",
    "restore_unit",
    "revoke_delegation",
    "unit_subtree",
    "update_person",
    "update_portfolio",
    "update_post",
    "update_section",
    "update_series_code",
    "update_unit",
]
