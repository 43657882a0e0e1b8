from .documents import IncomingDocument, IncomingFile
from .steps import Circulation, HandlingTask, Instruction

__all__ = ["Circulation", "HandlingTask", "IncomingDocument", "IncomingFile", "Instruction"]
