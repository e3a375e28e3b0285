from typing import Dict

from mage_integrations.utils.logger import Logger

LOGGER = Logger()
REQUEST_TIMEOUT = 300


class Client:
    def __init__(self, config, logger=None, api_result_limit=100):
        self.config = config
        self.logger = logger if logger is not None else LOGGER
        self.api_result_limit = api_result_limit

    def get_headers(self) -> Dict:
        return {}

    def get_params(self, params):
        return params

    def make_request(self, url, method="get", params=None, body=None) -> Dict:
        raise AssertionError("the stand-in client makes no network calls: patch make_request")
