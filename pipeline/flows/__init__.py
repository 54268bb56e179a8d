"""Prefect flows: the thin orchestration layer over the pure stages."""
