"""
Integration test: a metadata workflow ingests Clickhouse into
OpenMetadata. Fixtures (metadata, workflow_config) are in conftest.py.
"""

from metadata.generated.schema.entity.services.databaseService import DatabaseService
from metadata.workflow.metadata import MetadataWorkflow


def test_metadata_ingestion(metadata, workflow_config):
    """The workflow runs without errors and creates the service."""
    workflow = MetadataWorkflow.create(workflow_config)
    workflow.execute()
    workflow.raise_from_status()
    service_name = workflow_config["source"]["serviceName"]
    service = metadata.get_by_name(entity=DatabaseService, fqn=service_name)
    try:
        assert service is not None
        # TODO: assert on the entities the source created (names, columns,
        #   descriptions), with metadata.get_by_name or metadata.list_entities.
    finally:
        if service is not None:
            metadata.delete(entity=DatabaseService, entity_id=service.id, recursive=True, hard_delete=True)
