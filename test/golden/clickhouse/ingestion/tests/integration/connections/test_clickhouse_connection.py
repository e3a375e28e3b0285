"""
Integration test of the Clickhouse test-connection steps against the
source in a container (testcontainers). Needs an OpenMetadata server at
http://localhost:8585 that knows the test-connection definition of the connector.
"""

import pytest
from testcontainers.core.container import DockerContainer

from _openmetadata_testutils.helpers.docker import try_bind
from _openmetadata_testutils.ometa import int_admin_ometa
from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import ClickhouseConnection
from metadata.ingestion.source.database.clickhouse import connection

IMAGE = "clickhouse/clickhouse-server:24.3"
CONTAINER_PORT = 9000
# TODO: the credentials the container is started with (see service_connection).
USERNAME = "changeme"
PASSWORD = "changeme"


@pytest.fixture(scope="module")
def service_connection():
    """The service connection, pointing at the source in a container."""
    container = DockerContainer(IMAGE).with_exposed_ports(CONTAINER_PORT)
    # TODO: set what the image needs with container.with_env(...), and wait until
    #   the service accepts connections.
    with try_bind(container, CONTAINER_PORT, CONTAINER_PORT) as started:
        host = started.get_container_host_ip()
        port = started.get_exposed_port(CONTAINER_PORT)
        config = {
            "type": "Clickhouse",
            "hostPort": f"{host}:{port}",
            "username": USERNAME,
            "authType": {
                "password": PASSWORD,
            },
        }
        yield ClickhouseConnection.model_validate(config)


def test_mandatory_steps_pass(service_connection):
    """Every mandatory step of the test-connection definition passes."""
    metadata = int_admin_ometa()
    with connection.ClickhouseConnection(service_connection) as owned:
        result = owned.test_connection(metadata)
    steps = result.steps if result is not None else []
    failed = [step.name for step in steps if step.mandatory and not step.passed]
    assert not failed, f"mandatory test-connection steps failed: {failed}"
