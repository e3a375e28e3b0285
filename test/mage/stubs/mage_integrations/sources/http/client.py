from typing import Dict

import requests
from singer import utils

from mage_integrations.utils.logger import Logger

LOGGER = Logger()
REQUEST_TIMEOUT = 300


class HttpError(Exception):
    pass


class Server4xxError(HttpError):
    pass


class Server5xxError(HttpError):
    pass


class AuthenticationError(Server4xxError):
    pass


class NotFoundError(Server4xxError):
    pass


ERRORS_BY_STATUS = {401: AuthenticationError, 404: NotFoundError}


def raise_for_error(response) -> None:
    """As upstream: any status other than 200 raises, the class chosen by the status code."""
    try:
        message = response.json().get("message", "Unknown Error")
    except Exception:
        message = "Unknown Error"
    status = response.status_code
    default = Server4xxError if 400 <= status < 500 else Server5xxError if status >= 500 else HttpError
    raise ERRORS_BY_STATUS.get(status, default)(f"HTTP-error-code: {status}, Error: {message}") from None


class Client:
    """mage_integrations' HTTP client: requests with the subclass's headers and params, the JSON body back."""

    def __init__(self, config, logger=None, api_result_limit=100):
        self.config = config
        self.logger = logger if logger is not None else LOGGER
        self.api_result_limit = api_result_limit

    def get_headers(self) -> Dict:
        return {}

    def get_params(self, params):
        return params

    @utils.ratelimit(100, 60)
    def make_request(self, url, method="get", params=None, body=None) -> Dict:
        timeout = float(self.config.get("request_timeout") or REQUEST_TIMEOUT)
        response = requests.request(
            method,
            url,
            headers=self.get_headers(),
            params=self.get_params(params or {}),
            json=body,
            timeout=timeout,
        )
        if response.status_code != 200:
            raise_for_error(response)
        return response.json()
