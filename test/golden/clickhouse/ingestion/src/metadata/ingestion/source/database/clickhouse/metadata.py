"""
Metadata source of the Clickhouse connector: databases, schemas, tables
and views read through the SQLAlchemy inspector.
"""

from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import ClickhouseConnection
from metadata.ingestion.api.steps import InvalidSourceException, OpenMetadata
from metadata.ingestion.source.database.common_db_source import CommonDbSourceService, WorkflowSource
from metadata.utils.logger import ingestion_logger

logger = ingestion_logger()


class ClickhouseSource(CommonDbSourceService):
    """
    CommonDbSourceService implements the whole database topology with the
    SQLAlchemy inspector; override what the dialect gets wrong.
    """

    @classmethod
    def create(cls, config_dict: dict, metadata: OpenMetadata, pipeline_name: str | None = None) -> "ClickhouseSource":
        config: WorkflowSource = WorkflowSource.model_validate(config_dict)
        connection = config.serviceConnection.root.config
        if not isinstance(connection, ClickhouseConnection):
            raise InvalidSourceException(f"Expected ClickhouseConnection, but got {connection}")
        return cls(config, metadata)
