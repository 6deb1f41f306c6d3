"""The app's screens: library, call, debrief and help."""
