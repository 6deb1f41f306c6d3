"""Scenario model, YAML loader and validator."""
