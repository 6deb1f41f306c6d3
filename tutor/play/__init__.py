"""Playing a call without a person at the keys: a script of actions, or a derived path."""
