"""The offline bundle: build it on a connected machine, install from it on one without network (docs/deploy.md)."""
