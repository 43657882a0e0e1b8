from .people import Delegation, Person, Position, Post
from .portfolios import Portfolio
from .units import Section, SeriesCode, Unit

__all__ = ["Delegation", "Person", "Portfolio", "Position", "Post", "Section", "SeriesCode", "Unit"]
