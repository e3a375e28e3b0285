import sys


class Logger:
    """Writes to stderr: stdout is reserved for the Singer protocol."""

    def __init__(self, caller=None, **kwargs):
        self.caller = caller

    def _write(self, level, message, tags=None, **kwargs):
        sys.stderr.write(f"{level} {message} {tags or ''}\n")

    def info(self, message, tags=None, **kwargs):
        self._write("INFO", message, tags)

    def error(self, message, tags=None, **kwargs):
        self._write("ERROR", message, tags)

    def exception(self, message, tags=None, **kwargs):
        self._write("EXCEPTION", message, tags)
