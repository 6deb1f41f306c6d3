"""Developer tools that live beside the app: data checkers, not part of the installed package."""
