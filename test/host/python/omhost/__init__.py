"""The host layer's Python side: runs generated OpenMetadata connectors inside the real package."""
