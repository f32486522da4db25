"""A small OpenID Connect provider that answers the portal's HTTP calls without a network.

Only the network edge is replaced: `requests.get` and `requests.post` are routed here, and
everything behind them (token signature, JWKS lookup, nonce, claims) runs for real.
"""

import json
import secrets
import time
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://id.example.test"
CLIENT_ID = "strategiportalen"
CLIENT_SECRET = "client-secret-for-tests"


class FakeResponse:
    def __init__(self, url: str, status_code: int = 200, payload=None) -> None:
        self.url = url
        self.status_code = status_code
        self._payload = payload
        self.text = json.dumps(payload)
        self.headers = {"content-type": "application/json"}

    def json(self):
        return self._payload

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            import requests

            raise requests.HTTPError(f"{self.status_code} for {self.url}", response=self)


class FakeProvider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.calls: list[str] = []
        # What the next token is signed with and for whom; tests change these to attack.
        self.audience = CLIENT_ID
        self.signing_key = self.key

    # --- the provider's documents -------------------------------------------------------
    def discovery(self) -> dict:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "userinfo_endpoint": f"{ISSUER}/userinfo",
            "jwks_uri": f"{ISSUER}/jwks",
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    # --- the user's trip to the provider -----------------------------------------------
    def authorize(self, location: str, claims: dict) -> dict:
        """The user logs in at the provider; returns the callback's query parameters."""
        assert location.startswith(f"{ISSUER}/authorize?")
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"claims": claims, "nonce": query["nonce"]}
        return {"code": code, "state": query["state"]}

    # --- the network edge ---------------------------------------------------------------
    def get(self, url, headers=None, **kwargs):
        self.calls.append(f"GET {url}")
        if url == f"{ISSUER}/.well-known/openid-configuration":
            return FakeResponse(url, payload=self.discovery())
        if url == f"{ISSUER}/jwks":
            return FakeResponse(url, payload=self.jwks())
        if url == f"{ISSUER}/userinfo":
            token = (headers or {}).get("Authorization", "").removeprefix("Bearer ")
            if token not in self.access_tokens:
                return FakeResponse(url, 401, {"error": "invalid_token"})
            return FakeResponse(url, payload=self.access_tokens[token])
        raise AssertionError(f"unexpected GET {url}")

    def post(self, url, data=None, auth=None, **kwargs):
        self.calls.append(f"POST {url}")
        assert url == f"{ISSUER}/token", url
        if data.get("client_id") != CLIENT_ID or data.get("client_secret") != CLIENT_SECRET:
            return FakeResponse(url, 401, {"error": "invalid_client"})
        grant = self.codes.pop(data.get("code"), None)
        if grant is None:
            return FakeResponse(url, 400, {"error": "invalid_grant"})
        claims = grant["claims"]
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": ISSUER,
                "aud": self.audience,
                "sub": claims["sub"],
                "nonce": grant["nonce"],
                "iat": now,
                "exp": now + 300,
            },
            self.signing_key,
            algorithm="RS256",
            headers={"kid": self.kid},
        )
        access_token = secrets.token_urlsafe(16)
        self.access_tokens[access_token] = claims
        return FakeResponse(
            url,
            payload={"id_token": id_token, "access_token": access_token, "token_type": "Bearer"},
        )
