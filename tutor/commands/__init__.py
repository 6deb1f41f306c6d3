"""Handlers of the headless subcommands that have grown past a few lines of ``tutor.cli``."""
