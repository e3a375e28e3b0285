from mage_integrations.utils.logger import Logger


class Connection:
    def __init__(self, verbose: int = 1, **kwargs):
        self.logger = Logger(caller=self)
        self.verbose = verbose
