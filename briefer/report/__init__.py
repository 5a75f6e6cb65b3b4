"""The written report: one document laid out from the same deck as the slides."""

from briefer.report.build import build_report
from briefer.report.model import Report

__all__ = ["Report", "build_report"]
