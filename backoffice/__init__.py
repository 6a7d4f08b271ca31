"""The back office for editors, reviewers and leaders: Wagtail admin wording, branding and help."""
