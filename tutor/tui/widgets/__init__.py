"""Small reusable widgets of the TUI."""
