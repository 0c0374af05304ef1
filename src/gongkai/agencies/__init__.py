"""Agencies, people and roles; the working-day calendar table; audit of platform changes."""
