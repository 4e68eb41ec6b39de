"""Taggers: plain functions from text to Spans; no XML here."""
