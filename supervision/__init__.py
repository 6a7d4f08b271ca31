"""Supervision: the rule engine, monthly inspection reports, veto self-checks, link and availability probes."""
