"""
Fixtures of the Clickhouse integration tests: the source in a container
(testcontainers) and an OpenMetadata server at http://localhost:8585.
"""

import pytest
from testcontainers.core.container import DockerContainer

from _openmetadata_testutils.helpers.docker import try_bind
from _openmetadata_testutils.ometa import OM_JWT, int_admin_ometa
from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import ClickhouseConnection

IMAGE = "clickhouse/clickhouse-server:24.3"
CONTAINER_PORT = 9000
SERVICE_NAME = "integration_clickhouse"
# TODO: the credentials the container is started with (see the container fixture).
USERNAME = "changeme"
PASSWORD = "changeme"


@pytest.fixture(scope="module")
def metadata():
    """OpenMetadata client (admin) for the workflow and the assertions."""
    return int_admin_ometa()


@pytest.fixture(scope="module")
def source_container():
    """The source in a container, on the same host port when it is free."""
    container = DockerContainer(IMAGE).with_exposed_ports(CONTAINER_PORT)
    # TODO: set what the image needs with container.with_env(...), and wait until
    #   the service accepts connections before yielding.
    with try_bind(container, CONTAINER_PORT, CONTAINER_PORT) as started:
        yield started


@pytest.fixture(scope="module")
def connection_config(source_container):
    """The service connection config pointing at the container."""
    host = source_container.get_container_host_ip()
    port = source_container.get_exposed_port(CONTAINER_PORT)
    return {
        "type": "Clickhouse",
        "hostPort": f"{host}:{port}",
        "username": USERNAME,
        "authType": {
            "password": PASSWORD,
        },
    }


@pytest.fixture(scope="module")
def service_connection(connection_config):
    return ClickhouseConnection.model_validate(connection_config)


@pytest.fixture(scope="module")
def workflow_config(connection_config):
    """A metadata workflow from the source to the OpenMetadata server."""
    return {
        "source": {
            "type": "clickhouse",
            "serviceName": SERVICE_NAME,
            "serviceConnection": {
                "config": connection_config,
            },
            "sourceConfig": {
                "config": {
                    "type": "DatabaseMetadata",
                },
            },
        },
        "sink": {"type": "metadata-rest", "config": {}},
        "workflowConfig": {
            "openMetadataServerConfig": {
                "hostPort": "http://localhost:8585/api",
                "authProvider": "openmetadata",
                "securityConfig": {"jwtToken": OM_JWT},
            },
        },
    }
