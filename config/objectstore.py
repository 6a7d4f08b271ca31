"""STORAGES entries for an S3-compatible object store (django-storages), read by the settings.

Media go under `media/`, citizens' private attachments under `private/`, in one bucket whose
objects carry no public ACL: media URLs are signed (valid an hour, longer than any cached page
lives), documents are served through Django's permission check, private attachments only through
the admin's attachment view.
"""


def object_store_storages(endpoint_url, bucket, access_key, secret_key, region="us-east-1"):
    common = {
        "endpoint_url": endpoint_url,
        "bucket_name": bucket,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 3600,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": {**common, "location": "media"}},
        "private": {"BACKEND": backend, "OPTIONS": {**common, "location": "private"}},
    }
