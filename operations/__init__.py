"""Operations: health endpoint, background-task retries and report, uploads, security, backup/restore."""
