"""Tooling for tests and docs (a headless-Chromium helper): in the checkout, not in the wheel."""
