"""Operations: health endpoint, background-task retries and report, mail sent once, uploads, security,
backup/restore."""
