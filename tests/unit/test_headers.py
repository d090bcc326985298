"""mep_kit.outputs.headers: _headers per host, and the policy for <meta>."""

from __future__ import annotations

import pytest

from mep_kit.core.errors import ContentError
from mep_kit.outputs.headers import headers_file, policy


def test_headers_file_per_host_and_meta_policy_without_header_only_directives():
    csp = {"default-src": "'self'", "frame-ancestors": "'none'"}
    netlify = headers_file(csp, {"X-Content-Type-Options": "nosniff"}, "/theme/assets")
    cloudflare = headers_file(csp, {}, "/theme/assets", host="cloudflare-pages")
    assert "/theme/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in netlify
    assert "! Cache-Control" not in netlify and "/theme/assets/*\n  ! Cache-Control\n" in cloudflare
    assert policy(csp, for_meta=True) == "default-src 'self'"
    with pytest.raises(ContentError, match="HEADERS_HOST: unknown host 'vercel'"):
        headers_file(csp, {}, "/theme/assets", host="vercel")
