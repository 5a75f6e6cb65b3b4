"""The source model: an analysis made of sections, and how it is read from and written to files."""

from briefer.source.model import Analysis, AnalysisMeta, Bullet, Figure, Section, Table

__all__ = ["Analysis", "AnalysisMeta", "Bullet", "Figure", "Section", "Table"]
