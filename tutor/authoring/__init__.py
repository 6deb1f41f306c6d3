"""Tools for trainers who write calls: lint every path, draw the call, transcript tests, templates.

Plain Python over the core (loader, engine, evaluator); the CLI is a thin front end to
``tutor.authoring.commands``.
"""
