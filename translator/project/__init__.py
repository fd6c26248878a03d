"""The project as the front ends see it: its documents and languages, and every step over them."""

from translator.project.facade import Project, StepReport

__all__ = ["Project", "StepReport"]
