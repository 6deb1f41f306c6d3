"""Scenarios: where they are found, how a file is read and checked, and the model it becomes.

``sources`` finds files and ``cards`` caches what a listing shows of them; ``loader`` turns one
file into a ``model.Scenario`` through ``tutor.safe_yaml``, ``schema`` (the format, written
with ``spec``), ``graph`` (how the steps link up) and ``build``. Plain Python: no engine, no UI.
"""
