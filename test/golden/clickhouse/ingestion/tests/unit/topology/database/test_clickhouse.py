"""
Unit tests of the Clickhouse source: it is created from a workflow
source config, with the client and the test connection mocked.
"""

from unittest import TestCase
from unittest.mock import MagicMock, patch

from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import ClickhouseConnection
from metadata.ingestion.source.database.clickhouse import connection
from metadata.ingestion.source.database.clickhouse.metadata import ClickhouseSource

# A minimal workflow source: "type" is the lowercased service type value, which
# is also the name of the package folder.
CONFIG = {
    "type": "clickhouse",
    "serviceName": "local_clickhouse",
    "serviceConnection": {
        "config": {
            "type": "Clickhouse",
            "hostPort": "localhost:9000",
            "username": "username",
        },
    },
    "sourceConfig": {
        "config": {
            "type": "DatabaseMetadata",
        },
    },
}


class ClickhouseSourceTest(TestCase):
    """Creates the source once per test, without a live source or server."""

    @patch.object(ClickhouseSource, "test_connection")
    @patch.object(connection, "get_connection")
    @patch.object(connection.ClickhouseConnection, "_get_client")
    def setUp(self, _get_client, get_connection, _test_connection):
        get_connection.return_value = MagicMock()
        _get_client.return_value = MagicMock()
        self.source = ClickhouseSource.create(CONFIG, MagicMock())

    def test_create_reads_the_connection(self):
        self.assertIsInstance(self.source, ClickhouseSource)
        self.assertIsInstance(self.source.service_connection, ClickhouseConnection)
        self.assertEqual(self.source.service_connection.type.value, "Clickhouse")

    # TODO: one test per implemented method, with the client (or engine) mocked
    #   to return sample responses taken from the source's documentation.
