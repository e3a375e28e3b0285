from typing import Dict

from mage_integrations.utils.logger import Logger


class Connection:
    def __init__(self, verbose: int = 1, **kwargs):
        self.logger = Logger(caller=self)
        self.verbose = verbose

    def build_tags(self, **kwargs) -> Dict:
        return dict(kwargs)

    def info(self, message: str, tags: Dict = None) -> None:
        if self.verbose:
            self.logger.info(message, tags=tags)
