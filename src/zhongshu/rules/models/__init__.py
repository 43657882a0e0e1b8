from .catalogue import Rule, RuleParameter
from .profiles import CatalogueState, ParameterValue, Profile, ProfileRule

__all__ = ["CatalogueState", "ParameterValue", "Profile", "ProfileRule", "Rule", "RuleParameter"]
